-- What a scenario wins (core/strategy/wins.py, issue 16.5). Computed once per survey: which job
-- steps hold each respondent's top underserved outcomes. A board move then only sums these hits
-- over the differentiated steps (no query per move).
--
-- A respondent's personal underserved outcomes: importance in the top box (>= $top_min, the
-- scale's top two points) and satisfaction rated but not in it (< $top_min). Ranked by the
-- respondent's importance (high first), then their satisfaction (low first), then the outcome's
-- opportunity in the whole sample (top-two-box, high first), then job order: a deterministic
-- order, so ties at the cut-off never depend on the order rows were stored in.

-- name: top_underserved
-- Per respondent and step: hits = how many of the respondent's top $top_n underserved outcomes lie
-- in the step; n_underserved = the size of the respondent's whole underserved set.
WITH market AS (
    SELECT
        outcome_id,
        10 * avg((importance >= $top_min)::INTEGER) AS importance,
        10 * avg((satisfaction >= $top_min)::INTEGER) AS satisfaction
    FROM ratings
    GROUP BY outcome_id
),
underserved AS (
    SELECT
        r.respondent_id,
        o.step_id,
        row_number() OVER (
            PARTITION BY r.respondent_id
            ORDER BY r.importance DESC, r.satisfaction ASC,
                     opportunity_score(m.importance, m.satisfaction) DESC NULLS LAST,
                     s.step_order, o.outcome_order, o.outcome_id
        ) AS rank,
        count(*) OVER (PARTITION BY r.respondent_id) AS n_underserved
    FROM ratings r
    JOIN outcomes o ON o.outcome_id = r.outcome_id
    JOIN steps s ON s.step_id = o.step_id
    LEFT JOIN market m ON m.outcome_id = r.outcome_id
    WHERE r.importance >= $top_min AND r.satisfaction < $top_min
)
SELECT respondent_id, step_id, count(*)::INTEGER AS hits, any_value(n_underserved)::INTEGER AS n_underserved
FROM underserved
WHERE rank <= $top_n
GROUP BY respondent_id, step_id
ORDER BY respondent_id, step_id;

-- name: respondents
-- Every respondent of the sample with what the wins are counted by: their segment in
-- $segmentation_id ('' = none), their current solution (the value of attribute $solution, '' =
-- none) and their willingness to pay (attribute $wtp read as a number once currency signs,
-- thousands separators and spaces are removed, as core/sql/wtp.sql does; negative amounts left out).
WITH attributes AS (
    SELECT
        respondent_id,
        any_value(value) FILTER (WHERE attribute = $solution) AS solution,
        any_value(TRY_CAST(regexp_replace(value, '[$€£¥,\s]', '', 'g') AS DOUBLE)) FILTER (WHERE attribute = $wtp)
            AS wtp
    FROM respondent_attributes
    WHERE attribute IN ($solution, $wtp)
    GROUP BY respondent_id
),
members AS (
    SELECT respondent_id, any_value(segment) AS segment
    FROM segments
    WHERE segmentation_id = $segmentation_id
    GROUP BY respondent_id
)
SELECT
    p.respondent_id,
    m.segment,
    nullif(trim(a.solution), '') AS solution,
    CASE WHEN a.wtp >= 0 THEN a.wtp END AS wtp
FROM respondents p
LEFT JOIN attributes a ON a.respondent_id = p.respondent_id
LEFT JOIN members m ON m.respondent_id = p.respondent_id
ORDER BY p.respondent_id;

-- name: step_ids
SELECT step_id FROM steps ORDER BY step_order, step_id;
