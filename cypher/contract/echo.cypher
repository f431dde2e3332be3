// Store contract: parameters come back unchanged (strings, null, booleans, integers, string lists).
RETURN $s AS s, $n AS n, $b AS b, $i AS i, $l AS l
