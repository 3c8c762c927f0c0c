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


-- Differentiation Communication Map (issue 14.1, core/strategy/communication.py). Rows:
-- touchpoints in ``position`` order; columns: elements (the active scenario's differentiated
-- steps, 'step:<step_id>', plus comm_elements added by hand); cells: messages, one per
-- (element_id, touchpoint_id, segment) where segment NULL is the message for everyone and
-- '<segmentation_id>:<segment>' a per-segment variant.
ALTER TABLE touchpoints ADD COLUMN IF NOT EXISTS position INTEGER;           -- row order, 1-based
ALTER TABLE messages ADD COLUMN IF NOT EXISTS element_id VARCHAR;            -- 'step:<id>' or a comm_elements id
ALTER TABLE messages ADD COLUMN IF NOT EXISTS segment VARCHAR;               -- NULL = everyone
ALTER TABLE messages ADD COLUMN IF NOT EXISTS proof_kind VARCHAR;            -- demonstration | comparison | evidence
ALTER TABLE messages ADD COLUMN IF NOT EXISTS proof VARCHAR;                 -- the proof point's text
ALTER TABLE messages ADD COLUMN IF NOT EXISTS timing VARCHAR;                -- when to emphasise it

-- Elements added by hand (kind capability | proof | text; ref = the capability_id) and the
-- default step elements the facilitator hid (kind step, ref = step_id, hidden = true).
CREATE TABLE IF NOT EXISTS comm_elements (
    element_id VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL,
    ref        VARCHAR,
    name       VARCHAR,
    position   INTEGER,
    hidden     BOOLEAN
);

-- Customer uniqueness board (issue 14.3, core/strategy/customers.py). A customer (name unique
-- ignoring case, ordered by position) with an optional link to one segment of a saved
-- segmentation (segmentation_id + segment name; NULL both = not linked); its facts — what makes
-- it unique, one kind of quirk/plan/challenge/strength/value each — with known = "the customer
-- knows we understand this"; and its free tags, one row per (customer, tag).
CREATE TABLE IF NOT EXISTS customers (
    customer_id     VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    position        INTEGER,
    note            VARCHAR,
    segmentation_id VARCHAR,
    segment         VARCHAR
);

CREATE TABLE IF NOT EXISTS customer_facts (
    fact_id     VARCHAR PRIMARY KEY,
    customer_id VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    known       BOOLEAN NOT NULL DEFAULT false,
    position    INTEGER
);

CREATE TABLE IF NOT EXISTS customer_tags (
    customer_id VARCHAR NOT NULL,
    tag         VARCHAR NOT NULL
);

-- Differentiation metrics tracker (issue 14.4, core/strategy/metrics.py). A metric belongs to
-- one of four families; direction 'higher' or 'lower' (is better); baseline_date is when the
-- baseline held (the start of the status rule's clock, core.strategy.metric_status); step_id and
-- segmentation_id + segment are optional links; template_key names the template it came from
-- (core.strategy.metric_templates), which also keys a computed metric (core.strategy.metric_sources).
CREATE TABLE IF NOT EXISTS metrics (
    metric_id       VARCHAR PRIMARY KEY,
    family          VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    definition      VARCHAR,
    unit            VARCHAR,
    direction       VARCHAR NOT NULL,
    baseline        DOUBLE,
    baseline_date   DATE,
    target          DOUBLE,
    target_date     DATE,
    owner           VARCHAR,
    step_id         INTEGER,
    segmentation_id VARCHAR,
    segment         VARCHAR,
    template_key    VARCHAR,
    position        INTEGER
);

-- One value per metric and day: a later value for the same day replaces the earlier one.
-- source: 'hand' (typed), 'csv' (pasted or uploaded), 'computed' (recorded from the workspace).
CREATE TABLE IF NOT EXISTS metric_measurements (
    metric_id   VARCHAR NOT NULL,
    measured_on DATE NOT NULL,
    value       DOUBLE NOT NULL,
    note        VARCHAR,
    source      VARCHAR,
    PRIMARY KEY (metric_id, measured_on)
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

-- Growth strategy by segment (issue 16.3, core/strategy/growth.py): the facilitator's override of
-- the strategy the rule places a segment in. segmentation_id 'market' with segment 'Whole market'
-- is the whole-market row (saved segmentation ids are hex tokens, so they never read 'market').
CREATE TABLE IF NOT EXISTS growth_overrides (
    segmentation_id VARCHAR NOT NULL,
    segment         VARCHAR NOT NULL,
    strategy        VARCHAR NOT NULL,
    PRIMARY KEY (segmentation_id, segment)
);

-- Participant voting (issue 17.2, core/strategy/votes.py). A participant is a random id kept in
-- their browser's URL; display_name is NULL for an anonymous participant. One vote per
-- participant per step (the primary key; a new vote replaces the old one), and up to N dot
-- votes on outcomes (N: the workspace setting vote_dots). Votes do not belong to a scenario.
CREATE TABLE IF NOT EXISTS voters (
    participant_id VARCHAR PRIMARY KEY,
    display_name   VARCHAR,
    joined_at      TIMESTAMP
);

CREATE TABLE IF NOT EXISTS votes (
    participant_id VARCHAR NOT NULL,
    step_id        INTEGER NOT NULL,
    choice         VARCHAR NOT NULL CHECK (choice IN ('differentiate', 'meet', 'accept')),
    voted_at       TIMESTAMP,
    PRIMARY KEY (participant_id, step_id)
);

CREATE TABLE IF NOT EXISTS dot_votes (
    participant_id VARCHAR NOT NULL,
    outcome_id     VARCHAR NOT NULL,
    PRIMARY KEY (participant_id, outcome_id)
);
