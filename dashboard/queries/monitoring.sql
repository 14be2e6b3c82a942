-- Named queries of Obsazenost, Žádosti and Plán.

-- name: occupancy_choices
-- What Obsazenost offers to choose: each service that reports, its kind and ORP, in each unit it reports in.
SELECT DISTINCT service_id, service, kind_code, kind, kod_orp, orp, capacity_type FROM occupancy_of(NULL, NULL, NULL)
ORDER BY service COLLATE cs, service_id, capacity_type;

-- name: occupancy_coverage
-- Who reports for which years: the whole months with an occupied figure, per service and year.
SELECT service, CAST(year(period_start) AS VARCHAR) AS year, count(DISTINCT period_start) AS months
FROM occupancy_of(NULL, NULL, NULL) WHERE is_month AND occupied IS NOT NULL
GROUP BY ALL ORDER BY service COLLATE cs, year;

-- name: occupancy_chosen
SELECT * FROM occupancy_of($level, $pick, $unit) ORDER BY service COLLATE cs, period_start;

-- name: utilisation_by_month
SELECT * FROM monthly_utilisation($level, $pick, $unit);

-- name: funnel_rounds
SELECT r.round_id, r.name, r.date, r.note, k.name_cs AS programme, m.name AS municipality,
       src.document, src.date AS source_date, src.link, src.is_illustrative
FROM funnel_round r
JOIN service_kind k ON k.kind_code = r.programme
JOIN source src ON src.source_id = r.source_id
LEFT JOIN municipality m ON m.kod_obce = r.kod_obce
ORDER BY r.date NULLS LAST, r.name COLLATE cs;

-- name: plan_measures
SELECT p.plan_id, p.name AS plan, p.area, m.goal_code, m.goal, m.code, m.text, m.kind_codes,
       m.status, m.status_year, m.indicator, src.document, src.date AS source_date
FROM plan_measure m JOIN plan p USING (plan_id) JOIN source src ON src.source_id = m.source_id
ORDER BY p.name, string_split(m.code, '.')::INTEGER[];

-- name: plan_statuses
SELECT plan_id, code, year, status FROM plan_measure_status ORDER BY plan_id, code, year;

-- name: capacity_by_kind
SELECT kind_code, capacity_type, sum(capacity)::BIGINT AS capacity, count(DISTINCT service_id) AS services
FROM registered_capacity c JOIN active_service s USING (service_id)
GROUP BY ALL;

-- name: services_by_kind_code
SELECT kind_code, count(*) AS services FROM active_service GROUP BY ALL;

-- name: plan_kind_capacity
-- For each plan, the kinds in its own territory (the ORP of the plan's town, else the kraj): services and capacity
-- with their state from area_capacity, and the municipal instruments in use (housing_in_use) in flats.
WITH territory AS (
    SELECT p.plan_id, CASE WHEN p.kod_obce IS NULL THEN 'kraj' ELSE 'orp' END AS level,
           coalesce(m.kod_orp, (SELECT min(kod_kraj) FROM kraj)) AS code,
           CASE WHEN p.kod_obce IS NULL THEN 'kraj' ELSE 'ORP ' || o.name END AS territory
    FROM plan p LEFT JOIN municipality m USING (kod_obce) LEFT JOIN orp o ON o.kod_orp = m.kod_orp
)
SELECT t.plan_id, t.territory, c.kind_code, c.capacity_type, c.capacity, c.services,
       capacity_state(c.services, c.services_counted, c.services_unknown,
                      (SELECT complete FROM registry_state)) AS state
FROM territory t JOIN area_capacity c ON c.level = t.level AND c.code = t.code
WHERE c.services > 0
UNION ALL
SELECT t.plan_id, t.territory, h.programme, 'byt', sum(h.units), count(*),
       CASE WHEN count(h.units) = 0 THEN 'unknown' WHEN count(h.units) < count(*) THEN 'partial' ELSE 'counted' END
FROM territory t JOIN housing_in_use h ON (t.level = 'orp' AND h.kod_orp = t.code) OR (t.level = 'kraj' AND h.kod_kraj = t.code)
GROUP BY ALL;
