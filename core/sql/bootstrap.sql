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
-- Every ratings row of each group's respondents, in no particular order: the group's index (its
-- place among the group names in order, group_names below), the respondent's row in the group (0 … group_n − 1,
-- respondents numbered by id), the outcome's column and the raw ratings, −1 = missing (no scale
-- has −1 on it). Numbers only, no NULL: 750,000 rows reach numpy in a blink; text and NULLs cost
-- seconds. $grouping = '' is everyone (one group 'All': every respondent with a ratings row, the
-- group_n of scoring); otherwise a grouping of the respondent_groups view.
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
),
groups AS (
    SELECT grp, (row_number() OVER (ORDER BY grp) - 1)::INTEGER AS grp_index
    FROM (SELECT DISTINCT grp FROM members)
),
numbered AS (
    -- numbering the few thousand respondents, not the ratings rows: the windows stay small
    SELECT grp, respondent_id, (row_number() OVER (PARTITION BY grp ORDER BY respondent_id) - 1)::INTEGER AS "row"
    FROM (SELECT DISTINCT grp, respondent_id FROM members)
)
SELECT
    g.grp_index AS grp,
    n."row",
    c.col::INTEGER AS col,
    coalesce(m.importance, -1)::SMALLINT AS importance,
    coalesce(m.satisfaction, -1)::SMALLINT AS satisfaction
FROM members m
JOIN groups g ON g.grp = m.grp
JOIN numbered n ON n.grp = m.grp AND n.respondent_id = m.respondent_id
JOIN columns c ON c.outcome_id = m.outcome_id;

-- name: group_names
-- The groups of respondent_ratings, in the order of their index.
SELECT DISTINCT grp FROM (
    SELECT 'All' AS grp FROM ratings WHERE $grouping = ''
    UNION ALL
    SELECT g.grp
    FROM ratings r
    JOIN respondent_groups g ON g.respondent_id = r.respondent_id AND g.grouping = $grouping
    WHERE $grouping <> ''
)
ORDER BY grp;
