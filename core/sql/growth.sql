-- Growth strategy by segment (issue 16.3, core/strategy/growth.py): the facilitator's overrides.
-- Table: core/sql/schema_frameworks.sql (growth_overrides).

-- name: overrides
SELECT segment, strategy FROM growth_overrides WHERE segmentation_id = $segmentation_id ORDER BY segment;

-- name: clear_override
DELETE FROM growth_overrides WHERE segmentation_id = $segmentation_id AND segment = $segment;

-- name: set_override
INSERT INTO growth_overrides (segmentation_id, segment, strategy) VALUES ($segmentation_id, $segment, $strategy);

-- name: segments_signature
-- A digest of the saved segmentations and their segments: a cache key for the Strategy options
-- page's analysis, which changes when a segmentation is saved, renamed or deleted, and not when an
-- override or a scenario changes.
SELECT coalesce(sum(hash(s.segmentation_id, s.respondent_id, s.segment)), 0)::VARCHAR || ':' ||
       (SELECT coalesce(sum(hash(segmentation_id, name)), 0)::VARCHAR FROM segmentations)
FROM segments s;
