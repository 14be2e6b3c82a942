-- Named queries behind `socmap status`.

-- name: services_by_kind
SELECT k.name_cs AS kind, k.kind_group AS kind_group, count(*) AS services,
       count(*) FILTER (WHERE src.is_illustrative) AS illustrative
FROM service s JOIN service_kind k USING (kind_code) JOIN source src ON src.source_id = s.source_id
GROUP BY ALL ORDER BY services DESC, kind COLLATE cs;

-- name: services_by_orp
SELECT coalesce(o.name, '(mimo kraj / bez místa)') AS orp, count(DISTINCT s.service_id) AS services
FROM service s
LEFT JOIN service_first_place p USING (service_id)
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
LEFT JOIN orp o ON o.kod_orp = m.kod_orp
GROUP BY ALL ORDER BY orp COLLATE cs;

-- name: capacity_by_kind_and_orp
SELECT druh AS kind, coalesce(o.name, '(mimo kraj / bez místa)') AS orp, capacity_type, sum(capacity)::BIGINT AS capacity
FROM service_capacity c LEFT JOIN orp o USING (kod_orp)
WHERE active
GROUP BY ALL ORDER BY kind COLLATE cs, orp COLLATE cs, capacity_type;

-- name: planned_services
-- Planned services (záměry) of the workbooks: a scenario, never counted into today's figures.
SELECT k.name_cs AS kind, m.name AS municipality, p.capacity, p.capacity_type,
       strftime(p.date_from, '%-d. %-m. %Y') AS date_from, p.name
FROM planned_service p JOIN service_kind k USING (kind_code) JOIN municipality m USING (kod_obce)
ORDER BY kind COLLATE cs, municipality COLLATE cs;

-- name: geo_precision
SELECT geo_precision AS precision, count(*) AS places FROM service_place GROUP BY ALL ORDER BY places DESC;

-- name: warnings
SELECT file, record, field, value, reason_cs, reason_en FROM build_warning ORDER BY file, record;
