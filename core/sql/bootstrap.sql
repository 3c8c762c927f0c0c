-- The respondents' own ratings, laid out for the bootstrap (core/analysis/bootstrap.py).
-- Resampling respondents needs each respondent's row, not the counts: a step's mean opportunity
-- moves with every outcome of one respondent at once.

-- name: outcome_columns
-- The outcomes in job order (the order of scoring.outcome_scores): column c of the matrices.
SELECT o.outcome_id, o.step_id, row_number() OVER (ORDER BY s.step_order, o.outcome_order, o.outcome_id) - 1 AS col
FROM outcomes o
JOIN steps s ON s.step_id = o.step_id
ORDER BY col;

-- name: respondent_ratings
-- Every ratings row of each group's respondents: the group, the respondent's row in the group
-- (0 … group_n − 1, respondents numbered by id), the outcome's column and the raw ratings (NULL =
-- missing). $grouping = '' is everyone (one group 'All': every respondent with a ratings row,
-- the group_n of scoring); otherwise a grouping of the respondent_groups view.
WITH members AS (
    SELECT 'All' AS grp, respondent_id, outcome_id, importance, satisfaction
    FROM ratings
    WHERE $grouping = ''
    UNION ALL
    SELECT g.grp, r.respondent_id, r.outcome_id, r.importance, r.satisfaction
    FROM ratings r
    JOIN respondent_groups g ON g.respondent_id = r.respondent_id AND g.grouping = $grouping
    WHERE $grouping <> ''
),
columns AS (
    SELECT o.outcome_id, row_number() OVER (ORDER BY s.step_order, o.outcome_order, o.outcome_id) - 1 AS col
    FROM outcomes o
    JOIN steps s ON s.step_id = o.step_id
)
SELECT
    m.grp,
    (dense_rank() OVER (PARTITION BY m.grp ORDER BY m.respondent_id) - 1)::INTEGER AS "row",
    c.col::INTEGER AS col,
    m.importance,
    m.satisfaction
FROM members m
JOIN columns c ON c.outcome_id = m.outcome_id;
