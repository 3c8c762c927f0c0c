-- The workspace as one .xlsx file and back (core/workspace/file.py). Reading is plain SELECTs;
-- restoring inserts DataFrames registered on the cursor as incoming_* (values are never spliced).

-- name: job_map
SELECT s.step_order, s.name AS step, o.outcome_id, o.statement, s.description AS step_description,
       s.step_id, o.outcome_order, o.source
FROM outcomes o JOIN steps s USING (step_id)
ORDER BY s.step_order, o.outcome_order, o.outcome_id;

-- name: steps
SELECT step_id, step_order, name, description FROM steps ORDER BY step_order, step_id;

-- name: attributes
SELECT column_name, original_header, data_type, position
FROM column_catalogue WHERE table_name = 'respondents' AND role = 'attribute'
ORDER BY position;

-- name: respondents
SELECT * FROM respondents ORDER BY respondent_id;

-- name: ratings
SELECT respondent_id, outcome_id, importance, satisfaction FROM ratings;

-- name: rated_outcomes
-- Outcomes with rating rows, in job order: the imp_/sat_ columns of the responses sheet.
SELECT o.outcome_id
FROM outcomes o JOIN steps s USING (step_id)
WHERE o.outcome_id IN (SELECT DISTINCT outcome_id FROM ratings)
ORDER BY s.step_order, o.outcome_order, o.outcome_id;

-- name: competitor_ratings
SELECT respondent_id, outcome_id, competitor, satisfaction
FROM competitor_ratings ORDER BY respondent_id, outcome_id, competitor;

-- name: settings
SELECT key, CAST(value AS VARCHAR) AS value FROM settings
WHERE key NOT IN ('revision', 'schema_version') ORDER BY key;

-- name: scenarios
SELECT scenario_id, name, strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') AS created_at, notes
FROM scenarios ORDER BY created_at, name;

-- name: decisions
SELECT sc.name AS scenario, d.scenario_id, s.step_order, s.name AS step, d.step_id, d.choice, d.note, d.target
FROM decisions d
JOIN scenarios sc USING (scenario_id)
JOIN steps s ON s.step_id = d.step_id
ORDER BY sc.created_at, sc.name, s.step_order;

-- name: segmentations
SELECT segmentation_id, name, strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') AS created_at, k, silhouette,
       CAST(params AS VARCHAR) AS params
FROM segmentations ORDER BY created_at, segmentation_id;

-- name: segments
SELECT segmentation_id, respondent_id, segment FROM segments ORDER BY segmentation_id, respondent_id;

-- name: import_log
SELECT import_id, strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at, file_name, format, rows_read,
       rows_dropped
FROM import_log ORDER BY import_id;

-- name: table_columns
SELECT column_name FROM information_schema.columns WHERE table_name = $table ORDER BY ordinal_position;

-- name: clear_settings
DELETE FROM settings WHERE key NOT IN ('revision', 'schema_version');
-- name: insert_settings
-- The survey's row replaces the one the survey import wrote in the same transaction.
INSERT INTO settings (key, value) SELECT key, CAST(value AS JSON) FROM incoming_settings
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- name: clear_scenarios
DELETE FROM decisions;
DELETE FROM scenario_history;
DELETE FROM scenarios;
-- name: insert_scenarios
INSERT INTO scenarios (scenario_id, name, created_at, notes)
SELECT scenario_id, name, CAST(created_at AS TIMESTAMP), notes FROM incoming_scenarios;
-- name: insert_decisions
INSERT INTO decisions (scenario_id, step_id, choice, target, note)
SELECT scenario_id, step_id, choice, target, note FROM incoming_decisions;

-- name: clear_segments
DELETE FROM segments;
DELETE FROM segment_rating_counts;
DELETE FROM segment_rating_totals;
DELETE FROM segmentations;
-- name: insert_segmentations
INSERT INTO segmentations (segmentation_id, name, created_at, k, silhouette, params)
SELECT segmentation_id, name, CAST(created_at AS TIMESTAMP), k, silhouette, CAST(params AS JSON)
FROM incoming_segmentations;
-- name: insert_segments
INSERT INTO segments (segmentation_id, respondent_id, segment)
SELECT segmentation_id, respondent_id, segment FROM incoming_segments;

-- The follow-through frameworks (schema_frameworks.sql), one table at a time: read whole, and
-- restored by column name from the sheet's columns that the table has.
-- name: read_capabilities
SELECT * FROM capabilities;
-- name: read_capability_links
SELECT * FROM capability_links;
-- name: read_capability_needs
SELECT * FROM capability_needs;
-- name: read_tradeoff_criteria
SELECT * FROM tradeoff_criteria;
-- name: read_tradeoff_scores
SELECT * FROM tradeoff_scores;
-- name: read_tradeoff_rows
SELECT * FROM tradeoff_rows ORDER BY position, row_id;
-- name: read_touchpoints
SELECT * FROM touchpoints;
-- name: read_messages
SELECT * FROM messages;
-- name: read_comm_elements
SELECT * FROM comm_elements ORDER BY position, element_id;
-- name: restore_capabilities
DELETE FROM capabilities;
INSERT INTO capabilities BY NAME SELECT * FROM incoming_framework;
-- name: restore_capability_links
DELETE FROM capability_links;
INSERT INTO capability_links BY NAME SELECT * FROM incoming_framework;
-- name: restore_capability_needs
DELETE FROM capability_needs;
INSERT INTO capability_needs BY NAME SELECT * FROM incoming_framework;
-- name: restore_tradeoff_criteria
DELETE FROM tradeoff_criteria;
INSERT INTO tradeoff_criteria BY NAME SELECT * FROM incoming_framework;
-- name: restore_tradeoff_scores
DELETE FROM tradeoff_scores;
INSERT INTO tradeoff_scores BY NAME SELECT * FROM incoming_framework;
-- name: restore_tradeoff_rows
DELETE FROM tradeoff_rows;
INSERT INTO tradeoff_rows BY NAME SELECT * FROM incoming_framework;
-- name: restore_touchpoints
DELETE FROM touchpoints;
INSERT INTO touchpoints BY NAME SELECT * FROM incoming_framework;
-- name: restore_messages
DELETE FROM messages;
INSERT INTO messages BY NAME SELECT * FROM incoming_framework;
-- name: restore_comm_elements
DELETE FROM comm_elements;
INSERT INTO comm_elements BY NAME SELECT * FROM incoming_framework;

-- name: table_schema
-- A table's columns with their type, whether a value is required, and whether it is in the primary key
-- (core/workspace/restore_checks.py checks framework sheets against it before a restore).
SELECT c.column_name, c.data_type, c.is_nullable = 'NO' AS not_null,
       coalesce(list_contains(k.constraint_column_names, c.column_name), false) AS primary_key
FROM information_schema.columns c
LEFT JOIN (
    SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'
) k ON k.table_name = c.table_name
WHERE c.table_name = $table
ORDER BY c.ordinal_position;

-- The customer uniqueness board (schema_frameworks.sql, core/strategy/customers.py).
-- name: read_customers
SELECT * FROM customers ORDER BY position NULLS LAST, customer_id;
-- name: read_customer_facts
SELECT * FROM customer_facts ORDER BY customer_id, position NULLS LAST, fact_id;
-- name: read_customer_tags
SELECT * FROM customer_tags ORDER BY customer_id, tag;
-- name: restore_customers
DELETE FROM customers;
INSERT INTO customers BY NAME SELECT * FROM incoming_framework;
-- name: restore_customer_facts
DELETE FROM customer_facts;
INSERT INTO customer_facts BY NAME SELECT * FROM incoming_framework;
-- name: restore_customer_tags
DELETE FROM customer_tags;
INSERT INTO customer_tags BY NAME SELECT * FROM incoming_framework;
-- The metrics tracker (issue 14.4): dates as ISO text, so a spreadsheet shows them as typed.
-- name: read_metrics
SELECT * REPLACE (strftime(baseline_date, '%Y-%m-%d') AS baseline_date, strftime(target_date, '%Y-%m-%d') AS target_date)
FROM metrics ORDER BY position NULLS LAST, metric_id;
-- name: read_metric_measurements
SELECT * REPLACE (strftime(measured_on, '%Y-%m-%d') AS measured_on)
FROM metric_measurements ORDER BY metric_id, measured_on;
-- name: restore_metrics
DELETE FROM metrics;
INSERT INTO metrics BY NAME SELECT * FROM incoming_framework;
-- name: restore_metric_measurements
DELETE FROM metric_measurements;
INSERT INTO metric_measurements BY NAME SELECT * FROM incoming_framework;
-- Survey waves (schema_frameworks.sql; core/analysis/waves.py): dates and times as ISO text, so
-- the sheet reads the same in any spreadsheet and casts back on restore.
-- name: read_waves
SELECT wave_id, label, file_name, strftime(fielded_on, '%Y-%m-%d') AS fielded_on,
       strftime(imported_at, '%Y-%m-%d %H:%M:%S') AS imported_at, respondents, position, match_note
FROM waves ORDER BY position, wave_id;
-- name: read_wave_counts
SELECT * FROM wave_counts ORDER BY wave_id, outcome_id, importance, satisfaction;
-- name: read_wave_competitor_counts
SELECT * FROM wave_competitor_counts ORDER BY wave_id, competitor, outcome_id, importance, satisfaction;
-- name: read_wave_competitor_totals
SELECT * FROM wave_competitor_totals ORDER BY wave_id, competitor;
-- name: restore_waves
DELETE FROM waves;
INSERT INTO waves BY NAME SELECT * FROM incoming_framework;
-- name: restore_wave_counts
DELETE FROM wave_counts;
INSERT INTO wave_counts BY NAME SELECT * FROM incoming_framework;
-- name: restore_wave_competitor_counts
DELETE FROM wave_competitor_counts;
INSERT INTO wave_competitor_counts BY NAME SELECT * FROM incoming_framework;
-- name: restore_wave_competitor_totals
DELETE FROM wave_competitor_totals;
INSERT INTO wave_competitor_totals BY NAME SELECT * FROM incoming_framework;

-- Growth strategy overrides (issue 16.3, core/strategy/growth.py). Only those of the whole market
-- and of segmentations that still exist: a restore refuses an override naming a segmentation the
-- file lacks (core/workspace/restore_growth.py), so a deleted segmentation's are left behind.
-- name: read_growth_overrides
SELECT * FROM growth_overrides
WHERE segmentation_id = 'market' OR segmentation_id IN (SELECT segmentation_id FROM segmentations)
ORDER BY segmentation_id, segment;
-- name: restore_growth_overrides
DELETE FROM growth_overrides;
INSERT INTO growth_overrides BY NAME SELECT * FROM incoming_framework;
-- name: read_voters
SELECT * FROM voters ORDER BY joined_at, participant_id;
-- name: read_votes
SELECT * FROM votes ORDER BY participant_id, step_id;
-- name: read_dot_votes
SELECT * FROM dot_votes ORDER BY participant_id, outcome_id;
-- name: restore_voters
DELETE FROM voters;
INSERT INTO voters BY NAME SELECT * FROM incoming_framework;
-- name: restore_votes
DELETE FROM votes;
INSERT INTO votes BY NAME SELECT * FROM incoming_framework;
-- name: restore_dot_votes
DELETE FROM dot_votes;
INSERT INTO dot_votes BY NAME SELECT * FROM incoming_framework;

-- Change marks (issue 17.4, core/workspace/change_marks.py) are concurrency bookkeeping, not user
-- work: the file does not carry them, and a restore starts them afresh (decision): every item is
-- marked as changed by the restore, at its revision and by no writer. A page drawn after the
-- restore is never refused; one drawn before it is refused for anything it changes rather than
-- silently overwriting what the restore brought. "Every item": each one marked before the restore
-- (a setting the restore took back to its default included) and each one the restore brought
-- (the items check_and_mark's callers name: docs/ARCHITECTURE.md, "Two people at once").
-- name: restart_change_marks
UPDATE change_marks SET rev = (SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'revision'), writer = '';
INSERT INTO change_marks (item, rev, writer)
SELECT DISTINCT item, (SELECT CAST(value AS BIGINT) FROM settings WHERE key = 'revision'), ''
FROM (
    SELECT 'scenario:' || scenario_id FROM scenarios
    UNION ALL SELECT kind || ':' || sc.scenario_id || ':' || st.step_id
    FROM scenarios sc CROSS JOIN steps st CROSS JOIN (VALUES ('choice'), ('note'), ('target')) AS kinds(kind)
    UNION ALL SELECT 'step:' || step_id FROM steps
    UNION ALL SELECT 'outcome:' || outcome_id FROM outcomes
    UNION ALL SELECT 'table:' || name FROM (VALUES ('capabilities'), ('capability_links')) AS tables(name)
    UNION ALL SELECT 'setting:' || key FROM settings WHERE key NOT IN ('revision', 'schema_version')
) AS restored(item)
ON CONFLICT (item) DO UPDATE SET rev = excluded.rev, writer = excluded.writer;
