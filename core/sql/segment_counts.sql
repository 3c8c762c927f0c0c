-- The counts behind scoring a saved segmentation's segments (core/sql/schema_counts.sql,
-- core/analysis/segment_counts.py), rewritten from `segments` and `ratings`.

-- name: forget
DELETE FROM segment_rating_counts WHERE $segmentation_id IS NULL OR segmentation_id = $segmentation_id;
-- name: forget_totals
DELETE FROM segment_rating_totals WHERE $segmentation_id IS NULL OR segmentation_id = $segmentation_id;

-- name: count
-- The pairs of the one query that scores groups from raw ratings (scoring.sql, `grouped`), per segment.
INSERT INTO segment_rating_counts (segmentation_id, segment, outcome_id, importance, satisfaction, n)
SELECT g.segmentation_id, g.segment, r.outcome_id, r.importance, r.satisfaction, count(*)
FROM ratings r
JOIN segments g ON g.respondent_id = r.respondent_id
WHERE $segmentation_id IS NULL OR g.segmentation_id = $segmentation_id
GROUP BY ALL;

-- name: count_totals
INSERT INTO segment_rating_totals (segmentation_id, segment, respondents)
SELECT g.segmentation_id, g.segment, count(DISTINCT r.respondent_id)
FROM ratings r
JOIN segments g ON g.respondent_id = r.respondent_id
WHERE $segmentation_id IS NULL OR g.segmentation_id = $segmentation_id
GROUP BY ALL;

-- name: rename
UPDATE segment_rating_counts SET segment = $new_name WHERE segmentation_id = $segmentation_id AND segment = $old_name;
-- name: rename_totals
UPDATE segment_rating_totals SET segment = $new_name WHERE segmentation_id = $segmentation_id AND segment = $old_name;

-- name: counted
-- Whether scoring $grouping ('segmentation:<id>') can read the counts.
SELECT count(*) > 0 FROM segment_rating_totals WHERE 'segmentation:' || segmentation_id = $grouping;

-- name: uncounted
-- Saved segmentations without counts (saved before they existed).
SELECT segmentation_id FROM segmentations
WHERE segmentation_id NOT IN (SELECT segmentation_id FROM segment_rating_totals)
ORDER BY segmentation_id;

-- name: present
SELECT count(*) = 2 FROM duckdb_tables()
WHERE schema_name = 'main' AND table_name IN ('segment_rating_counts', 'segment_rating_totals') AND NOT temporary;

-- name: temporary
-- A read-only handle on a workspace written before these counts: empty temporary tables, so the
-- scoring query binds and every segmentation is scored from the raw ratings.
CREATE TEMPORARY TABLE segment_rating_counts (
    segmentation_id VARCHAR, segment VARCHAR, outcome_id VARCHAR, importance SMALLINT, satisfaction SMALLINT, n BIGINT
);
CREATE TEMPORARY TABLE segment_rating_totals (segmentation_id VARCHAR, segment VARCHAR, respondents BIGINT);
