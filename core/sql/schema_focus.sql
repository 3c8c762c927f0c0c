-- Focus matrix: scenarios, their per-step choices and an undo history (docs/ARCHITECTURE.md, Focus matrix and scenarios).
-- Run on every open; idempotent. core/strategy/scenarios.py writes these tables and never relies on the
-- primary keys below (older workspace files were created without them).

CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    notes       VARCHAR
);

-- One row per scenario and step. A step without a row is Unassigned. choice is one of
-- 'differentiate', 'meet', 'accept', 'unassigned' (kept only while the step has a note or a
-- target); target is JSON {"outcomes": [outcome_id, …], "margin": points above the best competitor}.
CREATE TABLE IF NOT EXISTS decisions (
    scenario_id VARCHAR NOT NULL,
    step_id     INTEGER NOT NULL,
    choice      VARCHAR NOT NULL,
    target      VARCHAR,
    note        VARCHAR,
    PRIMARY KEY (scenario_id, step_id)
);

-- Undo: the assignment (JSON {step_id: choice}) a scenario had before each change. import_id is
-- the survey import the entry belongs to: entries of an earlier survey are never applied.
CREATE TABLE IF NOT EXISTS scenario_history (
    scenario_id VARCHAR NOT NULL,
    seq         INTEGER NOT NULL,
    import_id   INTEGER NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    label       VARCHAR NOT NULL,
    assignment  JSON NOT NULL
);
