-- Named queries of Kapacity a mezery and Srovnání. $level is 'orp' or 'obec'; $kinds a list of kind codes
-- or topics (tema:dluhove-poradenstvi), see the view service_choice.

-- name: capacity_by_area
-- Capacity, rate, kraj average and gap of every area for the chosen kinds and unit, read from area_capacity;
-- the state comes from capacity_state(): a figure nobody stated is NULL here, never 0.
-- A scenario adds planned services (záměry): those of the workbooks when $workbook, and the ones a page
-- passes as parallel lists $p_kinds, $p_obce, $p_caps, $p_units — each at its municipality, its capacity
-- counted when stated in $unit, unknown when empty. Today's figures are the same query with no plans.
WITH plan_areas AS (
    SELECT 'obec' AS level, kod_obce AS code, kod_obce FROM municipality
    UNION ALL SELECT 'orp', kod_orp, kod_obce FROM municipality
    UNION ALL SELECT 'kraj', kod_kraj, kod_obce FROM municipality
), planned AS (
    SELECT a.level, a.code, sum(p.capacity) FILTER (WHERE plan_state(p.capacity, p.capacity_type, $unit) = 'counted')
               AS capacity,
           0 AS illustrative_capacity, count(*) AS services,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, $unit) = 'counted') AS services_counted,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, $unit) = 'unknown') AS services_unknown,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, $unit) = 'other_unit') AS services_other_unit
    FROM scenario_plans($p_kinds, $p_obce, $p_caps, $p_units, $workbook) p JOIN plan_areas a USING (kod_obce)
    WHERE list_contains($kinds, p.kind_code) AND a.level IN ($level, 'kraj')
    GROUP BY ALL
), picked AS (
    SELECT level, code, sum(capacity) AS capacity, sum(illustrative_capacity) AS illustrative_capacity,
           sum(services) AS services, sum(services_counted) AS services_counted,
           sum(services_unknown) AS services_unknown, sum(services_other_unit) AS services_other_unit,
           sum(planned) AS planned
    FROM (
        SELECT level, code, capacity, illustrative_capacity, services, services_counted, services_unknown,
               services_other_unit, 0 AS planned
        FROM area_capacity
        WHERE level IN ($level, 'kraj') AND list_contains($kinds, kind_code) AND capacity_type = $unit
        UNION ALL
        SELECT *, services AS planned FROM planned
    )
    GROUP BY ALL
), other AS (
    SELECT code, string_agg(capacity_type || ':' || round(capacity, 1), '|' ORDER BY capacity_type) AS other_units
    FROM (SELECT code, capacity_type, sum(capacity) AS capacity FROM area_capacity
          WHERE level = $level AND list_contains($kinds, kind_code) AND capacity_type <> $unit
                AND capacity IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
), areas AS (
    SELECT CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           CASE WHEN $level = 'orp' THEN o.name ELSE m.name END      AS name,
           CASE WHEN $level = 'orp' THEN NULL ELSE o.name END        AS orp,
           sum(m.population)                                          AS population
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    GROUP BY ALL
), stated AS (
    SELECT a.code, a.name, a.orp, a.population,
           coalesce(p.services, 0) AS services, coalesce(p.services_unknown, 0) AS services_unknown,
           coalesce(p.services_other_unit, 0) AS services_other_unit,
           capacity_state(coalesce(p.services, 0), coalesce(p.services_counted, 0), coalesce(p.services_unknown, 0),
                          (SELECT complete FROM registry_state)) AS state,
           p.capacity, p.illustrative_capacity, o.other_units, coalesce(p.planned, 0) AS planned
    FROM areas a LEFT JOIN picked p ON p.level = $level AND p.code = a.code LEFT JOIN other o ON o.code = a.code
), kraj AS (
    SELECT capacity_state(coalesce(sum(services), 0), coalesce(sum(services_counted), 0),
                          coalesce(sum(services_unknown), 0), (SELECT complete FROM registry_state)) AS kraj_state,
           sum(capacity) AS kraj_capacity
    FROM picked WHERE level = 'kraj'
)
SELECT s.code, s.name, s.orp, CAST(s.population AS BIGINT) AS population, CAST(s.services AS INTEGER) AS services,
       CAST(s.services_unknown AS INTEGER) AS services_unknown, CAST(s.services_other_unit AS INTEGER) AS services_other_unit, s.state,
       shown_capacity(s.state, s.capacity)                                     AS capacity,
       rate_per_10000(s.state, s.capacity, s.population)                            AS rate,
       CASE WHEN s.capacity > 0 THEN coalesce(s.illustrative_capacity, 0) / s.capacity END AS illustrative_share,
       s.other_units, CAST(s.planned AS INTEGER) AS planned,
       k.kraj_state,
       rate_per_10000(k.kraj_state, k.kraj_capacity, (SELECT sum(population) FROM municipality)) AS kraj_rate,
       TRY_CAST($target AS DOUBLE)                                                  AS target,
       gap_to_target(TRY_CAST($target AS DOUBLE), s.state, s.capacity, s.population) AS gap
FROM stated s CROSS JOIN kraj k
ORDER BY s.name COLLATE cs, s.code;

-- name: target_for
SELECT per_10000, set_by, set_on, assumed, document FROM target_norm_state
WHERE kind_code = $kind AND capacity_type = $unit ORDER BY set_on DESC NULLS LAST LIMIT 1;

-- name: units_for_kinds
SELECT capacity_type, count(*) FILTER (WHERE state IN ('counted', 'partial')) AS n FROM service_unit_state
WHERE list_contains($kinds, kind_code) GROUP BY 1 ORDER BY n DESC, capacity_type;

-- name: nearest_by_municipality
-- The nearest place is named: its service and the municipality it is in ("Jilemnice → Noclehárna …, Liberec").
SELECT m.kod_obce AS code, m.name, o.name AS orp, m.population, m.lat, m.lon, min(n.distance_km) AS distance_km,
       arg_min(s.name, n.distance_km) AS nearest_service,
       arg_min(coalesce(pm.name, p.address), n.distance_km) AS nearest_municipality,
       bool_or(src.is_illustrative) AS illustrative
FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
LEFT JOIN nearest_choice n ON n.kod_obce = m.kod_obce AND list_contains($kinds, n.choice)
LEFT JOIN service_place p ON p.place_id = n.place_id
LEFT JOIN service s ON s.service_id = p.service_id
LEFT JOIN municipality pm ON pm.kod_obce = p.kod_obce
LEFT JOIN source src ON src.source_id = p.source_id
GROUP BY m.kod_obce, m.name, o.name, m.population, m.lat, m.lon
ORDER BY m.name COLLATE cs, m.kod_obce;

-- name: planned_services
-- The workbooks' planned services (záměry) with their kind and municipality, for the scenario switch.
SELECT p.planned_id, p.kind_code, k.name_cs AS kind, p.kod_obce, m.name AS municipality, o.name AS orp,
       p.capacity, p.capacity_type, p.date_from, p.name, src.document, src.date AS source_date
FROM planned_service p JOIN service_kind k USING (kind_code) JOIN municipality m USING (kod_obce)
JOIN orp o ON o.kod_orp = m.kod_orp JOIN source src ON src.source_id = p.source_id
ORDER BY k.name_cs COLLATE cs, m.name COLLATE cs;

-- name: registry_kinds
SELECT kind_code, name_cs, kind_group, usual_unit FROM service_kind
WHERE kind_code IN (SELECT kind_code FROM service) ORDER BY kind_group COLLATE cs, name_cs COLLATE cs;

-- name: capacity_by_area_and_kind
-- capacity_by_area for every kind at once, each in its usual unit (Srovnání: one query, not one per kind); with
-- planned services (the p_ lists and workbook) the scenario's, by the same rules.
WITH kinds AS (
    SELECT kind_code, coalesce(usual_unit, 'klient') AS unit FROM service_kind
    WHERE kind_code IN (SELECT kind_code FROM service)
), areas AS (
    SELECT $level AS level, CASE WHEN $level = 'orp' THEN m.kod_orp ELSE m.kod_obce END AS code,
           CASE WHEN $level = 'orp' THEN o.name ELSE m.name END      AS name,
           sum(m.population)                                          AS population
    FROM municipality m JOIN orp o ON o.kod_orp = m.kod_orp
    GROUP BY ALL
    UNION ALL  -- the kraj itself (all the loaded kraje, as capacity_by_area's kraj_rate): the same rule over it
    SELECT 'kraj', 'kraj', 'kraj', sum(population) FROM municipality
), counted AS (  -- area_capacity, its kraje summed into the one 'kraj' area
    SELECT level, CASE WHEN level = 'kraj' THEN 'kraj' ELSE code END AS code, kind_code, capacity_type,
           sum(capacity) AS capacity, sum(illustrative_capacity) AS illustrative_capacity,
           sum(services) AS services, sum(services_counted) AS services_counted,
           sum(services_unknown) AS services_unknown, sum(services_other_unit) AS services_other_unit
    FROM area_capacity WHERE level IN ($level, 'kraj')
    GROUP BY ALL
), planned AS (
    SELECT a.level, a.code, p.kind_code,
           sum(p.capacity) FILTER (WHERE plan_state(p.capacity, p.capacity_type, k.unit) = 'counted') AS capacity,
           count(*) AS services,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, k.unit) = 'counted') AS services_counted,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, k.unit) = 'unknown') AS services_unknown,
           count(*) FILTER (WHERE plan_state(p.capacity, p.capacity_type, k.unit) = 'other_unit')
               AS services_other_unit
    FROM scenario_plans($p_kinds, $p_obce, $p_caps, $p_units, $workbook) p
    JOIN kinds k USING (kind_code)
    JOIN municipality m USING (kod_obce)
    JOIN areas a ON a.level = 'kraj' OR (a.level = 'orp' AND a.code = m.kod_orp)
                 OR (a.level = 'obec' AND a.code = m.kod_obce)
    GROUP BY ALL
), stated AS (
    SELECT k.kind_code, k.unit, a.level, a.code, a.name, a.population,
           CASE WHEN c.capacity IS NULL AND pl.capacity IS NULL THEN NULL
                ELSE coalesce(c.capacity, 0) + coalesce(pl.capacity, 0) END AS capacity,
           c.illustrative_capacity,
           coalesce(c.services, 0) + coalesce(pl.services, 0) AS services,
           coalesce(c.services_unknown, 0) + coalesce(pl.services_unknown, 0) AS services_unknown,
           coalesce(c.services_other_unit, 0) + coalesce(pl.services_other_unit, 0) AS services_other_unit,
           coalesce(pl.services, 0) AS planned,
           capacity_state(coalesce(c.services, 0) + coalesce(pl.services, 0),
                          coalesce(c.services_counted, 0) + coalesce(pl.services_counted, 0),
                          coalesce(c.services_unknown, 0) + coalesce(pl.services_unknown, 0),
                          (SELECT complete FROM registry_state)) AS state
    FROM kinds k CROSS JOIN areas a
    LEFT JOIN counted c ON c.level = a.level AND c.code = a.code AND c.kind_code = k.kind_code
                       AND c.capacity_type = k.unit
    LEFT JOIN planned pl ON pl.level = a.level AND pl.code = a.code AND pl.kind_code = k.kind_code
)
SELECT kind_code, unit, level, code, name, population, services, services_unknown, services_other_unit, state,
       planned,
       shown_capacity(state, capacity) AS capacity,
       rate_per_10000(state, capacity, population) AS rate,
       CASE WHEN capacity > 0 THEN coalesce(illustrative_capacity, 0) / capacity END AS illustrative_share
FROM stated;

-- name: allocation_rules
SELECT DISTINCT a.rule FROM capacity_allocation a JOIN active_service s USING (service_id)
WHERE s.service_id IN (SELECT service_id FROM service_choice WHERE list_contains($kinds, choice))
  AND a.capacity_type = $unit ORDER BY 1;

-- name: distance_and_utilisation_by_area_and_kind
SELECT coalesce(d.code, u.code) AS code, coalesce(d.kind_code, u.kind_code) AS kind_code, d.distance_km,
       u.utilisation
FROM (SELECT * FROM area_distance WHERE level = $level) d
FULL JOIN (SELECT * FROM area_utilisation WHERE level = $level) u ON u.code = d.code AND u.kind_code = d.kind_code;

-- name: municipality_codes
SELECT kod_obce, kod_obce AS code, name, lat, lon FROM municipality ORDER BY name COLLATE cs, kod_obce;
