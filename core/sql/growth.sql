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

-- name: respondent_wtp
-- Per respondent with a numeric willingness to pay: the amount and, in $segmentation_id, the
-- segment. The amount is read as core/sql/wtp.sql reads it (currency signs, thousands separators
-- and spaces removed; negative amounts left out), without wtp.sql's mean satisfaction per
-- respondent, which this page does not use (a pass over every rating).
SELECT a.respondent_id, w.wtp, m.segment
FROM respondent_attributes a
CROSS JOIN LATERAL (SELECT TRY_CAST(regexp_replace(a.value, '[$€£¥,\s]', '', 'g') AS DOUBLE) AS wtp) w
LEFT JOIN segments m ON m.respondent_id = a.respondent_id AND m.segmentation_id = $segmentation_id
WHERE a.attribute = $attribute AND w.wtp IS NOT NULL AND w.wtp >= 0
ORDER BY a.respondent_id;
