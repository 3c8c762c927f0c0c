-- Survey waves (issue 14.5; core/analysis/waves.py, tables in schema_frameworks.sql).
-- The base wave (wave_id 0) is the survey itself: its respondents are rating_totals', its
-- counts rating_counts'; a `waves` row for it holds only the label and date once they were set.

-- name: present
SELECT count(*) = 4 FROM duckdb_tables()
WHERE schema_name = 'main' AND NOT temporary
  AND table_name IN ('waves', 'wave_counts', 'wave_competitor_counts', 'wave_competitor_totals');

-- name: temporary
-- A read-only handle on a workspace written before waves existed: empty tables of this cursor.
CREATE TEMPORARY TABLE IF NOT EXISTS waves (
    wave_id INTEGER, label VARCHAR, file_name VARCHAR, fielded_on DATE, imported_at TIMESTAMP,
    respondents BIGINT, position INTEGER, match_note VARCHAR);
CREATE TEMPORARY TABLE IF NOT EXISTS wave_counts (
    wave_id INTEGER, outcome_id VARCHAR, importance SMALLINT, satisfaction SMALLINT, n BIGINT);
CREATE TEMPORARY TABLE IF NOT EXISTS wave_competitor_counts (
    wave_id INTEGER, competitor VARCHAR, outcome_id VARCHAR, importance SMALLINT, satisfaction SMALLINT, n BIGINT);
CREATE TEMPORARY TABLE IF NOT EXISTS wave_competitor_totals (wave_id INTEGER, competitor VARCHAR, respondents BIGINT);

-- name: is_stored
SELECT count(*) > 0 FROM waves WHERE wave_id = $wave AND wave_id > 0;

-- name: list
-- Every wave, the base first in its own row (label "Wave 1" until renamed), ordered by the
-- fielded date where known, then by import order (position).
WITH base AS (
    SELECT 0 AS wave_id,
           coalesce((SELECT label FROM waves WHERE wave_id = 0), $base_label) AS label,
           $base_file AS file_name,
           (SELECT fielded_on FROM waves WHERE wave_id = 0) AS fielded_on,
           CAST(NULL AS TIMESTAMP) AS imported_at,
           (SELECT respondents FROM rating_totals LIMIT 1) AS respondents,
           0 AS position,
           CAST(NULL AS VARCHAR) AS match_note
),
others AS (
    SELECT wave_id, label, file_name, fielded_on, imported_at, respondents, position, match_note
    FROM waves WHERE wave_id > 0
)
SELECT * FROM (SELECT * FROM base UNION ALL SELECT * FROM others)
ORDER BY fielded_on NULLS LAST, position, wave_id;

-- name: next_id
SELECT coalesce(max(wave_id), 0) + 1 FROM waves;

-- name: insert_wave
INSERT INTO waves (wave_id, label, file_name, fielded_on, imported_at, respondents, position, match_note)
VALUES ($wave, $label, $file_name, $fielded_on, current_localtimestamp(), $respondents, $wave, $match_note);

-- name: insert_counts
-- The wave's ratings counted per outcome (renamed to the base's ids by incoming_matches) and pair.
INSERT INTO wave_counts (wave_id, outcome_id, importance, satisfaction, n)
SELECT $wave, m.base_id, c.importance, c.satisfaction, c.n
FROM incoming_counts c JOIN incoming_matches m ON m.wave_outcome_id = c.outcome_id;

-- name: insert_competitor_counts
INSERT INTO wave_competitor_counts (wave_id, competitor, outcome_id, importance, satisfaction, n)
SELECT $wave, c.competitor, m.base_id, c.importance, c.satisfaction, c.n
FROM incoming_competitor_counts c JOIN incoming_matches m ON m.wave_outcome_id = c.outcome_id;

-- name: insert_competitor_totals
INSERT INTO wave_competitor_totals (wave_id, competitor, respondents)
SELECT $wave, competitor, respondents FROM incoming_competitor_totals;

-- name: upsert_base
-- The base wave's row, created the first time its label or date is set.
INSERT INTO waves (wave_id, label, position) SELECT 0, $base_label, 0
WHERE NOT EXISTS (SELECT 1 FROM waves WHERE wave_id = 0);

-- name: rename
UPDATE waves SET label = $label WHERE wave_id = $wave;

-- name: set_fielded_on
UPDATE waves SET fielded_on = $fielded_on WHERE wave_id = $wave;

-- name: delete_counts
DELETE FROM wave_counts WHERE wave_id = $wave;
-- name: delete_competitor_counts
DELETE FROM wave_competitor_counts WHERE wave_id = $wave;
-- name: delete_competitor_totals
DELETE FROM wave_competitor_totals WHERE wave_id = $wave;
-- name: delete_wave
DELETE FROM waves WHERE wave_id = $wave AND wave_id > 0;

-- name: labels
SELECT label FROM waves;

-- The counts of a survey read from a file (core.intake importers) or held by a workspace, over
-- the views incoming_ratings (respondent_id, outcome_id, importance, satisfaction) and
-- incoming_competitor_ratings (respondent_id, outcome_id, competitor, satisfaction).
-- name: count_ratings
SELECT outcome_id::VARCHAR AS outcome_id, importance::SMALLINT AS importance,
       satisfaction::SMALLINT AS satisfaction, count(*) AS n
FROM incoming_ratings GROUP BY ALL;

-- name: count_respondents
SELECT count(DISTINCT respondent_id) FROM incoming_ratings;

-- name: count_competitor_ratings
-- As scoring's 'competitors' source: a competitor's satisfaction paired with the same
-- respondent's own importance of the outcome.
SELECT c.competitor::VARCHAR AS competitor, c.outcome_id::VARCHAR AS outcome_id,
       r.importance::SMALLINT AS importance, c.satisfaction::SMALLINT AS satisfaction, count(*) AS n
FROM incoming_competitor_ratings c
LEFT JOIN incoming_ratings r ON r.respondent_id = c.respondent_id AND r.outcome_id = c.outcome_id
GROUP BY ALL;

-- name: count_competitor_respondents
SELECT competitor::VARCHAR AS competitor, count(DISTINCT respondent_id) AS respondents
FROM incoming_competitor_ratings GROUP BY ALL;

-- name: workspace_views
-- A workspace's own survey as the incoming_* views of this cursor (a restored workspace file).
CREATE OR REPLACE TEMPORARY VIEW incoming_ratings AS
SELECT respondent_id, outcome_id, importance, satisfaction FROM ratings;
CREATE OR REPLACE TEMPORARY VIEW incoming_competitor_ratings AS
SELECT respondent_id, outcome_id, competitor, satisfaction FROM competitor_ratings;

-- name: workspace_outcomes
SELECT o.outcome_id, o.statement FROM outcomes o JOIN steps s USING (step_id) ORDER BY s.step_order, o.outcome_order;

-- name: base_outcomes
SELECT o.outcome_id, o.statement FROM outcomes o JOIN steps s USING (step_id) ORDER BY s.step_order, o.outcome_order;
