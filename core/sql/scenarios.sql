-- Focus-matrix scenarios: names, per-step choices, notes, targets and the undo history.
-- core/strategy/scenarios.py runs each change in one transaction and bumps the workspace revision.

-- name: list
SELECT
    s.scenario_id,
    s.name,
    s.created_at,
    s.notes,
    count(st.step_id) FILTER (WHERE d.choice <> 'unassigned') AS n_decided
FROM scenarios s
LEFT JOIN decisions d ON d.scenario_id = s.scenario_id
LEFT JOIN steps st ON st.step_id = d.step_id
GROUP BY ALL
ORDER BY s.created_at, s.name, s.scenario_id;

-- name: scenario_name
SELECT name FROM scenarios WHERE scenario_id = $scenario_id;

-- name: insert_scenario
INSERT INTO scenarios (scenario_id, name, created_at, notes)
VALUES ($scenario_id, $name, now()::TIMESTAMP, $notes);

-- name: rename_scenario
UPDATE scenarios SET name = $name WHERE scenario_id = $scenario_id;

-- name: set_scenario_notes
UPDATE scenarios SET notes = $notes WHERE scenario_id = $scenario_id;

-- name: delete_scenario_decisions
DELETE FROM decisions WHERE scenario_id = $scenario_id;

-- name: delete_scenario_history
DELETE FROM scenario_history WHERE scenario_id = $scenario_id;

-- name: delete_scenario
DELETE FROM scenarios WHERE scenario_id = $scenario_id;

-- name: copy_decisions
INSERT INTO decisions (scenario_id, step_id, choice, target, note)
SELECT $new_id, step_id, choice, target, note FROM decisions WHERE scenario_id = $scenario_id;

-- name: decisions
-- The decisions of one scenario for the steps that exist now, in job order.
SELECT d.step_id, d.choice, d.note, d.target
FROM decisions d
JOIN steps s ON s.step_id = d.step_id
WHERE d.scenario_id = $scenario_id
ORDER BY s.step_order;

-- name: all_decisions
SELECT d.scenario_id, d.step_id, d.choice, d.note, d.target
FROM decisions d
JOIN steps s ON s.step_id = d.step_id
ORDER BY d.scenario_id, s.step_order;

-- name: update_choices
-- $step_ids and $choices are parallel lists.
UPDATE decisions SET choice = c.choice
FROM (SELECT unnest($step_ids) AS step_id, unnest($choices) AS choice) c
WHERE decisions.scenario_id = $scenario_id AND decisions.step_id = c.step_id;

-- name: insert_choices
INSERT INTO decisions (scenario_id, step_id, choice)
SELECT $scenario_id, c.step_id, c.choice
FROM (SELECT unnest($step_ids) AS step_id, unnest($choices) AS choice) c
WHERE NOT EXISTS (
    SELECT 1 FROM decisions d WHERE d.scenario_id = $scenario_id AND d.step_id = c.step_id
);

-- name: prune
-- An unassigned step keeps its row only while it has a note or a target.
DELETE FROM decisions
WHERE scenario_id = $scenario_id AND choice = 'unassigned' AND note IS NULL AND target IS NULL;

-- name: ensure_decision
INSERT INTO decisions (scenario_id, step_id, choice)
SELECT $scenario_id, $step_id, 'unassigned'
WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE scenario_id = $scenario_id AND step_id = $step_id);

-- name: set_note
UPDATE decisions SET note = $note WHERE scenario_id = $scenario_id AND step_id = $step_id;

-- name: set_target
UPDATE decisions SET target = $target WHERE scenario_id = $scenario_id AND step_id = $step_id;

-- name: step_exists
SELECT count(*) FROM steps WHERE step_id = $step_id;

-- name: step_ids
SELECT step_id FROM steps ORDER BY step_order, step_id;

-- name: push_history
INSERT INTO scenario_history (scenario_id, seq, import_id, changed_at, label, assignment)
SELECT
    $scenario_id,
    coalesce((SELECT max(seq) FROM scenario_history WHERE scenario_id = $scenario_id), 0) + 1,
    coalesce((SELECT max(import_id) FROM import_log), 0),
    now()::TIMESTAMP,
    $label,
    $assignment;

-- name: trim_history
-- Keep the newest $keep entries of a scenario, and none from an earlier survey import.
DELETE FROM scenario_history
WHERE scenario_id = $scenario_id
  AND (seq <= (SELECT max(seq) FROM scenario_history WHERE scenario_id = $scenario_id) - $keep
       OR import_id <> coalesce((SELECT max(import_id) FROM import_log), 0));

-- name: last_history
SELECT seq, label, assignment
FROM scenario_history
WHERE scenario_id = $scenario_id AND import_id = coalesce((SELECT max(import_id) FROM import_log), 0)
ORDER BY seq DESC
LIMIT 1;

-- name: history_size
SELECT count(*)
FROM scenario_history
WHERE scenario_id = $scenario_id AND import_id = coalesce((SELECT max(import_id) FROM import_log), 0);

-- name: drop_history_entry
DELETE FROM scenario_history WHERE scenario_id = $scenario_id AND seq = $seq;
