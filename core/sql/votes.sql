-- Participant voting (issue 17.2): core/strategy/votes.py. Statements named write_* are the only
-- ones a vote link may run (Workspace.write_votes); they touch voters, votes and dot_votes only.

-- name: write_voter
INSERT INTO voters (participant_id, display_name, joined_at)
VALUES ($participant_id, $display_name, now()::TIMESTAMP)
ON CONFLICT (participant_id) DO UPDATE SET display_name = excluded.display_name;

-- name: write_vote
INSERT INTO votes (participant_id, step_id, choice, voted_at)
VALUES ($participant_id, $step_id, $choice, now()::TIMESTAMP)
ON CONFLICT (participant_id, step_id) DO UPDATE SET choice = excluded.choice, voted_at = excluded.voted_at;

-- name: write_unvote
DELETE FROM votes WHERE participant_id = $participant_id AND step_id = $step_id;

-- name: write_clear_dots
DELETE FROM dot_votes WHERE participant_id = $participant_id;

-- name: write_dots
INSERT INTO dot_votes (participant_id, outcome_id)
SELECT DISTINCT $participant_id, unnest($outcome_ids::VARCHAR[]);

-- name: step_ids
SELECT step_id FROM steps;

-- name: outcome_ids
SELECT outcome_id FROM outcomes;

-- name: voter
SELECT display_name FROM voters WHERE participant_id = $participant_id;

-- name: my_votes
SELECT step_id, choice FROM votes WHERE participant_id = $participant_id;

-- name: my_dots
SELECT outcome_id FROM dot_votes WHERE participant_id = $participant_id ORDER BY outcome_id;

-- name: step_tally
-- Per existing step (job-map order): votes per choice (votes on removed steps are not counted).
SELECT
    s.step_id,
    s.name AS step,
    count(v.choice) FILTER (WHERE v.choice = 'differentiate') AS differentiate,
    count(v.choice) FILTER (WHERE v.choice = 'meet') AS meet,
    count(v.choice) FILTER (WHERE v.choice = 'accept') AS accept,
    count(v.choice) AS votes
FROM steps s
LEFT JOIN votes v ON v.step_id = s.step_id
GROUP BY s.step_id, s.name, s.step_order
ORDER BY s.step_order, s.step_id;

-- name: dot_tally
SELECT o.outcome_id, o.statement, s.name AS step, count(*) AS dots
FROM dot_votes d
JOIN outcomes o ON o.outcome_id = d.outcome_id
JOIN steps s ON s.step_id = o.step_id
GROUP BY o.outcome_id, o.statement, s.name, o.outcome_order
ORDER BY dots DESC, o.outcome_order;

-- name: counts
SELECT
    (SELECT count(DISTINCT participant_id) FROM (
        SELECT participant_id FROM votes UNION ALL SELECT participant_id FROM dot_votes)) AS participants,
    (SELECT count(*) FROM votes) AS votes,
    (SELECT count(*) FROM dot_votes) AS dots,
    (SELECT coalesce(max(voted_at)::VARCHAR, '') FROM votes) AS last_vote;
