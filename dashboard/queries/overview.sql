-- Named queries of the overview page. Parameters are always bound.

-- name: kpis
SELECT
    (SELECT sum(population) FROM municipality)                       AS population,
    (SELECT max(population_date) FROM municipality)                  AS population_date,
    (SELECT count(*) FROM municipality)                              AS municipalities,
    (SELECT count(*) FROM orp)                                       AS orps,
    (SELECT count(*) FROM active_service)                            AS services,
    (SELECT sum(units) FROM housing_in_use WHERE programme = 'socialni-byty')            AS social_flats,
    (SELECT count(*) FROM housing_in_use
      WHERE programme = 'socialni-byty' AND units IS NULL)                             AS social_flat_houses_unknown,
    (SELECT count(*) FROM housing_in_use WHERE programme = 'socialni-byty')            AS social_flat_houses,
    (SELECT count(*) FROM source)                                    AS sources,
    (SELECT count(*) FROM source WHERE is_illustrative)              AS illustrative_sources;

-- name: population_by_orp
SELECT o.kod_orp AS code, o.name, count(*) AS municipalities, sum(m.population) AS population
FROM orp o JOIN municipality m USING (kod_orp)
GROUP BY o.kod_orp, o.name
ORDER BY o.name COLLATE cs;

-- name: population_by_municipality
SELECT m.kod_obce AS code, m.name, o.name AS orp, m.population, m.kod_orp
FROM municipality m JOIN orp o USING (kod_orp)
ORDER BY m.name COLLATE cs, m.kod_obce;

-- name: boundaries
SELECT code, name, geometry FROM boundary WHERE level = $level ORDER BY code;

-- name: map_view
SELECT min(lat) AS lat_min, max(lat) AS lat_max, min(lon) AS lon_min, max(lon) AS lon_max
FROM municipality;

-- name: reference_sources
SELECT s.document, s.date, s.link, s.publisher
FROM source s WHERE s.source_id IN ('REF-OBCE', 'REF-OBCE-HRANICE', 'REF-ORP-HRANICE')
ORDER BY s.source_id;

-- name: funnel_round
SELECT r.round_id, r.name, r.date, r.note, o.name AS municipality,
       s.document, s.date AS source_date, s.link, s.is_illustrative
FROM funnel_round r
JOIN source s USING (source_id)
LEFT JOIN municipality o USING (kod_obce)
WHERE r.round_id = $round_id;

-- name: funnel_stages
SELECT stage_order, stage, count, unit, note, is_supply
FROM funnel_step WHERE round_id = $round_id ORDER BY stage_order;

-- name: social_housing
SELECT h.name, k.name_cs AS programme, m.name AS municipality, h.units, h.unit_sizes, h.status, h.since,
       h.note, s.document, s.date AS source_date, s.link, s.is_illustrative
FROM social_housing h
JOIN service_kind k ON k.kind_code = h.programme
JOIN municipality m ON m.kod_obce = h.kod_obce
JOIN source s ON s.source_id = h.source_id
ORDER BY m.name COLLATE cs, h.status, h.name COLLATE cs;

-- name: published_capacities
SELECT f.fact_id, coalesce(sv.name, f.subject) AS service, k.name_cs AS kind, m.name AS municipality,
       f.value, f.unit, f.as_of, f.metric, s.document, s.link, s.is_illustrative
FROM fact f
LEFT JOIN service sv USING (service_id)
LEFT JOIN service_kind k ON k.kind_code = sv.kind_code
LEFT JOIN municipality m ON m.kod_obce = f.kod_obce
JOIN source s ON s.source_id = f.source_id
WHERE f.metric LIKE 'capacity%' AND f.value IS NOT NULL
ORDER BY k.name_cs COLLATE cs, service COLLATE cs, f.as_of DESC NULLS LAST;

-- name: registry_status
SELECT count(*) FILTER (WHERE s.identifikator IS NOT NULL)                         AS registry_services,
       count(*) FILTER (WHERE s.identifikator IS NOT NULL AND src.is_illustrative) AS illustrative_services
FROM service s JOIN source src ON src.source_id = s.source_id;

-- name: places_for_map
SELECT p.place_id, s.service_id, s.name AS service, k.name_cs AS kind, k.kind_group, p.address,
       p.kod_obce, m.name AS municipality, p.lat, p.lon, p.geo_precision, src.is_illustrative, m.kod_orp
FROM service_place p
JOIN active_service s USING (service_id)
JOIN service_kind k ON k.kind_code = s.kind_code
JOIN source src ON src.source_id = s.source_id
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
WHERE p.lat IS NOT NULL
ORDER BY k.kind_group, s.name COLLATE cs, p.place_id;

-- name: services_by_kind
SELECT k.name_cs AS kind, k.kind_group, count(*) AS services,
       count(*) FILTER (WHERE src.is_illustrative) AS illustrative
FROM active_service s JOIN service_kind k ON k.kind_code = s.kind_code JOIN source src ON src.source_id = s.source_id
GROUP BY k.kind_group, k.name_cs
ORDER BY k.kind_group COLLATE cs, k.name_cs COLLATE cs;

-- name: precision_counts
SELECT geo_precision, count(*) AS places FROM service_place GROUP BY ALL ORDER BY places DESC;

-- name: funnel_stages_all
SELECT round_id, stage_order, stage, count, unit, note, is_supply
FROM funnel_step ORDER BY round_id, stage_order;

-- name: registry_state
SELECT * FROM registry_state;

-- name: illustrative_inputs
-- Every illustrative or assumed source that some loaded row cites, with how many rows: drives the banner.
SELECT s.source_id, s.document, s.publisher, count(*) AS rows FROM (
    SELECT source_id FROM service UNION ALL SELECT source_id FROM registered_capacity
    UNION ALL SELECT source_id FROM occupancy UNION ALL SELECT source_id FROM target_norm
    UNION ALL SELECT source_id FROM funnel_stage UNION ALL SELECT source_id FROM social_housing
    UNION ALL SELECT source_id FROM fact UNION ALL SELECT source_id FROM plan_measure
) x JOIN source s USING (source_id)
WHERE s.is_illustrative
GROUP BY ALL ORDER BY 2 COLLATE cs;

-- name: point_sources
SELECT DISTINCT p.geo_precision FROM service_place p JOIN active_service USING (service_id) WHERE p.lat IS NOT NULL;

-- name: boundaries_obec
SELECT code, name, geometry FROM boundary WHERE level = 'obec' ORDER BY code;

-- name: boundaries_orp
SELECT code, name, geometry FROM boundary WHERE level = 'orp' ORDER BY code;
