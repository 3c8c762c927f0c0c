-- Reading the canonical tables back.

-- name: steps
SELECT step_id, step_order, name, description FROM steps ORDER BY step_order, step_id;

-- name: outcomes
SELECT o.outcome_id, o.step_id, s.name AS step, s.step_order, o.statement, o.source, o.outcome_order
FROM outcomes o JOIN steps s USING (step_id)
ORDER BY s.step_order, o.outcome_order;

-- name: attributes
SELECT column_name, original_header, data_type, position
FROM column_catalogue WHERE table_name = 'respondents' AND role = 'attribute'
ORDER BY position;

-- name: counts
SELECT
    (SELECT count(*) FROM respondents) AS respondents,
    (SELECT count(*) FROM outcomes) AS outcomes,
    (SELECT count(*) FROM steps) AS steps,
    (SELECT count(DISTINCT competitor) FROM competitor_ratings) AS competitors;

-- name: competitor_names
SELECT DISTINCT competitor FROM competitor_ratings ORDER BY competitor;

-- name: attribute_groups
-- Attributes that split respondents into a handful of groups (2..30), for group filters.
SELECT c.column_name AS attribute, c.original_header AS header, 'attribute:' || c.column_name AS grouping,
       count(DISTINCT a.value) AS n_groups
FROM column_catalogue c
JOIN respondent_attributes a ON a.attribute = c.column_name
WHERE c.table_name = 'respondents'
GROUP BY ALL
HAVING count(DISTINCT a.value) BETWEEN 2 AND 30
ORDER BY min(c.position);

-- name: group_sizes
SELECT value AS grp, count(*) AS n
FROM respondent_attributes
WHERE attribute = $attribute AND value IS NOT NULL
GROUP BY value
ORDER BY n DESC, grp;

-- name: respondents_preview
SELECT * FROM respondents ORDER BY respondent_id LIMIT $limit;

-- name: attribute_headers
SELECT column_name, original_header FROM column_catalogue WHERE table_name = 'respondents';
