-- Editing the job map: steps (renamed, added, deleted, reordered) and their outcomes (moved
-- between steps, statements edited). core/strategy/jobmap.py validates and runs these in one
-- transaction per edit; step_order is kept contiguous (1..n) after every change.

-- name: steps
SELECT step_id, step_order, name, description FROM steps ORDER BY step_order, step_id;

-- name: outcome_counts
SELECT step_id, count(*) AS n_outcomes FROM outcomes GROUP BY step_id;

-- name: outcomes
SELECT outcome_id, step_id, statement FROM outcomes ORDER BY outcome_order, outcome_id;

-- name: next_step_id
SELECT coalesce(max(step_id), 0) + 1 FROM steps;

-- name: insert_step
-- Placed by step_order; set_order renumbers everything right after.
INSERT INTO steps (step_id, step_order, name, description)
VALUES ($step_id, $step_order, $name, $description);

-- name: update_step
UPDATE steps SET name = $name, description = $description WHERE step_id = $step_id;

-- name: set_order
-- $step_ids lists every step in its new order; each step's order becomes its 1-based position.
UPDATE steps SET step_order = list_position($step_ids, step_id) WHERE list_contains($step_ids, step_id);

-- name: move_step_outcomes
UPDATE outcomes SET step_id = $to_step_id WHERE step_id = $step_id;

-- name: delete_step_decisions
-- Focus-matrix choices are one row per step; a deleted step's choices go with it.
DELETE FROM decisions WHERE step_id = $step_id;

-- name: delete_step
DELETE FROM steps WHERE step_id = $step_id;

-- name: move_outcome
UPDATE outcomes SET step_id = $step_id WHERE outcome_id = $outcome_id;

-- name: edit_statement
UPDATE outcomes SET statement = $statement WHERE outcome_id = $outcome_id;
