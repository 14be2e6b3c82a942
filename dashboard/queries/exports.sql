-- Areas a chart or a report pack can be made for: the whole loaded region ('kraj') and each ORP.

-- name: area_names
SELECT 'kraj' AS code, CASE WHEN count(*) = 1 THEN any_value(name) ELSE 'Česko' END AS name, 0 AS sort
FROM kraj WHERE kod_kraj IN (SELECT kod_kraj FROM municipality)
UNION ALL
SELECT kod_orp, 'ORP ' || name, 1 FROM orp
ORDER BY sort, name COLLATE cs;

-- name: funnel_rounds_in
SELECT r.round_id FROM funnel_round r
LEFT JOIN municipality m ON m.kod_obce = r.kod_obce
WHERE $area = 'kraj' OR m.kod_orp = $area
ORDER BY r.date NULLS LAST, r.round_id;

-- name: pack_kinds
-- The kinds a report pack shows one by one: those with a target norm and a service in the loaded data.
SELECT t.kind_code, t.capacity_type, t.per_10000
FROM target_norm t
WHERE t.kind_code IN (SELECT kind_code FROM service)
ORDER BY t.kind_code;

-- name: pack_occupancy
-- What monthly occupancy can be drawn for an area: by kind for the whole region, the ORP itself for an ORP.
SELECT DISTINCT CASE WHEN $area = 'kraj' THEN 'kind' ELSE 'orp' END AS podle,
       CASE WHEN $area = 'kraj' THEN s.kind_code ELSE m.kod_orp END AS vyber, o.capacity_type AS jednotka
FROM utilisation o
JOIN service s USING (service_id)
LEFT JOIN service_first_place p USING (service_id)
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
WHERE o.capacity IS NOT NULL AND o.occupied IS NOT NULL AND o.is_month
  AND ($area = 'kraj' OR m.kod_orp = $area)
ORDER BY vyber, jednotka;

-- name: pack_plans
-- The kinds and units of the workbooks' planned services (záměry) in an area ('kraj' or an ORP code), with the
-- target norm of the kind where there is one: the pack shows each as today / with the plans.
SELECT DISTINCT p.kind_code, p.capacity_type, t.per_10000
FROM planned_service p JOIN municipality m USING (kod_obce)
LEFT JOIN target_norm t ON t.kind_code = p.kind_code AND t.capacity_type = p.capacity_type
WHERE $area = 'kraj' OR m.kod_orp = $area
ORDER BY p.kind_code, p.capacity_type;

-- name: workbook_template
SELECT file_name, content FROM workbook_template;
