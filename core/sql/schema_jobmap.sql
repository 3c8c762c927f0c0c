-- Job map: undo of bulk changes (a job-map file applied, many outcomes moved at once).
-- Run on every open; idempotent. core/strategy/jobmap_bulk.py writes it.
-- snapshot is JSON {"steps": [[step_id, step_order, name, description], …],
--                   "outcomes": [[outcome_id, step_id], …],
--                   "decisions": [[scenario_id, step_id, choice, target, note], …]}: the job map
-- before the change. import_id is the survey import the entry belongs to: entries of an earlier
-- survey are never applied.
CREATE TABLE IF NOT EXISTS jobmap_history (
    seq        INTEGER NOT NULL,
    import_id  INTEGER NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    label      VARCHAR NOT NULL,
    snapshot   JSON NOT NULL
);
