// Accounts named by email only get their identity once an identity with that email exists.
MATCH (a:Account)
WHERE a.identityId IS NULL AND a.identityEmail IS NOT NULL
MATCH (i:Identity)
WHERE i.emailLower = a.identityEmail
SET a.identityId = i.id
