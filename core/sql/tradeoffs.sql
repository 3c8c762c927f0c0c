-- The Trade-off Decision Matrix (core/strategy/tradeoffs.py, core/strategy/tradeoff_store.py).

-- name: reach
-- Per row: the respondents who rated at least one of its outcomes (importance and satisfaction),
-- those underserved on at least half of the row's outcomes they rated — underserved on an
-- outcome: importance in the scale's top two points and satisfaction below them — and the
-- median willingness to pay of the reached respondents (tradeoff_wtp: respondent_id, wtp;
-- empty when the survey has no WTP). Members: tradeoff_members (row_key, outcome_id).
WITH rated AS (
    SELECT m.row_key, r.respondent_id,
           count(*) AS n_rated,
           count(*) FILTER (WHERE r.importance >= $top_min AND r.satisfaction < $top_min) AS n_underserved
    FROM ratings r
    JOIN tradeoff_members m ON m.outcome_id = r.outcome_id
    WHERE r.importance IS NOT NULL AND r.satisfaction IS NOT NULL
    GROUP BY m.row_key, r.respondent_id
)
SELECT rated.row_key,
       count(*) AS n_respondents,
       count(*) FILTER (WHERE 2 * n_underserved >= n_rated) AS n_reached,
       median(w.wtp) FILTER (WHERE 2 * n_underserved >= n_rated) AS wtp_median,
       count(w.wtp) FILTER (WHERE 2 * n_underserved >= n_rated) AS n_wtp
FROM rated
LEFT JOIN tradeoff_wtp w ON w.respondent_id::VARCHAR = rated.respondent_id::VARCHAR
GROUP BY rated.row_key;

-- name: capability_count
SELECT count(*) FROM capabilities;

-- name: capability_fit
-- Per row: the mean over its outcomes of the best (link strength / 3 × capability strength / 3)
-- over all capabilities; an outcome no capability is linked to counts 0. Strengths are clamped
-- to 0..3 (links: 0 none, 1 supports, 2 enables, 3 critical; capabilities: current strength).
WITH best AS (
    SELECT l.outcome_id,
           max(greatest(0, least(3, coalesce(l.strength, 0))) / 3.0
               * greatest(0, least(3, coalesce(c.strength, 0))) / 3.0) AS fit
    FROM capability_links l
    JOIN capabilities c ON c.capability_id = l.capability_id
    GROUP BY l.outcome_id
)
SELECT m.row_key, avg(coalesce(b.fit, 0.0)) AS capability_fit
FROM tradeoff_members m
LEFT JOIN best b ON b.outcome_id = m.outcome_id
GROUP BY m.row_key;

-- name: weights
SELECT criterion_id, weight FROM tradeoff_criteria;

-- name: clear_weights
DELETE FROM tradeoff_criteria;

-- name: insert_weight
INSERT INTO tradeoff_criteria (criterion_id, name, weight) VALUES ($criterion_id, $name, $weight);

-- name: hand_scores
SELECT criterion_id, option, score FROM tradeoff_scores WHERE score IS NOT NULL;

-- name: clear_hand_score
DELETE FROM tradeoff_scores WHERE criterion_id = $criterion_id AND option = $option;

-- name: insert_hand_score
INSERT INTO tradeoff_scores (criterion_id, option, score) VALUES ($criterion_id, $option, $score);

-- name: clear_row_scores
DELETE FROM tradeoff_scores WHERE option = $option;

-- name: hand_rows
SELECT row_id, name, position FROM tradeoff_rows ORDER BY position, row_id;

-- name: insert_hand_row
INSERT INTO tradeoff_rows (row_id, name, position)
SELECT $row_id, $name, coalesce(max(position), 0) + 1 FROM tradeoff_rows;

-- name: rename_hand_row
UPDATE tradeoff_rows SET name = $name WHERE row_id = $row_id;

-- name: delete_hand_row
DELETE FROM tradeoff_rows WHERE row_id = $row_id;

-- name: step_order
SELECT step_id, step_order FROM steps;
