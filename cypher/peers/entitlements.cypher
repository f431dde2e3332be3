// The entitlement catalogue, for names in evidence sentences and to tell an unknown id from an unheld one.
MATCH (x:Entitlement)
RETURN x.id AS id, x.name AS name, x.systemId AS systemId, x.privileged AS privileged
