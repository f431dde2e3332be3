// One key, so kuzu 0.11 uses the primary-key index (groups-above scans every account: 350 ms at M); src/read/near-miss-reader.ts picks it for small batches.
MATCH (a:Account {id: $id})-[:MEMBER_OF*1..16]->(g:AccessGroup)
RETURN DISTINCT g.id AS id
