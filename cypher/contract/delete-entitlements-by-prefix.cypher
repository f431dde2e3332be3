// Store contract: cleanup of the entitlements the suite wrote.
MATCH (e:Entitlement)
WHERE e.id STARTS WITH $prefix
DETACH DELETE e
