-- Willingness to pay: a numeric respondent attribute read from the long-form attributes, so
-- the attribute's name is a bound parameter, never SQL text.

-- name: numeric_attributes
-- Attributes and how many of their values read as numbers once currency signs, thousands
-- separators and spaces are removed.
SELECT c.column_name AS attribute, c.original_header AS header,
       count(a.value) AS n_values,
       count(TRY_CAST(regexp_replace(a.value, '[$€£¥,\s]', '', 'g') AS DOUBLE)) AS n_numeric
FROM column_catalogue c
JOIN respondent_attributes a ON a.attribute = c.column_name
WHERE c.table_name = 'respondents'
GROUP BY ALL
ORDER BY min(c.position);

-- name: respondent_wtp
-- Per respondent with a numeric WTP: the amount, the mean of their satisfaction ratings (raw
-- scale) and, when $segmentation_id names a saved segmentation, their segment.
WITH wtp AS (
    SELECT respondent_id, TRY_CAST(regexp_replace(value, '[$€£¥,\s]', '', 'g') AS DOUBLE) AS wtp
    FROM respondent_attributes
    WHERE attribute = $attribute
),
satisfaction AS (
    SELECT respondent_id, avg(satisfaction) AS mean_satisfaction, count(satisfaction) AS n_satisfaction
    FROM ratings
    GROUP BY respondent_id
),
members AS (
    SELECT respondent_id, segment FROM segments WHERE segmentation_id = $segmentation_id
)
SELECT w.respondent_id, w.wtp, s.mean_satisfaction, s.n_satisfaction, m.segment
FROM wtp w
LEFT JOIN satisfaction s USING (respondent_id)
LEFT JOIN members m USING (respondent_id)
WHERE w.wtp IS NOT NULL AND w.wtp >= 0
ORDER BY w.respondent_id;
