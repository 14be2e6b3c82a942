-- Named queries of Potřeba a síť (/potreba) and the need shown on Srovnání, a service's page and the pack.
-- The index is published per municipality; an ORP's figure is computed from its municipalities: counts
-- summed, shares recomputed from the summed counts and bases, the index as a mean weighted by population 15+.
-- A location quotient is only published per municipality (NULL for an ORP, with a note).

-- name: need_measures
SELECT indicator, name_cs, unit, base, as_of, period FROM need_measure ORDER BY sort_order;

-- name: need_by_area
WITH shares(indicator, numerator, denominator) AS (
    VALUES ('distraint_share', 'distraint_count', 'population_15plus'),
           ('housing_allowance_share', 'housing_allowance_count', 'population_15plus'),
           ('subsistence_share', 'subsistence_count', 'population_15plus'),
           ('jobseekers_6m_share', 'jobseekers_6m_count', 'population_15_64'),
           ('school_leavers_share', 'school_leavers_count', 'school_finished_count')
), obce AS (
    SELECT m.kod_obce, m.kod_orp, m.name, o.name AS orp, m.population,
           max(n.value) FILTER (WHERE n.indicator = $indicator)          AS value,
           max(n.note) FILTER (WHERE n.indicator = $indicator)           AS note,
           max(n.value) FILTER (WHERE n.indicator = s.numerator)         AS num,
           max(n.value) FILTER (WHERE n.indicator = s.denominator)       AS den,
           max(n.value) FILTER (WHERE n.indicator = 'index_points')      AS points,
           max(n.value) FILTER (WHERE n.indicator = 'population_15plus') AS pop15,
           max(n.value) FILTER (WHERE n.indicator = 'distraint_count')   AS distraint
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    LEFT JOIN shares s ON s.indicator = $indicator
    LEFT JOIN need_indicator n ON n.kod_obce = m.kod_obce
    GROUP BY ALL
), unit AS (SELECT unit FROM need_measure WHERE indicator = $indicator)
SELECT CASE WHEN $level = 'orp' THEN kod_orp ELSE kod_obce END AS code,
       first(CASE WHEN $level = 'orp' THEN orp ELSE name END)  AS name,
       first(CASE WHEN $level = 'orp' THEN NULL ELSE orp END)  AS orp,
       first(kod_orp)                                           AS kod_orp,
       sum(population)                                          AS population,
       sum(pop15)                                               AS pop15,
       sum(distraint)                                           AS distraint,
       CASE WHEN $level = 'obec' THEN first(value)
            WHEN first(u.unit) = 'bodů' THEN sum(points * pop15) / sum(pop15)
            WHEN first(u.unit) = '%' THEN 100 * sum(num) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL)
                                          / nullif(sum(den) FILTER (WHERE num IS NOT NULL AND den IS NOT NULL), 0)
            WHEN first(u.unit) = 'kvocient' THEN NULL
            ELSE sum(value) END                                 AS value,
       CASE WHEN $level = 'obec' THEN first(note)
            WHEN first(u.unit) = 'kvocient' THEN 'kvocient je zveřejněn jen za obce'
            WHEN count(note) > 0 THEN 'bez ' || count(note) || ' obcí bez školy (převzato z nejbližší obce se školou)'
       END                                                      AS note,
       CASE WHEN $level = 'obec' THEN first(points) ELSE sum(points * pop15) / sum(pop15) END AS points,
       count(*) FILTER (WHERE points >= TRY_CAST($high AS DOUBLE)) AS high_municipalities,
       coalesce(sum(population) FILTER (WHERE points >= TRY_CAST($high AS DOUBLE)), 0) AS high_population
FROM obce CROSS JOIN unit u  -- an unknown indicator has no unit: no rows
WHERE $level IN ('orp', 'obec')
GROUP BY 1
ORDER BY name COLLATE cs, code;

-- name: need_high_municipalities
-- Municipalities with an index of at least $high, with their ORP and the nearest place of the choice.
SELECT m.kod_obce AS code, m.name, o.name AS orp, m.kod_orp, m.population, m.lat, m.lon, b.points, b.band,
       min(n.distance_km) AS distance_km
FROM need_band b JOIN municipality m USING (kod_obce) JOIN orp o ON o.kod_orp = m.kod_orp
LEFT JOIN nearest_choice n ON n.kod_obce = m.kod_obce AND list_contains($kinds, n.choice)
WHERE b.points >= TRY_CAST($high AS DOUBLE)
GROUP BY ALL
ORDER BY points DESC, population DESC, name COLLATE cs;

-- name: debt_by_orp
-- People in distraint per place of debt counselling, by ORP; an ORP without a place has no ratio (NULL).
WITH places AS (
    SELECT m.kod_orp, count(DISTINCT p.place_id) AS places, count(DISTINCT p.service_id) AS services
    FROM service_place p JOIN debt_counselling d USING (service_id)
    JOIN municipality m ON m.kod_obce = p.kod_obce
    GROUP BY 1
), distraint AS (
    SELECT m.kod_orp, sum(n.value) AS distraint,
           sum(p.value) AS pop15
    FROM municipality m
    LEFT JOIN need_indicator n ON n.kod_obce = m.kod_obce AND n.indicator = 'distraint_count'
    LEFT JOIN need_indicator p ON p.kod_obce = m.kod_obce AND p.indicator = 'population_15plus'
    GROUP BY 1
)
SELECT o.kod_orp AS code, o.name, d.distraint, d.pop15, 100 * d.distraint / d.pop15 AS share,
       coalesce(p.places, 0) AS places, coalesce(p.services, 0) AS services,
       d.distraint / nullif(p.places, 0) AS per_place
FROM orp o JOIN distraint d USING (kod_orp) LEFT JOIN places p USING (kod_orp)
ORDER BY o.name COLLATE cs;

-- name: need_of_service
-- The need of the municipalities of a service's places and of their ORPs (a service page).
WITH towns AS (
    SELECT DISTINCT m.kod_obce, m.name, m.kod_orp, o.name AS orp FROM service_place p
    JOIN municipality m ON m.kod_obce = p.kod_obce JOIN orp o ON o.kod_orp = m.kod_orp
    WHERE p.service_id = $id
    UNION
    SELECT m.kod_obce, m.name, m.kod_orp, o.name FROM social_housing h
    JOIN municipality m ON m.kod_obce = h.kod_obce JOIN orp o ON o.kod_orp = m.kod_orp
    WHERE h.social_housing_id = $id
)
SELECT 'obec' AS level, t.name AS area, t.kod_obce AS code,
       max(n.value) FILTER (WHERE n.indicator = 'index_points')      AS points,
       max(n.value) FILTER (WHERE n.indicator = 'distraint_count')   AS distraint,
       max(n.value) FILTER (WHERE n.indicator = 'population_15plus') AS pop15,
       max(n.value) FILTER (WHERE n.indicator = 'subsistence_share') AS subsistence_share,
       max(n.value) FILTER (WHERE n.indicator = 'housing_allowance_share') AS housing_share
FROM towns t LEFT JOIN need_indicator n ON n.kod_obce = t.kod_obce
GROUP BY ALL
UNION ALL
SELECT 'orp', 'ORP ' || first(t.orp), t.kod_orp,
       sum(i.value * p.value) / sum(p.value), sum(d.value), sum(p.value),
       100 * sum(pnz.value) / sum(p.value), 100 * sum(pnb.value) / sum(p.value)
FROM (SELECT DISTINCT kod_orp, orp FROM towns) t
JOIN municipality m ON m.kod_orp = t.kod_orp
LEFT JOIN need_indicator i ON i.kod_obce = m.kod_obce AND i.indicator = 'index_points'
LEFT JOIN need_indicator p ON p.kod_obce = m.kod_obce AND p.indicator = 'population_15plus'
LEFT JOIN need_indicator d ON d.kod_obce = m.kod_obce AND d.indicator = 'distraint_count'
LEFT JOIN need_indicator pnz ON pnz.kod_obce = m.kod_obce AND pnz.indicator = 'subsistence_count'
LEFT JOIN need_indicator pnb ON pnb.kod_obce = m.kod_obce AND pnb.indicator = 'housing_allowance_count'
GROUP BY t.kod_orp
ORDER BY level, area COLLATE cs;

-- name: need_local_counts
SELECT coalesce(m.name, 'ORP ' || o.name) AS area, c.kod_orp, c.kod_obce, c.measure, c.count, c.date, c.note,
       s.document AS source
FROM need_local_count c JOIN orp o ON o.kod_orp = c.kod_orp LEFT JOIN municipality m ON m.kod_obce = c.kod_obce
JOIN source s ON s.source_id = c.source_id
ORDER BY c.date DESC, area COLLATE cs;

-- name: map_labels
-- Names on the need map: the seat of every ORP and every town of at least $min_population inhabitants.
SELECT m.kod_obce AS code, m.name, m.lat, m.lon, m.population, (o.kod_obce_seat = m.kod_obce) AS seat
FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
WHERE TRY_CAST($min_population AS INTEGER) IS NOT NULL
  AND (o.kod_obce_seat = m.kod_obce OR m.population >= TRY_CAST($min_population AS INTEGER))
ORDER BY m.population DESC;

-- name: need_wide
-- The main indicators of every area at once (Srovnání): counts summed, shares from summed counts and bases.
WITH wide AS (
    SELECT m.kod_obce, m.kod_orp, m.name, o.name AS orp,
           max(n.value) FILTER (WHERE n.indicator = 'index_points')            AS points,
           max(n.value) FILTER (WHERE n.indicator = 'population_15plus')       AS pop15,
           max(n.value) FILTER (WHERE n.indicator = 'population_15_64')        AS pop1564,
           max(n.value) FILTER (WHERE n.indicator = 'distraint_count')         AS distraint,
           max(n.value) FILTER (WHERE n.indicator = 'housing_allowance_count') AS housing,
           max(n.value) FILTER (WHERE n.indicator = 'subsistence_count')       AS subsistence,
           max(n.value) FILTER (WHERE n.indicator = 'jobseekers_6m_count')     AS jobseekers,
           max(n.value) FILTER (WHERE n.indicator = 'school_leavers_count')    AS leavers,
           max(n.value) FILTER (WHERE n.indicator = 'school_finished_count')   AS finished
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    LEFT JOIN need_indicator n ON n.kod_obce = m.kod_obce
    GROUP BY ALL
)
SELECT CASE WHEN $level = 'orp' THEN kod_orp ELSE kod_obce END AS code,
       first(CASE WHEN $level = 'orp' THEN orp ELSE name END) AS name,
       sum(points * pop15) / sum(pop15)                        AS points,
       sum(pop15)                                              AS pop15,
       sum(distraint)                                          AS distraint,
       100 * sum(distraint) / sum(pop15)                       AS distraint_share,
       100 * sum(housing) / sum(pop15)                         AS housing_share,
       100 * sum(subsistence) / sum(pop15)                     AS subsistence_share,
       100 * sum(jobseekers) / sum(pop1564)                    AS jobseekers_share,
       100 * sum(leavers) / nullif(sum(finished) FILTER (WHERE leavers IS NOT NULL), 0) AS leavers_share,
       count(*) FILTER (WHERE leavers IS NULL)                 AS without_school
FROM wide
WHERE $level IN ('orp', 'obec')
GROUP BY 1;

-- name: service_topics
SELECT topic, evidence, detail FROM service_topic WHERE service_id = $id ORDER BY evidence;
