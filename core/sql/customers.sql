-- The customer uniqueness board (core/strategy/customers.py, core/views/customers.py).
-- Tables: core/sql/schema_frameworks.sql. Reads keep only facts and tags of customers that
-- exist, so a restored file can never show a fact without its card.

-- name: customers
SELECT customer_id, name, position, note, segmentation_id, segment
FROM customers
ORDER BY position NULLS LAST, name, customer_id;

-- name: facts
SELECT f.fact_id, f.customer_id, f.kind, f.text, coalesce(f.known, false) AS known, f.position
FROM customer_facts f
JOIN customers c USING (customer_id)
ORDER BY f.customer_id, f.position NULLS LAST, f.fact_id;

-- name: tags
SELECT customer_id, tag
FROM (SELECT DISTINCT t.customer_id, t.tag FROM customer_tags t JOIN customers c USING (customer_id))
ORDER BY customer_id, lower(tag), tag;

-- name: insert_customer
INSERT INTO customers (customer_id, name, position, note)
VALUES ($customer_id, $name, (SELECT coalesce(max(position), 0) + 1 FROM customers), $note);

-- name: update_customer
UPDATE customers SET name = $name, note = $note WHERE customer_id = $customer_id;

-- name: set_position
UPDATE customers SET position = $position WHERE customer_id = $customer_id;

-- name: set_segment
UPDATE customers SET segmentation_id = $segmentation_id, segment = $segment WHERE customer_id = $customer_id;

-- name: rename_segment
-- Called by core.analysis.segment_store.rename_segments, so a link follows its segment's new name.
UPDATE customers SET segment = $new_name WHERE segmentation_id = $segmentation_id AND segment = $old_name;

-- name: delete_customer_tags
DELETE FROM customer_tags WHERE customer_id = $customer_id;

-- name: delete_customer_facts
DELETE FROM customer_facts WHERE customer_id = $customer_id;

-- name: delete_customer
DELETE FROM customers WHERE customer_id = $customer_id;

-- name: insert_fact
INSERT INTO customer_facts (fact_id, customer_id, kind, text, known, position)
VALUES ($fact_id, $customer_id, $kind, $text, $known,
        (SELECT coalesce(max(position), 0) + 1 FROM customer_facts WHERE customer_id = $customer_id));

-- name: update_fact
UPDATE customer_facts SET kind = $kind, text = $text, known = $known WHERE fact_id = $fact_id;

-- name: set_known
UPDATE customer_facts SET known = $known WHERE fact_id = $fact_id RETURNING fact_id;

-- name: delete_fact
DELETE FROM customer_facts WHERE fact_id = $fact_id;

-- name: insert_tag
INSERT INTO customer_tags (customer_id, tag) VALUES ($customer_id, $tag);

-- name: delete_tag
DELETE FROM customer_tags WHERE customer_id = $customer_id AND lower(tag) = lower($tag);

-- name: segments
-- Every segment of every saved segmentation with its respondents (for the links and the
-- per-segment figures), in the order the segmentations were saved, largest segment first.
SELECT s.segmentation_id, s.name AS segmentation, g.segment, count(*) AS respondents
FROM segmentations s
JOIN segments g USING (segmentation_id)
GROUP BY ALL
ORDER BY min(s.created_at), s.segmentation_id, respondents DESC, g.segment;

-- The board's figures (core/strategy/customer_figures.py has the rules in words).
-- name: per_customer
-- One row per customer in board order: its facts, how many are marked known, the share (NULL
-- without facts), facts per kind, whether it cannot be told apart (fewer than $min_facts facts),
-- its tags (distinct, sorted ignoring case) and its segment link with the saved segment's label.
WITH counts AS (
    SELECT customer_id,
           count(*) AS facts,
           count(*) FILTER (WHERE known) AS known,
           count(*) FILTER (WHERE kind = 'quirk') AS n_quirk,
           count(*) FILTER (WHERE kind = 'plan') AS n_plan,
           count(*) FILTER (WHERE kind = 'challenge') AS n_challenge,
           count(*) FILTER (WHERE kind = 'strength') AS n_strength,
           count(*) FILTER (WHERE kind = 'value') AS n_value
    FROM customer_facts
    GROUP BY customer_id
),
labels AS (
    SELECT DISTINCT g.segmentation_id, g.segment, s.name AS segmentation
    FROM segments g JOIN segmentations s USING (segmentation_id)
),
tag_lists AS (
    SELECT customer_id, list(tag ORDER BY lower(tag), tag) AS tags
    FROM (SELECT DISTINCT customer_id, tag FROM customer_tags)
    GROUP BY customer_id
)
SELECT c.customer_id, c.name, c.position, c.note, c.segmentation_id, c.segment,
       coalesce(n.facts, 0) AS facts,
       coalesce(n.known, 0) AS known,
       CAST(n.known AS DOUBLE) / nullif(n.facts, 0) AS share_known,
       coalesce(n.n_quirk, 0) AS n_quirk, coalesce(n.n_plan, 0) AS n_plan,
       coalesce(n.n_challenge, 0) AS n_challenge, coalesce(n.n_strength, 0) AS n_strength,
       coalesce(n.n_value, 0) AS n_value,
       coalesce(n.facts, 0) < $min_facts AS blurry,
       coalesce(t.tags, []) AS tags,
       c.segmentation_id || '/' || c.segment AS segment_key,
       c.segment IS NOT NULL AND l.segment IS NULL AS segment_gone,
       CASE WHEN l.segment IS NOT NULL THEN l.segmentation || ' · ' || c.segment
            WHEN c.segment IS NOT NULL THEN c.segment || ' (segment no longer saved)' END AS segment_label
FROM customers c
LEFT JOIN counts n USING (customer_id)
LEFT JOIN tag_lists t USING (customer_id)
LEFT JOIN labels l ON l.segmentation_id = c.segmentation_id AND l.segment = c.segment
ORDER BY c.position NULLS LAST, c.name, c.customer_id;

-- name: per_kind
SELECT f.kind, count(*) AS facts, count(*) FILTER (WHERE f.known) AS known
FROM customer_facts f JOIN customers c USING (customer_id)
GROUP BY f.kind;

-- name: per_segment
-- Every saved segment with the customers linked to it, how many of them can be told apart
-- ($min_facts facts or more), their facts and marks; deep = at least $deep_customers told apart.
WITH saved AS (
    SELECT s.segmentation_id, s.name AS segmentation, g.segment, count(*) AS respondents,
           min(s.created_at) AS created_at
    FROM segmentations s JOIN segments g USING (segmentation_id)
    GROUP BY s.segmentation_id, s.name, g.segment
),
counts AS (
    SELECT customer_id, count(*) AS facts, count(*) FILTER (WHERE known) AS known
    FROM customer_facts GROUP BY customer_id
),
linked AS (
    SELECT c.segmentation_id, c.segment, count(*) AS customers,
           count(*) FILTER (WHERE coalesce(n.facts, 0) >= $min_facts) AS told_apart,
           sum(coalesce(n.facts, 0)) AS facts, sum(coalesce(n.known, 0)) AS known
    FROM customers c LEFT JOIN counts n USING (customer_id)
    WHERE c.segmentation_id IS NOT NULL AND c.segment IS NOT NULL
    GROUP BY c.segmentation_id, c.segment
)
SELECT s.segmentation_id, s.segmentation, s.segment, s.respondents,
       coalesce(l.customers, 0) AS customers, coalesce(l.told_apart, 0) AS told_apart,
       CAST(coalesce(l.facts, 0) AS BIGINT) AS facts, CAST(coalesce(l.known, 0) AS BIGINT) AS known,
       CAST(l.known AS DOUBLE) / nullif(l.facts, 0) AS share_known,
       coalesce(l.told_apart, 0) >= $deep_customers AS deep
FROM saved s
LEFT JOIN linked l USING (segmentation_id, segment)
ORDER BY s.created_at, s.segmentation_id, s.respondents DESC, s.segment;

-- name: fact
SELECT fact_id, customer_id, kind, text, coalesce(known, false) AS known, position
FROM customer_facts WHERE fact_id = $fact_id;
