// The copilot's name directory: every identity by id, name and email, to resolve names in questions.
MATCH (n:Identity)
RETURN n.id AS id, n.kind AS kind, n.displayName AS name, n.email AS email, n.department AS department, n.title AS title, n.status AS status
ORDER BY id
