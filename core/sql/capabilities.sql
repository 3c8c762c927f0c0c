-- Capability–Need Connection Matrix (core/strategy/capabilities.py, core/views/capabilities.py).
-- Tables: core/sql/schema_frameworks.sql. One link per capability × outcome: every write of a
-- link deletes the pair first (set_link), and reads take one row per pair (the strongest), so a
-- restored file holding a duplicate pair still shows one cell.

-- name: capabilities
SELECT capability_id, name, description, owner, position, strength, cost, effort,
       valuable, rare, inimitable, barrier, organized
FROM capabilities
ORDER BY position NULLS LAST, name, capability_id;

-- name: insert_capability
INSERT INTO capabilities (capability_id, name, description, owner, position, strength, cost, effort)
VALUES ($capability_id, $name, $description, $owner,
        (SELECT coalesce(max(position), 0) + 1 FROM capabilities), $strength, $cost, $effort);

-- name: update_capability
UPDATE capabilities
SET name = $name, description = $description, owner = $owner, strength = $strength,
    cost = $cost, effort = $effort, valuable = $valuable, rare = $rare,
    inimitable = $inimitable, barrier = $barrier, organized = $organized
WHERE capability_id = $capability_id;

-- name: set_position
UPDATE capabilities SET position = $position WHERE capability_id = $capability_id;

-- name: delete_capability
DELETE FROM capabilities WHERE capability_id = $capability_id;

-- name: delete_capability_links
DELETE FROM capability_links WHERE capability_id = $capability_id;

-- name: links
-- One row per pair of an existing capability and an existing outcome; strength 0 rows without a
-- note are not kept, so "none" is the absence of a row.
SELECT l.capability_id, l.outcome_id,
       max(l.strength) AS strength,
       arg_max(l.note, l.strength) AS note
FROM capability_links l
JOIN capabilities c ON c.capability_id = l.capability_id
JOIN outcomes o ON o.outcome_id = l.outcome_id
GROUP BY l.capability_id, l.outcome_id
ORDER BY l.capability_id, l.outcome_id;

-- name: delete_link
DELETE FROM capability_links WHERE capability_id = $capability_id AND outcome_id = $outcome_id;

-- name: insert_link
INSERT INTO capability_links (capability_id, outcome_id, strength, note)
VALUES ($capability_id, $outcome_id, $strength, $note);

-- name: need_choices
SELECT outcome_id, included FROM capability_needs ORDER BY outcome_id;

-- name: insert_need
INSERT INTO capability_needs (outcome_id, included) VALUES ($outcome_id, $included);

-- name: clear_need
DELETE FROM capability_needs WHERE outcome_id = $outcome_id;

-- name: outcome_ids
SELECT outcome_id FROM outcomes ORDER BY outcome_id;

-- name: capability_ids
SELECT capability_id FROM capabilities;

-- name: differentiate_steps
SELECT step_id FROM decisions WHERE scenario_id = $scenario_id AND choice = 'differentiate' ORDER BY step_id;

-- name: scenario_names
SELECT scenario_id, name FROM scenarios ORDER BY created_at, name;
