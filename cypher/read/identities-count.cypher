MATCH (n:Identity)
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($department IS NULL OR n.department = $department)
  AND ($text IS NULL OR n.searchText CONTAINS $text)
RETURN count(n) AS total
