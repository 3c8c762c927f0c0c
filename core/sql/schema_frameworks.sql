-- Follow-through frameworks (docs/ARCHITECTURE.md, What the product does, item 7).

CREATE TABLE IF NOT EXISTS capabilities (
    capability_id VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    description   VARCHAR
);

CREATE TABLE IF NOT EXISTS capability_links (
    capability_id VARCHAR NOT NULL,
    outcome_id    VARCHAR NOT NULL,
    strength      INTEGER
);

CREATE TABLE IF NOT EXISTS tradeoff_criteria (
    criterion_id VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    weight       DOUBLE
);

CREATE TABLE IF NOT EXISTS tradeoff_scores (
    criterion_id VARCHAR NOT NULL,
    option       VARCHAR NOT NULL,
    score        DOUBLE
);

CREATE TABLE IF NOT EXISTS touchpoints (
    touchpoint_id VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    stage         VARCHAR
);

CREATE TABLE IF NOT EXISTS messages (
    message_id    VARCHAR PRIMARY KEY,
    step_id       INTEGER,
    outcome_id    VARCHAR,
    touchpoint_id VARCHAR,
    text          VARCHAR
);

