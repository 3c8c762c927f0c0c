-- Bulk changes to the job map and their undo (core/strategy/jobmap_bulk.py). The current survey
-- import is coalesce(max(import_id), 0) of import_log, as for the scenarios' undo.

-- name: snapshot_steps
SELECT step_id, step_order, name, description FROM steps ORDER BY step_order, step_id;

-- name: snapshot_outcomes
SELECT outcome_id, step_id FROM outcomes ORDER BY outcome_order, outcome_id;

-- name: snapshot_decisions
SELECT scenario_id, step_id, choice, target, note FROM decisions ORDER BY scenario_id, step_id;

-- name: push_history
INSERT INTO jobmap_history (seq, import_id, changed_at, label, snapshot)
SELECT
    coalesce((SELECT max(seq) FROM jobmap_history), 0) + 1,
    coalesce((SELECT max(import_id) FROM import_log), 0),
    now()::TIMESTAMP,
    $label,
    $snapshot;

-- name: trim_history
-- Keep the newest $keep entries, and none from an earlier survey import.
DELETE FROM jobmap_history
WHERE seq <= (SELECT max(seq) FROM jobmap_history) - $keep
   OR import_id <> coalesce((SELECT max(import_id) FROM import_log), 0);

-- name: last_history
SELECT seq, label, snapshot
FROM jobmap_history
WHERE import_id = coalesce((SELECT max(import_id) FROM import_log), 0)
ORDER BY seq DESC
LIMIT 1;

-- name: drop_history_entry
DELETE FROM jobmap_history WHERE seq = $seq;

-- name: move_outcomes
-- incoming_moves: outcome_id, step_id (one row per outcome to move).
UPDATE outcomes SET step_id = m.step_id
FROM incoming_moves m
WHERE outcomes.outcome_id = m.outcome_id AND outcomes.step_id <> m.step_id;

-- name: empty_steps
SELECT s.step_id, s.name
FROM steps s
WHERE NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.step_id = s.step_id)
ORDER BY s.step_order;

-- name: restore_clear_steps
-- Undo replaces the steps with the snapshot (restored_steps): a few rows.
DELETE FROM steps;

-- name: restore_steps
INSERT INTO steps (step_id, step_order, name, description)
SELECT step_id, step_order, name, description FROM restored_steps;

-- name: restore_delete_decisions
-- Focus choices of steps the change added go with them.
DELETE FROM decisions WHERE step_id NOT IN (SELECT step_id FROM steps);

-- name: restore_decisions
-- Focus choices of steps the change deleted come back; choices made since are kept.
INSERT INTO decisions (scenario_id, step_id, choice, target, note)
SELECT d.scenario_id, d.step_id, d.choice, d.target, d.note
FROM restored_decisions d
WHERE EXISTS (SELECT 1 FROM scenarios sc WHERE sc.scenario_id = d.scenario_id)
  AND EXISTS (SELECT 1 FROM steps st WHERE st.step_id = d.step_id)
  AND NOT EXISTS (
      SELECT 1 FROM decisions x WHERE x.scenario_id = d.scenario_id AND x.step_id = d.step_id
  );
