// Whether the store is empty (the server loads the demo enterprise into an empty store).
MATCH (i:Identity)
RETURN count(i) AS identities
