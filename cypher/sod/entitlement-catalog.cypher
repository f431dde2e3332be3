// What separation-of-duties selectors match against: every entitlement with its attributes.
MATCH (x:Entitlement)
RETURN x.id AS id, x.systemId AS systemId, x.name AS name, x.kind AS kind, x.privileged AS privileged, x.sensitivity AS sensitivity
