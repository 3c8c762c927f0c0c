-- Writing an imported survey into the workspace. The incoming_* relations are DataFrames the
-- importer registers on the cursor; their columns are internal names, never spreadsheet text.

-- name: clear_survey
DELETE FROM ratings;
DELETE FROM competitor_ratings;
DELETE FROM respondent_attributes;
DELETE FROM column_catalogue;
DELETE FROM segments;
DELETE FROM segment_rating_counts;
DELETE FROM segment_rating_totals;
DELETE FROM segmentations;
DELETE FROM decisions;
DELETE FROM outcomes;
DELETE FROM steps;

-- name: insert_steps
INSERT INTO steps (step_id, step_order, name, description)
SELECT step_id, step_order, name, description FROM incoming_steps;

-- name: insert_outcomes
INSERT INTO outcomes (outcome_id, step_id, statement, source, outcome_order)
SELECT outcome_id, step_id, statement, source, outcome_order FROM incoming_outcomes;

-- name: replace_respondents
CREATE OR REPLACE TABLE respondents AS SELECT * FROM incoming_respondents;

-- name: insert_catalogue
INSERT INTO column_catalogue (table_name, column_name, original_header, data_type, role, position)
SELECT 'respondents', column_name, original_header, data_type, 'attribute', position FROM incoming_catalogue;

-- name: insert_attributes
INSERT INTO respondent_attributes (respondent_id, attribute, value)
SELECT respondent_id, attribute, value FROM incoming_attributes;

-- name: insert_ratings
INSERT INTO ratings (respondent_id, outcome_id, importance, satisfaction)
SELECT respondent_id, outcome_id, importance, satisfaction FROM incoming_ratings;

-- name: insert_competitor_ratings
INSERT INTO competitor_ratings (respondent_id, outcome_id, competitor, satisfaction)
SELECT respondent_id, outcome_id, competitor, satisfaction FROM incoming_competitor_ratings;

-- name: next_import_id
SELECT coalesce(max(import_id), 0) + 1 FROM import_log;

-- name: insert_import_log
INSERT INTO import_log (import_id, imported_at, file_name, format, rows_read, rows_dropped, report)
VALUES ($import_id, now()::TIMESTAMP, $file_name, $format, $rows_read, $rows_dropped, $report);

-- name: latest_import
SELECT import_id, imported_at, file_name, format, rows_read, rows_dropped, report
FROM import_log ORDER BY import_id DESC LIMIT 1;

-- name: clear_source_files
DELETE FROM source_files;

-- name: insert_source_file
INSERT INTO source_files (import_id, file_name, content) VALUES ($import_id, $file_name, $content);

-- name: latest_source_file
SELECT file_name, content FROM source_files ORDER BY import_id DESC LIMIT 1;

-- name: threads
SELECT current_setting('threads');

-- name: set_threads
-- A setting of the whole database instance (not of the transaction): callers restore it.
SET threads = $threads;
