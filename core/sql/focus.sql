-- What the focus matrix reads besides the scores (core/strategy/focus_data.py).

-- name: survey_signature
-- Changes whenever the survey data the focus matrix scores changes: a new import (ratings,
-- respondents, attributes, competitors, scale), the job map (steps, their order and names,
-- which step holds each outcome, statements), segmentations and segment names. Choices, notes
-- and settings are not part of it, so moving a card does not invalidate the cached scores.
SELECT md5(concat_ws('|',
    (SELECT coalesce(max(import_id), 0) FROM import_log)::VARCHAR,
    (SELECT count(*) FROM ratings)::VARCHAR,
    (SELECT count(*) FROM competitor_ratings)::VARCHAR,
    (SELECT coalesce(string_agg(step_id || ':' || step_order || ':' || name, ',' ORDER BY step_id), '') FROM steps),
    (SELECT coalesce(string_agg(outcome_id || ':' || step_id || ':' || md5(statement), ',' ORDER BY outcome_id), '')
     FROM outcomes),
    (SELECT coalesce(string_agg(segmentation_id || ':' || name || ':' || created_at, ',' ORDER BY segmentation_id), '')
     FROM segmentations),
    (SELECT coalesce(string_agg(DISTINCT segmentation_id || ':' || segment, ','), '') FROM segments)
)) AS signature;

-- name: segmentations
SELECT segmentation_id, name, 'segmentation:' || segmentation_id AS grouping
FROM segmentations
ORDER BY created_at, name;
