MATCH (e:Entitlement)
RETURN e.id AS id, e.name AS name, e.systemId AS systemId, e.privileged AS privileged
