// Store contract: booleans, integers and nulls stored on a node come back as written.
MERGE (e:Entitlement {id: $id})
SET e.name = $name, e.privileged = $privileged, e.updateTag = $updateTag, e.description = $description
RETURN e.id AS id, e.name AS name, e.privileged AS privileged, e.updateTag AS updateTag, e.description AS description
