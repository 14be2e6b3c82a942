-- Named queries of Kapacity a mezery and Srovnání. $level is 'orp' or 'obec'; $kinds a list of kind codes
-- or topics (tema:dluhove-poradenstvi), see the view service_choice.

-- name: capacity_by_area
WITH areas AS (
    SELECT CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           CASE WHEN $level = 'orp' THEN o.name ELSE m.name END      AS name,
           CASE WHEN $level = 'orp' THEN NULL ELSE o.name END        AS orp,
           sum(m.population)                                          AS population
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    GROUP BY ALL
), counted AS (
    SELECT CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           sum(c.capacity * a.share)                                  AS capacity,
           list(DISTINCT a.rule)                                      AS rules
    FROM capacity_allocation a
    JOIN registered_capacity c ON c.service_id = a.service_id AND c.form = a.form
                              AND c.capacity_type = a.capacity_type
    JOIN service s ON s.service_id = a.service_id
    JOIN municipality m ON m.kod_obce = a.kod_obce
    WHERE s.service_id IN (SELECT service_id FROM service_choice WHERE list_contains($kinds, choice))
      AND a.capacity_type = $unit AND c.capacity IS NOT NULL
      AND (s.date_from IS NULL OR s.date_from <= current_date) AND (s.date_to IS NULL OR s.date_to > current_date)
    GROUP BY 1
), present AS (
    SELECT CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           count(DISTINCT s.service_id)                               AS services,
           count(DISTINCT s.service_id) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM registered_capacity rc WHERE rc.service_id = s.service_id
                 AND rc.capacity_type = $unit AND rc.capacity IS NOT NULL)) AS services_unknown
    FROM service s JOIN service_place p USING (service_id) JOIN municipality m ON m.kod_obce = p.kod_obce
    WHERE s.service_id IN (SELECT service_id FROM service_choice WHERE list_contains($kinds, choice))
    GROUP BY 1
)
SELECT a.code, a.name, a.orp, a.population, coalesce(c.capacity, 0) AS capacity,
       coalesce(c.capacity, 0) / a.population * 10000 AS rate,
       coalesce(p.services, 0) AS services, coalesce(p.services_unknown, 0) AS services_unknown, c.rules
FROM areas a LEFT JOIN counted c USING (code) LEFT JOIN present p USING (code)
ORDER BY a.name COLLATE cs, a.code;

-- name: target_for
SELECT per_10000, set_by, set_on FROM target_norm
WHERE kind_code = $kind AND capacity_type = $unit ORDER BY set_on DESC NULLS LAST LIMIT 1;

-- name: units_for_kinds
SELECT capacity_type, count(*) AS n FROM registered_capacity c JOIN service s USING (service_id)
WHERE s.service_id IN (SELECT service_id FROM service_choice WHERE list_contains($kinds, choice))
GROUP BY 1 ORDER BY n DESC;

-- name: nearest_by_municipality
SELECT m.kod_obce AS code, m.name, o.name AS orp, m.population, min(n.distance_km) AS distance_km
FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
LEFT JOIN nearest_choice n ON n.kod_obce = m.kod_obce AND list_contains($kinds, n.choice)
GROUP BY m.kod_obce, m.name, o.name, m.population
ORDER BY m.name COLLATE cs, m.kod_obce;

-- name: registry_kinds
SELECT kind_code, name_cs, kind_group, usual_unit FROM service_kind
WHERE kind_code IN (SELECT kind_code FROM service) ORDER BY kind_group COLLATE cs, name_cs COLLATE cs;

-- name: capacity_by_area_and_kind
-- capacity_by_area for every kind at once, each in its usual unit (Srovnání: one query, not one per kind).
WITH kinds AS (
    SELECT kind_code, coalesce(usual_unit, 'klient') AS unit FROM service_kind
    WHERE kind_code IN (SELECT kind_code FROM service)
), areas AS (
    SELECT CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           CASE WHEN $level = 'orp' THEN o.name ELSE m.name END      AS name,
           sum(m.population)                                          AS population
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    GROUP BY ALL
), counted AS (
    SELECT s.kind_code, CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           sum(c.capacity * a.share)                                  AS capacity
    FROM capacity_allocation a
    JOIN registered_capacity c ON c.service_id = a.service_id AND c.form = a.form
                              AND c.capacity_type = a.capacity_type
    JOIN service s ON s.service_id = a.service_id
    JOIN kinds k ON k.kind_code = s.kind_code AND k.unit = a.capacity_type
    JOIN municipality m ON m.kod_obce = a.kod_obce
    WHERE c.capacity IS NOT NULL
      AND (s.date_from IS NULL OR s.date_from <= current_date) AND (s.date_to IS NULL OR s.date_to > current_date)
    GROUP BY 1, 2
), present AS (
    SELECT s.kind_code, CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           count(DISTINCT s.service_id)                               AS services,
           count(DISTINCT s.service_id) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM registered_capacity rc JOIN kinds k2 ON k2.kind_code = s.kind_code
               WHERE rc.service_id = s.service_id AND rc.capacity_type = k2.unit
                 AND rc.capacity IS NOT NULL)) AS services_unknown
    FROM service s JOIN service_place p USING (service_id) JOIN municipality m ON m.kod_obce = p.kod_obce
    GROUP BY 1, 2
)
SELECT k.kind_code, k.unit, a.code, a.name, a.population, coalesce(c.capacity, 0) AS capacity,
       coalesce(c.capacity, 0) / a.population * 10000 AS rate,
       coalesce(p.services, 0) AS services, coalesce(p.services_unknown, 0) AS services_unknown
FROM kinds k CROSS JOIN areas a
LEFT JOIN counted c ON c.kind_code = k.kind_code AND c.code = a.code
LEFT JOIN present p ON p.kind_code = k.kind_code AND p.code = a.code;

-- name: nearest_by_municipality_and_kind
SELECT m.kod_obce AS code, o.name AS orp, m.population, n.kind_code, n.distance_km
FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
JOIN nearest_service n ON n.kod_obce = m.kod_obce;
