// The copilot's name directory: accounts by id and username, with the identity that owns them.
MATCH (n:Account)
RETURN n.id AS id, n.username AS username, n.systemId AS systemId, n.identityId AS identityId, n.status AS status
ORDER BY id
