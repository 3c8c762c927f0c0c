-- Differentiation metrics tracker (core/strategy/metrics.py, metric_measurements.py,
-- metric_sources.py, core/views/metrics.py). Tables: core/sql/schema_frameworks.sql.

-- name: metrics
SELECT metric_id, family, name, definition, unit, direction, baseline, baseline_date, target, target_date,
       owner, step_id, segmentation_id, segment, template_key, position
FROM metrics
ORDER BY position NULLS LAST, name, metric_id;

-- name: insert_metric
INSERT INTO metrics (metric_id, family, name, definition, unit, direction, baseline, baseline_date, target,
                     target_date, owner, step_id, segmentation_id, segment, template_key, position)
VALUES ($metric_id, $family, $name, $definition, $unit, $direction, $baseline, $baseline_date, $target,
        $target_date, $owner, $step_id, $segmentation_id, $segment, $template_key,
        (SELECT coalesce(max(position), 0) + 1 FROM metrics));

-- name: update_metric
UPDATE metrics
SET family = $family, name = $name, definition = $definition, unit = $unit, direction = $direction,
    baseline = $baseline, baseline_date = $baseline_date, target = $target, target_date = $target_date,
    owner = $owner, step_id = $step_id, segmentation_id = $segmentation_id, segment = $segment
WHERE metric_id = $metric_id;

-- name: set_position
UPDATE metrics SET position = $position WHERE metric_id = $metric_id;

-- name: delete_metric
DELETE FROM metrics WHERE metric_id = $metric_id;

-- name: delete_metric_measurements
DELETE FROM metric_measurements WHERE metric_id = $metric_id;

-- name: measurements
-- Every measurement of an existing metric, oldest first.
SELECT m.metric_id, m.measured_on, m.value, m.note, m.source
FROM metric_measurements m
JOIN metrics USING (metric_id)
ORDER BY m.metric_id, m.measured_on;

-- name: measurement_dates
SELECT metric_id, measured_on FROM metric_measurements;

-- name: metric_exists
SELECT count(*) FROM metrics WHERE metric_id = $metric_id;

-- name: replaced_days
-- How many incoming rows name a day their metric already holds (they replace its value).
SELECT count(*)
FROM (SELECT DISTINCT metric_id, measured_on FROM incoming_measurements) i
JOIN metric_measurements m ON m.metric_id = i.metric_id AND m.measured_on = i.measured_on;

-- name: delete_measurement
DELETE FROM metric_measurements WHERE metric_id = $metric_id AND measured_on = $measured_on;

-- name: insert_measurements
-- One value per metric and day: the incoming rows replace what those days held.
DELETE FROM metric_measurements
WHERE (metric_id, measured_on) IN (SELECT (metric_id, measured_on) FROM incoming_measurements);
INSERT INTO metric_measurements (metric_id, measured_on, value, note, source)
SELECT metric_id, measured_on, value, note, source FROM incoming_measurements;

-- name: steps
SELECT step_id, step_order, name FROM steps ORDER BY step_order, step_id;

-- name: segments
SELECT DISTINCT g.segmentation_id, g.name AS segmentation, s.segment
FROM segments s JOIN segmentations g USING (segmentation_id)
ORDER BY g.name, s.segment;

-- name: capability_focus
-- Per capability: its cost and effort, and whether it has a link (supports or more) to a need
-- of a step chosen to differentiate in the scenario (core/strategy/metric_sources.py).
SELECT c.capability_id, c.cost, c.effort,
       EXISTS (
           SELECT 1
           FROM capability_links l
           JOIN outcomes o ON o.outcome_id = l.outcome_id
           JOIN decisions d ON d.step_id = o.step_id
           WHERE l.capability_id = c.capability_id AND l.strength > 0
             AND d.scenario_id = $scenario_id AND d.choice = 'differentiate'
       ) AS linked
FROM capabilities c
ORDER BY c.capability_id;
