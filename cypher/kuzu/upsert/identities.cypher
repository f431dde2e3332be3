// Kuzu: columns instead of a list of maps (~100x faster to bind in kuzu 0.11; see src/store/kuzu-columns.ts); lists are 1-based and '' stands for null in string columns.
UNWIND range(1, size($rows_id)) AS k
WITH $rows_id[k] AS id, $rows_kind[k] AS kind, $rows_displayName[k] AS displayName, nullif($rows_email[k], '') AS email,
     nullif($rows_emailLower[k], '') AS emailLower, nullif($rows_department[k], '') AS department,
     nullif($rows_title[k], '') AS title, nullif($rows_managerId[k], '') AS managerId, $rows_status[k] AS status,
     nullif($rows_ownerId[k], '') AS ownerId, nullif($rows_purpose[k], '') AS purpose, nullif($rows_createdAt[k], '') AS createdAt,
     nullif($rows_terminatedAt[k], '') AS terminatedAt, nullif($rows_attributes[k], '') AS attributes, $rows_searchText[k] AS searchText
MERGE (n:Identity {id: id})
SET n.kind = kind, n.displayName = displayName, n.email = email, n.emailLower = emailLower, n.department = department,
    n.title = title, n.managerId = managerId, n.status = status, n.ownerId = ownerId, n.purpose = purpose,
    n.createdAt = createdAt, n.terminatedAt = terminatedAt, n.attributes = attributes, n.searchText = searchText,
    n.source = $source, n.updateTag = $tag
