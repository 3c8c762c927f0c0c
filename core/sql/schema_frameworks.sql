-- Follow-through frameworks (docs/ARCHITECTURE.md, What the product does, item 7).

-- Capability–Need Connection Matrix (issue 13.1). Rows: capabilities; columns: needs (outcomes);
-- cells: capability_links. Older workspaces get the newer columns by the ALTERs below.
CREATE TABLE IF NOT EXISTS capabilities (
    capability_id VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    description   VARCHAR
);
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS owner VARCHAR;
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS position INTEGER;          -- row order, 1-based
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS strength INTEGER;          -- current strength 0..3
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS cost VARCHAR;              -- 'low'|'medium'|'high' or a number as text
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS effort VARCHAR;            -- same rule as cost
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS valuable BOOLEAN;          -- NULL = derived from the links
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS rare BOOLEAN;
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS inimitable BOOLEAN;
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS barrier VARCHAR;           -- proprietary data, network effect, ...
ALTER TABLE capabilities ADD COLUMN IF NOT EXISTS organized BOOLEAN;

CREATE TABLE IF NOT EXISTS capability_links (
    capability_id VARCHAR NOT NULL,
    outcome_id    VARCHAR NOT NULL,
    strength      INTEGER              -- 0 none, 1 supports, 2 enables, 3 critical
);
ALTER TABLE capability_links ADD COLUMN IF NOT EXISTS note VARCHAR;

-- Needs the facilitator added to (included = true) or removed from (false) the default columns.
CREATE TABLE IF NOT EXISTS capability_needs (
    outcome_id VARCHAR PRIMARY KEY,
    included   BOOLEAN NOT NULL
);

-- Trade-off Decision Matrix (issue 13.2, core/strategy/tradeoff_store.py). Criteria: the
-- weight (whole %) of each criterion of core.strategy.tradeoff_criteria; scores: the hand
-- scores (1–5) per criterion and row key ('step:<id>', 'cluster:<n>', 'segment:<id>:<name>',
-- 'hand:<row_id>'); rows: the rows a facilitator added by hand.
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

CREATE TABLE IF NOT EXISTS tradeoff_rows (
    row_id   VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    position INTEGER
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


-- Survey waves (issue 14.5, core/analysis/waves.py). The survey on the Data page is the base
-- wave (wave_id 0: its ratings stay raw, its counts are rating_counts); a row for it exists only
-- once its label or date was set. Every other wave is kept as counts, never raw rows: per
-- outcome (matched to the base's outcome ids) and (importance, satisfaction) pair, per competitor
-- the same with the competitor's satisfaction, and the respondents per competitor.
-- Dates and times are kept as ISO text on export (workspace_file.sql) and cast back on restore.
CREATE TABLE IF NOT EXISTS waves (
    wave_id     INTEGER PRIMARY KEY,
    label       VARCHAR NOT NULL,
    file_name   VARCHAR,
    fielded_on  DATE,
    imported_at TIMESTAMP,
    respondents BIGINT,
    position    INTEGER,
    match_note  VARCHAR
);

CREATE TABLE IF NOT EXISTS wave_counts (
    wave_id      INTEGER NOT NULL,
    outcome_id   VARCHAR NOT NULL,
    importance   SMALLINT,
    satisfaction SMALLINT,
    n            BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS wave_competitor_counts (
    wave_id      INTEGER NOT NULL,
    competitor   VARCHAR NOT NULL,
    outcome_id   VARCHAR NOT NULL,
    importance   SMALLINT,
    satisfaction SMALLINT,
    n            BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS wave_competitor_totals (
    wave_id     INTEGER NOT NULL,
    competitor  VARCHAR NOT NULL,
    respondents BIGINT NOT NULL
);
