// Systems that report usage at all: on the others, "never used" means "never measured", not unused.
MATCH (:Account)-[:USED]->(x:Entitlement)
RETURN DISTINCT x.systemId AS systemId
