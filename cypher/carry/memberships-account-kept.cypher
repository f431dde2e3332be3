// A rebuild keeps this source's edges from the holders its rejected records name (narrowed to the named pairs by the caller). Never run with an empty list: kuzu 0.11 cannot type one.
MATCH (a:Account)-[e:MEMBER_OF]->(b:AccessGroup)
WHERE e.source = $source AND a.id IN $keptFrom
RETURN a.id AS fromId, b.id AS toId, e.grantedAt AS grantedAt, e.expiresAt AS expiresAt, e.source AS source, e.updateTag AS updateTag
