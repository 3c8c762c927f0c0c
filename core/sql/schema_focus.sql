-- Focus matrix: scenarios and their per-step choices (DESIGN.md section 6).

CREATE TABLE IF NOT EXISTS scenarios (
    scenario_id VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    notes       VARCHAR
);

CREATE TABLE IF NOT EXISTS decisions (
    scenario_id VARCHAR NOT NULL,
    step_id     INTEGER NOT NULL,
    choice      VARCHAR NOT NULL,
    target      VARCHAR,
    note        VARCHAR
);

