-- The canonical workspace schema (docs/ARCHITECTURE.md, Data model). Run on every open; idempotent.
-- Feature tables live in schema_<feature>.sql, run after this file in name order.

CREATE TABLE IF NOT EXISTS settings (
    key   VARCHAR PRIMARY KEY,
    value JSON
);

-- The ordered job map.
CREATE TABLE IF NOT EXISTS steps (
    step_id     INTEGER PRIMARY KEY,
    step_order  INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    description VARCHAR
);

-- Desired outcomes (needs), each in one step. outcome_order keeps the survey's order.
CREATE TABLE IF NOT EXISTS outcomes (
    outcome_id    VARCHAR PRIMARY KEY,
    step_id       INTEGER NOT NULL,
    statement     VARCHAR NOT NULL,
    source        VARCHAR,
    outcome_order INTEGER NOT NULL
);

-- respondents is re-created on every import with one typed column per respondent attribute,
-- under sanitized names; column_catalogue keeps the original headers.
CREATE TABLE IF NOT EXISTS respondents (
    respondent_id VARCHAR PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS column_catalogue (
    table_name      VARCHAR NOT NULL,
    column_name     VARCHAR NOT NULL,
    original_header VARCHAR NOT NULL,
    data_type       VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    position        INTEGER NOT NULL
);

-- The same attributes in long form, so that grouping by any attribute is a bound parameter.
CREATE TABLE IF NOT EXISTS respondent_attributes (
    respondent_id VARCHAR NOT NULL,
    attribute     VARCHAR NOT NULL,
    value         VARCHAR
);

-- Raw ratings as integers on the declared scale; NULL when missing or invalid.
CREATE TABLE IF NOT EXISTS ratings (
    respondent_id VARCHAR NOT NULL,
    outcome_id    VARCHAR NOT NULL,
    importance    SMALLINT,
    satisfaction  SMALLINT
);

CREATE TABLE IF NOT EXISTS competitor_ratings (
    respondent_id VARCHAR NOT NULL,
    outcome_id    VARCHAR NOT NULL,
    competitor    VARCHAR NOT NULL,
    satisfaction  SMALLINT
);

CREATE TABLE IF NOT EXISTS segmentations (
    segmentation_id VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    k               INTEGER,
    silhouette      DOUBLE,
    params          JSON
);

CREATE TABLE IF NOT EXISTS segments (
    respondent_id   VARCHAR NOT NULL,
    segmentation_id VARCHAR NOT NULL,
    segment         VARCHAR NOT NULL
);

-- One row per import: what was read, what was dropped and why (the full report as JSON).
CREATE TABLE IF NOT EXISTS import_log (
    import_id    INTEGER NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    file_name    VARCHAR NOT NULL,
    format       VARCHAR NOT NULL,
    rows_read    INTEGER NOT NULL,
    rows_dropped INTEGER NOT NULL,
    report       JSON NOT NULL
);

-- Every way respondents can be grouped, as (grouping, respondent_id, grp). Scoring by group
-- binds the grouping name as a parameter: 'attribute:<column_name>' or 'segmentation:<id>'.
CREATE OR REPLACE VIEW respondent_groups AS
    SELECT 'attribute:' || attribute AS grouping, respondent_id, value AS grp
    FROM respondent_attributes
    WHERE value IS NOT NULL
    UNION ALL
    SELECT 'segmentation:' || segmentation_id AS grouping, respondent_id, segment AS grp
    FROM segments;

-- Wilson score interval for a proportion k/n at 95 % (z = 1.96), as a proportion 0..1.
-- Clamped to 0..1: at k = 0 (or k = n) rounding leaves ±1e-17, which people would read as "-0.0".
CREATE OR REPLACE MACRO wilson_low(k, n) AS
    CASE WHEN n > 0 THEN greatest(0.0,
        ((k / n) + 1.96 * 1.96 / (2 * n)
         - 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96 * 1.96 / (4 * n * n)))
        / (1 + 1.96 * 1.96 / n))
    END;

CREATE OR REPLACE MACRO wilson_high(k, n) AS
    CASE WHEN n > 0 THEN least(1.0,
        ((k / n) + 1.96 * 1.96 / (2 * n)
         + 1.96 * sqrt((k / n) * (1 - k / n) / n + 1.96 * 1.96 / (4 * n * n)))
        / (1 + 1.96 * 1.96 / n))
    END;

-- Opportunity of one outcome: importance + max(importance − satisfaction, 0); NULL when
-- either score is missing (greatest() alone would ignore a NULL).
CREATE OR REPLACE MACRO opportunity_score(importance, satisfaction) AS
    CASE WHEN importance IS NOT NULL AND satisfaction IS NOT NULL
        THEN importance + greatest(importance - satisfaction, 0) END;

-- The uploaded file behind each import, so it can be read again (another scale, a mapping).
CREATE TABLE IF NOT EXISTS source_files (
    import_id INTEGER NOT NULL,
    file_name VARCHAR NOT NULL,
    content   BLOB NOT NULL
);
