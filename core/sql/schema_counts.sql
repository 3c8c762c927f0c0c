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
