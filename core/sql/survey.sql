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
