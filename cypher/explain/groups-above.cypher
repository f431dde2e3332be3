UNWIND $ids AS wanted
MATCH (a:Account {id: wanted})-[:MEMBER_OF*1..16]->(g:AccessGroup)
RETURN DISTINCT g.id AS id
