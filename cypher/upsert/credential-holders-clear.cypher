// A credential's holder can change between runs; drop the old link before linking the new one.
UNWIND $ids AS id
MATCH (h)-[e:HOLDS]->(c:Credential {id: id})
DELETE e
