-- Counts of the ratings, kept so that scoring everyone reads at most (scale points + 1)² rows per
-- outcome (36 on a 1–5 scale) instead of every rating (core/workspace/rating_counts.py).
-- Derived data: rewritten from `ratings` by core/sql/rating_counts.sql (refresh) in the same
-- transaction as every write of `ratings`.

-- How many ratings rows each outcome has per (importance, satisfaction) pair; NULL = missing.
-- The joint pair (not one count per measure) keeps the "complete pairs" rule and the means and
-- standard deviations exact.
CREATE TABLE IF NOT EXISTS rating_counts (
    outcome_id   VARCHAR NOT NULL,
    importance   SMALLINT,
    satisfaction SMALLINT,
    n            BIGINT NOT NULL
);

-- One row: the respondents with at least one ratings row (the group size of "All").
-- Empty only in a workspace written before the counts existed: opening it fills both tables.
CREATE TABLE IF NOT EXISTS rating_totals (
    respondents BIGINT NOT NULL
);

-- The same counts per segment of each saved segmentation (core/analysis/segment_counts.py), so
-- that scoring a segmentation's segments reads them instead of joining every rating to its
-- segment (0.5 s at 50,000 × 150). Derived data: written in the same transaction as every write
-- of `segments` (a save, a rename, a delete, clearing the survey, restoring a workspace file). A
-- segmentation without rows here (saved before they existed) is scored from the raw ratings.
CREATE TABLE IF NOT EXISTS segment_rating_counts (
    segmentation_id VARCHAR NOT NULL,
    segment         VARCHAR NOT NULL,
    outcome_id      VARCHAR NOT NULL,
    importance      SMALLINT,
    satisfaction    SMALLINT,
    n               BIGINT NOT NULL
);

-- Per segment: its respondents with at least one ratings row (the group size).
CREATE TABLE IF NOT EXISTS segment_rating_totals (
    segmentation_id VARCHAR NOT NULL,
    segment         VARCHAR NOT NULL,
    respondents     BIGINT NOT NULL
);
