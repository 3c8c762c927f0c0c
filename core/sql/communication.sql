-- Differentiation Communication Map (core/strategy/communication.py, communication_messages.py,
-- core/views/communication.py). Tables: core/sql/schema_frameworks.sql.
-- One message per (element_id, touchpoint_id, segment): every write deletes the key first and
-- reads keep one row per key (the smallest message_id), so a restored file holding a duplicate
-- still shows one cell. A message stored with only a step_id (an older or hand-made file) is
-- about the element 'step:<step_id>'.

-- name: touchpoints
SELECT touchpoint_id, name, stage, position
FROM touchpoints
ORDER BY position NULLS LAST, name, touchpoint_id;

-- name: touchpoint_count
SELECT count(*) FROM touchpoints;

-- name: insert_touchpoint
INSERT INTO touchpoints (touchpoint_id, name, stage, position)
VALUES ($touchpoint_id, $name, $stage, (SELECT coalesce(max(position), 0) + 1 FROM touchpoints));

-- name: update_touchpoint
UPDATE touchpoints SET name = $name, stage = $stage WHERE touchpoint_id = $touchpoint_id;

-- name: set_touchpoint_position
UPDATE touchpoints SET position = $position WHERE touchpoint_id = $touchpoint_id;

-- name: delete_touchpoint
DELETE FROM touchpoints WHERE touchpoint_id = $touchpoint_id;

-- name: delete_touchpoint_messages
DELETE FROM messages WHERE touchpoint_id = $touchpoint_id;

-- name: elements
SELECT element_id, kind, ref, name, position, coalesce(hidden, false) AS hidden
FROM comm_elements
ORDER BY position NULLS LAST, element_id;

-- name: insert_element
INSERT INTO comm_elements (element_id, kind, ref, name, position, hidden)
VALUES ($element_id, $kind, $ref, $name,
        (SELECT coalesce(max(position), 0) + 1 FROM comm_elements), $hidden);

-- name: rename_element
UPDATE comm_elements SET name = $name WHERE element_id = $element_id;

-- name: delete_element
DELETE FROM comm_elements WHERE element_id = $element_id;

-- name: delete_element_messages
DELETE FROM messages
WHERE coalesce(element_id, 'step:' || CAST(step_id AS VARCHAR)) = $element_id;

-- name: messages
SELECT message_id, element_id, touchpoint_id, segment, step_id, text, proof_kind, proof, timing
FROM (
    SELECT message_id,
           coalesce(element_id, 'step:' || CAST(step_id AS VARCHAR)) AS element_id,
           touchpoint_id,
           nullif(segment, '') AS segment,
           step_id, text, proof_kind, proof, timing
    FROM messages
)
WHERE element_id IS NOT NULL AND touchpoint_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY element_id, touchpoint_id, coalesce(segment, '') ORDER BY message_id) = 1
ORDER BY element_id, touchpoint_id, segment NULLS FIRST;

-- name: delete_message
DELETE FROM messages
WHERE coalesce(element_id, 'step:' || CAST(step_id AS VARCHAR)) = $element_id
  AND touchpoint_id = $touchpoint_id
  AND coalesce(nullif(segment, ''), '') = coalesce($segment, '');

-- name: insert_message
INSERT INTO messages (message_id, step_id, outcome_id, touchpoint_id, text, element_id, segment, proof_kind, proof, timing)
VALUES ($message_id, $step_id, NULL, $touchpoint_id, $text, $element_id, $segment, $proof_kind, $proof, $timing);

-- name: steps
SELECT step_id, step_order, name FROM steps ORDER BY step_order, step_id;

-- name: scenario_names
SELECT scenario_id, name FROM scenarios ORDER BY created_at, name;

-- name: scenario_choices
SELECT step_id, choice FROM decisions WHERE scenario_id = $scenario_id AND choice IS NOT NULL;

-- name: capability_names
SELECT capability_id, name FROM capabilities ORDER BY position NULLS LAST, name;

-- name: segments
-- Every segment of every saved segmentation with its size (per-segment variants, target segments).
SELECT s.segmentation_id, s.name AS segmentation, g.segment, count(*) AS n
FROM segmentations s
JOIN segments g USING (segmentation_id)
GROUP BY s.segmentation_id, s.name, s.created_at, g.segment
ORDER BY s.created_at, s.segmentation_id, n DESC, g.segment;

-- name: element_known
-- Whether a column exists: a step of the job map, an added element, or an element holding messages
-- (a removed step's messages can still be edited).
SELECT $element_id IN (
    SELECT 'step:' || CAST(step_id AS VARCHAR) FROM steps
    UNION ALL SELECT element_id FROM comm_elements WHERE kind <> 'step'
    UNION ALL SELECT coalesce(element_id, 'step:' || CAST(step_id AS VARCHAR)) FROM messages
);
