// Store contract: MERGE by id, then set plain properties.
MERGE (i:Identity {id: $id})
SET i.displayName = $displayName, i.department = $department, i.updateTag = $updateTag
RETURN i.id AS id
