-- What replacing the survey would clear (core/sql/store.sql clear_survey) and what it keeps.

-- name: impact
SELECT
    (SELECT count(*) FROM segmentations) AS segmentations,
    (SELECT count(*) FROM decisions) AS decisions,
    (SELECT count(DISTINCT scenario_id) FROM decisions) AS decided_scenarios,
    (SELECT count(*) FROM scenarios) AS scenarios,
    (SELECT count(*) FROM capabilities) AS capabilities,
    (SELECT count(*) FROM tradeoff_criteria) AS tradeoff_criteria,
    (SELECT count(*) FROM touchpoints) AS touchpoints,
    (SELECT count(*) FROM messages) AS messages;
