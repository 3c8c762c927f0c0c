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
UPDATE customer_facts SET known = $known WHERE fact_id = $fact_id;

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
