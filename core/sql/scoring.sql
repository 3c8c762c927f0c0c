-- Opportunity scoring (docs/ARCHITECTURE.md, Scoring). One query scores any set of rated rows:
--   $source = 'all'          every respondent, one group 'All';
--   $source = 'groups'       respondents grouped by $grouping ('attribute:<column>' or
--                            'segmentation:<id>', see the respondent_groups view);
--   $source = 'segment_counts'  the segments of $grouping ('segmentation:<id>') from the counts
--                            kept when it was saved (segment_rating_counts; core/workspace/segment_counts.py):
--                            the same figures as 'groups', without reading every rating;
--   $source = 'competitors'  the competitors sheet: each respondent's satisfaction with each
--                            named solution, paired with the same respondent's importance.
--   $source = 'wave'         everyone in survey wave $wave, from its counts (wave_counts; issue 14.5,
--                            core/analysis/waves.py): the same formulas on another wave's ratings;
--   $source = 'wave_competitors'  the competitors of wave $wave, from wave_competitor_counts.
--
-- top2box: importance   = 10 × (ratings ≥ $top_min) / (valid importance ratings)
--          satisfaction = 10 × (ratings ≥ $top_min) / (valid satisfaction ratings)
-- mean:    each mean rescaled to 0–10: (mean − $scale_low) / ($scale_high − $scale_low) × 10
-- opportunity = importance + max(importance − satisfaction, 0)   -- per outcome, 0–20
-- Each score is available-case by default: over the respondents with a valid rating of that
-- item ($complete_pairs = false, "per item"). With $complete_pairs = true only the rows where
-- both importance and satisfaction are valid count ("complete pairs"), so n_importance =
-- n_satisfaction; the group sizes (group_n) still count every rated respondent.
-- Intervals are 95 %: Wilson for top-two-box proportions, mean ± 1.96·sd/√n for means.

-- name: outcome_scores
-- Every score is a function of pair_counts: ratings rows per group, outcome and (importance,
-- satisfaction) pair. From them n, top-box counts, sums and sums of squares are exact integers, so
-- the means are exact and the standard deviations are sqrt((n·Σx² − (Σx)²) / (n·(n − 1))), the
-- sample standard deviation without the rounding of a running one.
-- Speed (bench/scoring_query_bench.py): everyone ($source = 'all') reads the counts kept at import
-- (rating_counts, and rating_totals for the group size; core/workspace/rating_counts.py): at most
-- (scale points + 1)² rows per outcome, whatever the number of respondents. Groups and
-- competitors count the raw ratings joined to their groups. The branches not selected by $source are pruned when the
-- parameters are bound.
WITH grouped AS (
    SELECT g.grp, r.respondent_id, r.outcome_id, r.importance, r.satisfaction
    FROM ratings r
    JOIN respondent_groups g ON g.respondent_id = r.respondent_id AND g.grouping = $grouping
    WHERE $source = 'groups'
    UNION ALL
    SELECT c.competitor AS grp, c.respondent_id, c.outcome_id, r.importance, c.satisfaction
    FROM competitor_ratings c
    LEFT JOIN ratings r ON r.respondent_id = c.respondent_id AND r.outcome_id = c.outcome_id
    WHERE $source = 'competitors'
),
pair_counts AS (
    -- ratings rows per group, outcome and (importance, satisfaction) pair; NULL = missing
    SELECT 'All' AS grp, outcome_id, importance, satisfaction, n FROM rating_counts WHERE $source = 'all'
    UNION ALL
    SELECT 'All' AS grp, outcome_id, importance, satisfaction, n FROM wave_counts
    WHERE $source = 'wave' AND wave_id = $wave
    UNION ALL
    SELECT competitor AS grp, outcome_id, importance, satisfaction, n FROM wave_competitor_counts
    WHERE $source = 'wave_competitors' AND wave_id = $wave
    UNION ALL
    SELECT segment AS grp, outcome_id, importance, satisfaction, n FROM segment_rating_counts
    WHERE $source = 'segment_counts' AND 'segmentation:' || segmentation_id = $grouping
    UNION ALL
    SELECT grp, outcome_id, importance, satisfaction, count(*) AS n FROM grouped GROUP BY ALL
),
group_sizes AS (
    -- everyone: one group 'All', with group_n = 0 when nothing is rated
    SELECT 'All' AS grp, respondents AS group_n FROM rating_totals WHERE $source = 'all'
    UNION ALL
    SELECT 'All' AS grp, respondents AS group_n FROM waves WHERE $source = 'wave' AND wave_id = $wave
    UNION ALL
    SELECT competitor AS grp, respondents AS group_n FROM wave_competitor_totals
    WHERE $source = 'wave_competitors' AND wave_id = $wave
    UNION ALL
    SELECT segment AS grp, respondents AS group_n FROM segment_rating_totals
    WHERE $source = 'segment_counts' AND 'segmentation:' || segmentation_id = $grouping
    UNION ALL
    SELECT grp, count(DISTINCT respondent_id) AS group_n FROM grouped GROUP BY grp
),
sums AS (
    -- an outcome has a row in a group when the group has a ratings row of it that the rule counts
    SELECT
        grp,
        outcome_id,
        sum(n) FILTER (WHERE importance IS NOT NULL) AS n_i,
        sum(n) FILTER (WHERE satisfaction IS NOT NULL) AS n_s,
        sum(n) FILTER (WHERE importance >= $top_min) AS top_i,
        sum(n) FILTER (WHERE satisfaction >= $top_min) AS top_s,
        sum(importance::BIGINT * n) AS sum_i,
        sum(satisfaction::BIGINT * n) AS sum_s,
        sum(importance::BIGINT * importance * n) AS squares_i,
        sum(satisfaction::BIGINT * satisfaction * n) AS squares_s
    FROM pair_counts
    WHERE NOT $complete_pairs OR (importance IS NOT NULL AND satisfaction IS NOT NULL)
    GROUP BY grp, outcome_id
),
counts AS (
    SELECT
        grp,
        outcome_id,
        coalesce(n_i, 0)::BIGINT AS n_importance,
        coalesce(n_s, 0)::BIGINT AS n_satisfaction,
        coalesce(top_i, 0)::BIGINT AS importance_top,
        coalesce(top_s, 0)::BIGINT AS satisfaction_top,
        sum_i / n_i AS importance_mean,
        sum_s / n_s AS satisfaction_mean,
        coalesce(sqrt((n_i * squares_i - sum_i * sum_i) / nullif(n_i * (n_i - 1), 0)), 0) AS importance_sd,
        coalesce(sqrt((n_s * squares_s - sum_s * sum_s) / nullif(n_s * (n_s - 1), 0)), 0) AS satisfaction_sd
    FROM sums
),
scored AS (
    SELECT
        grp,
        outcome_id,
        n_importance,
        n_satisfaction,
        importance_mean,
        satisfaction_mean,
        importance_sd,
        satisfaction_sd,
        CASE WHEN $method = 'mean'
            THEN 10 * (importance_mean - $scale_low) / ($scale_high - $scale_low)
            ELSE 10 * importance_top / nullif(n_importance, 0) END AS importance,
        CASE WHEN $method = 'mean'
            THEN 10 * (satisfaction_mean - $scale_low) / ($scale_high - $scale_low)
            ELSE 10 * satisfaction_top / nullif(n_satisfaction, 0) END AS satisfaction,
        -- no interval without a score (greatest() and least() would turn a NULL bound into 0 or 10)
        CASE WHEN $method <> 'mean' THEN 10 * wilson_low(importance_top, n_importance)
            WHEN n_importance > 0
            THEN greatest(0, 10 * (importance_mean - 1.96 * importance_sd / sqrt(n_importance) - $scale_low) / ($scale_high - $scale_low)) END AS importance_low,
        CASE WHEN $method <> 'mean' THEN 10 * wilson_high(importance_top, n_importance)
            WHEN n_importance > 0
            THEN least(10, 10 * (importance_mean + 1.96 * importance_sd / sqrt(n_importance) - $scale_low) / ($scale_high - $scale_low)) END AS importance_high,
        CASE WHEN $method <> 'mean' THEN 10 * wilson_low(satisfaction_top, n_satisfaction)
            WHEN n_satisfaction > 0
            THEN greatest(0, 10 * (satisfaction_mean - 1.96 * satisfaction_sd / sqrt(n_satisfaction) - $scale_low) / ($scale_high - $scale_low)) END AS satisfaction_low,
        CASE WHEN $method <> 'mean' THEN 10 * wilson_high(satisfaction_top, n_satisfaction)
            WHEN n_satisfaction > 0
            THEN least(10, 10 * (satisfaction_mean + 1.96 * satisfaction_sd / sqrt(n_satisfaction) - $scale_low) / ($scale_high - $scale_low)) END AS satisfaction_high
    FROM counts
),
outcome_rows AS (
    SELECT
        g.grp AS "group",
        g.group_n,
        o.outcome_id,
        o.statement,
        s.step_id,
        s.name AS step,
        s.step_order,
        o.outcome_order,
        coalesce(sc.n_importance, 0) AS n_importance,
        coalesce(sc.n_satisfaction, 0) AS n_satisfaction,
        sc.importance,
        sc.satisfaction,
        opportunity_score(sc.importance, sc.satisfaction) AS opportunity,
        sc.importance_low,
        sc.importance_high,
        sc.satisfaction_low,
        sc.satisfaction_high,
        sc.importance_mean,
        sc.satisfaction_mean,
        sc.importance_sd,
        sc.satisfaction_sd
    FROM outcomes o
    JOIN steps s ON s.step_id = o.step_id
    CROSS JOIN group_sizes g
    LEFT JOIN scored sc ON sc.outcome_id = o.outcome_id AND sc.grp = g.grp
)
SELECT
    *,
    CASE
        WHEN opportunity IS NULL THEN NULL
        WHEN opportunity >= $extreme THEN 'extreme'
        WHEN opportunity >= $high THEN 'high'
        WHEN opportunity >= $solid THEN 'solid'
        ELSE 'not attractive'
    END AS band,
    -- NULL when there is no score: "not overserved" would be a claim the data cannot make.
    CASE WHEN opportunity IS NULL THEN NULL
         ELSE coalesce(satisfaction - importance > $overserved_margin, false) END AS overserved
FROM outcome_rows
ORDER BY "group", step_order, outcome_order;

-- name: step_scores
-- Per step and group, over the outcome scores registered as scored_outcomes:
-- mean opportunity of the step's outcomes, how many reach $solid (10 by default), the top one.
-- Steps without outcomes are listed too, with n_outcomes = 0.
WITH grps AS (SELECT DISTINCT "group" FROM scored_outcomes)
SELECT
    g."group",
    st.step_id,
    st.step_order,
    st.name AS step,
    count(so.outcome_id) AS n_outcomes,
    avg(so.opportunity) AS mean_opportunity,
    avg(so.importance) AS mean_importance,
    avg(so.satisfaction) AS mean_satisfaction,
    count(*) FILTER (WHERE so.opportunity >= $solid) AS n_attractive,
    max(so.opportunity) AS top_opportunity,
    arg_max(so.outcome_id, so.opportunity) AS top_outcome_id,
    arg_max(so.statement, so.opportunity) AS top_outcome
FROM steps st
CROSS JOIN grps g
LEFT JOIN scored_outcomes so ON so.step_id = st.step_id AND so."group" = g."group"
GROUP BY ALL
ORDER BY g."group", st.step_order;
