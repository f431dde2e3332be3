// Store contract: a string list stored on a relationship comes back as written.
MATCH (a:Identity {id: $fromId}), (b:Identity {id: $toId})
MERGE (a)-[d:DELEGATES_TO]->(b)
SET d.scope = $scope
RETURN d.scope AS scope
