// A rebuild needs every usage pair: other sources' to copy, this source's as the prior counts new events add to.
MATCH (a:Account)-[e:USED]->(b:Entitlement)
RETURN a.id AS fromId, b.id AS toId, e.lastUsedAt AS lastUsedAt, e.count AS count, e.source AS source, e.updateTag AS updateTag
