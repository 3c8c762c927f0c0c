-- The counts behind scoring (core/sql/schema_counts.sql), always rewritten whole from `ratings`.

-- name: refresh
DELETE FROM rating_counts;
INSERT INTO rating_counts (outcome_id, importance, satisfaction, n)
SELECT outcome_id, importance, satisfaction, count(*) FROM ratings GROUP BY ALL;
DELETE FROM rating_totals;
INSERT INTO rating_totals (respondents) SELECT count(DISTINCT respondent_id) FROM ratings;

-- name: filled
SELECT count(*) > 0 FROM rating_totals;

-- name: present
SELECT count(*) = 2 FROM duckdb_tables()
WHERE schema_name = 'main' AND table_name IN ('rating_counts', 'rating_totals') AND NOT temporary;

-- name: temporary
-- A read-only handle on a workspace written before the counts existed: the same counts as
-- this cursor's temporary tables (they live as long as the cursor), nothing written to the file.
CREATE TEMPORARY TABLE rating_counts AS
SELECT outcome_id, importance, satisfaction, count(*) AS n FROM ratings GROUP BY ALL;
CREATE TEMPORARY TABLE rating_totals AS SELECT count(DISTINCT respondent_id) AS respondents FROM ratings;
