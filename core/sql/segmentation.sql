-- Outcome-based segmentation (docs/ARCHITECTURE.md, Segments and need clusters): the ratings matrix the clustering reads,
-- the saved segmentations, and the counts that profile a segment against the rest.

-- name: matrix_respondents
-- Row order of the ratings matrix.
SELECT respondent_id FROM respondents ORDER BY respondent_id;

-- name: matrix_outcomes
-- Column order of the ratings matrix: job order.
SELECT o.outcome_id
FROM outcomes o JOIN steps s USING (step_id)
ORDER BY s.step_order, o.outcome_order, o.outcome_id;

-- name: matrix_cells
-- Every rated cell with its (row, column) in the matrix, so Python fills a dense array in one
-- vectorised step. Rows and columns are numbered in the orders of the two queries above.
WITH r AS (
    SELECT respondent_id, row_number() OVER (ORDER BY respondent_id) - 1 AS row_index
    FROM respondents
),
o AS (
    SELECT o.outcome_id, row_number() OVER (ORDER BY s.step_order, o.outcome_order, o.outcome_id) - 1 AS col_index
    FROM outcomes o JOIN steps s USING (step_id)
)
SELECT r.row_index, o.col_index, x.importance, x.satisfaction
FROM ratings x
JOIN r USING (respondent_id)
JOIN o USING (outcome_id)
WHERE x.importance IS NOT NULL OR x.satisfaction IS NOT NULL;

-- name: insert_segmentation
INSERT INTO segmentations (segmentation_id, name, created_at, k, silhouette, params)
VALUES ($segmentation_id, $name, now()::TIMESTAMP, $k, $silhouette, $params);

-- name: insert_segments
-- incoming_segments: a DataFrame (respondent_id, segment) registered on the cursor.
INSERT INTO segments (respondent_id, segmentation_id, segment)
SELECT respondent_id, $segmentation_id, segment FROM incoming_segments;

-- name: list_segmentations
SELECT s.segmentation_id, s.name, s.created_at, s.k, s.silhouette, s.params,
       count(g.respondent_id) AS n_respondents
FROM segmentations s
LEFT JOIN segments g USING (segmentation_id)
GROUP BY ALL
ORDER BY s.created_at, s.segmentation_id;

-- name: segmentation_groupings
-- Saved segmentations as group filters, like survey.attribute_groups: grouping, header, n_groups.
SELECT 'segmentation:' || s.segmentation_id AS grouping, s.name AS header, count(DISTINCT g.segment) AS n_groups
FROM segmentations s
JOIN segments g USING (segmentation_id)
GROUP BY ALL
ORDER BY min(s.created_at), min(s.segmentation_id);

-- name: segment_sizes
SELECT segment AS grp, count(*) AS n
FROM segments
WHERE segmentation_id = $segmentation_id
GROUP BY segment
ORDER BY n DESC, grp;

-- name: assignments
SELECT respondent_id, segment FROM segments WHERE segmentation_id = $segmentation_id ORDER BY respondent_id;

-- name: rename_segment
UPDATE segments SET segment = $new_name WHERE segmentation_id = $segmentation_id AND segment = $old_name;

-- name: rename_segmentation
UPDATE segmentations SET name = $name WHERE segmentation_id = $segmentation_id;

-- name: delete_segments
DELETE FROM segments WHERE segmentation_id = $segmentation_id;

-- name: delete_segmentation
DELETE FROM segmentations WHERE segmentation_id = $segmentation_id;

-- name: segment_counts
-- Per segment and outcome: valid ratings and ratings in the top two points ($top_min and up),
-- for the segment and for the rest of the segmented respondents (all segments − this one).
-- $complete_pairs: count only rows where both ratings are valid (the rule of scoring.sql).
-- $counted: read the counts kept when the segmentation was saved (core/workspace/segment_counts.py),
-- else count the raw ratings (a segmentation saved before those counts existed); the same figures.
WITH pairs AS (
    SELECT segment, outcome_id, importance, satisfaction, n FROM segment_rating_counts
    WHERE $counted AND segmentation_id = $segmentation_id
    UNION ALL
    SELECT m.segment, r.outcome_id, r.importance, r.satisfaction, count(*) AS n
    FROM ratings r
    JOIN segments m USING (respondent_id)
    WHERE NOT $counted AND m.segmentation_id = $segmentation_id
    GROUP BY ALL
),
counts AS (
    SELECT
        segment,
        outcome_id,
        coalesce(sum(n) FILTER (WHERE importance IS NOT NULL), 0)::BIGINT AS n_importance,
        coalesce(sum(n) FILTER (WHERE importance >= $top_min), 0)::BIGINT AS importance_top,
        coalesce(sum(n) FILTER (WHERE satisfaction IS NOT NULL), 0)::BIGINT AS n_satisfaction,
        coalesce(sum(n) FILTER (WHERE satisfaction >= $top_min), 0)::BIGINT AS satisfaction_top
    FROM pairs
    WHERE NOT $complete_pairs OR (importance IS NOT NULL AND satisfaction IS NOT NULL)
    GROUP BY ALL
)
SELECT
    segment,
    outcome_id,
    n_importance,
    importance_top,
    n_satisfaction,
    satisfaction_top,
    sum(n_importance) OVER w - n_importance AS rest_n_importance,
    sum(importance_top) OVER w - importance_top AS rest_importance_top,
    sum(n_satisfaction) OVER w - n_satisfaction AS rest_n_satisfaction,
    sum(satisfaction_top) OVER w - satisfaction_top AS rest_satisfaction_top
FROM counts
WINDOW w AS (PARTITION BY outcome_id)
ORDER BY segment, outcome_id;

-- name: attribute_mix
-- How each segment splits on each respondent attribute: respondents per (segment, attribute, value).
SELECT g.segment, a.attribute, a.value, count(*) AS n
FROM segments g
JOIN respondent_attributes a USING (respondent_id)
WHERE g.segmentation_id = $segmentation_id AND a.value IS NOT NULL
GROUP BY ALL
ORDER BY g.segment, a.attribute, n DESC, a.value;
