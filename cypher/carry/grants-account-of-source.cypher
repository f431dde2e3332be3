// A rebuild counts this source's edges that the run no longer supplies (its `removed` counts).
MATCH (a:Account)-[e:GRANTS]->(b:Entitlement)
WHERE e.source = $source
RETURN a.id AS fromId, b.id AS toId
