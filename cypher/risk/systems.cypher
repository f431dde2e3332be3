// Systems with their criticality, which raises the severity of account findings on them.
MATCH (s:System)
RETURN s.id AS id, s.name AS name, s.criticality AS criticality
