-- Named queries of the directory (/adresar) and of the page of a service (/sluzba/<id>).

-- name: directory_entries
-- One row per service, and per municipal housing instrument outside the registry.
WITH places AS (
    SELECT p.service_id,
           list(DISTINCT p.kod_obce ORDER BY p.kod_obce) FILTER (WHERE p.kod_obce IS NOT NULL) AS obce,
           list(DISTINCT m.kod_orp ORDER BY m.kod_orp) FILTER (WHERE m.kod_orp IS NOT NULL)   AS orps,
           string_agg(DISTINCT m.name, ', ' ORDER BY m.name)                                    AS municipality,
           string_agg(DISTINCT o.name, ', ' ORDER BY o.name)                                    AS orp
    FROM service_place p
    LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
    LEFT JOIN orp o ON o.kod_orp = m.kod_orp
    GROUP BY p.service_id
), capacities AS (
    SELECT service_id, list(struct_pack(form := form, capacity_type := capacity_type, capacity := capacity)
                            ORDER BY form, capacity_type) AS capacities,
           max(capacity) AS capacity_max
    FROM registered_capacity GROUP BY service_id
), topics AS (  -- #19: what a service does beyond its kind (tema:dluhove-poradenstvi)
    SELECT service_id, list(choice ORDER BY choice) AS topics FROM service_choice WHERE choice LIKE 'tema:%'
    GROUP BY service_id
)
SELECT s.service_id AS id, s.name, pr.name AS provider, s.kind_code, k.name_cs AS kind, k.kind_group,
       s.forms, s.target_groups, pl.obce, pl.orps, pl.municipality, pl.orp,
       c.capacities, c.capacity_max, src.document AS source, src.is_illustrative,
       coalesce(tp.topics, []::VARCHAR[]) AS topics
FROM service s
JOIN service_kind k ON k.kind_code = s.kind_code
JOIN source src ON src.source_id = s.source_id
LEFT JOIN provider pr ON pr.provider_id = s.provider_id
LEFT JOIN places pl ON pl.service_id = s.service_id
LEFT JOIN capacities c ON c.service_id = s.service_id
LEFT JOIN topics tp ON tp.service_id = s.service_id
WHERE (s.date_from IS NULL OR s.date_from <= current_date) AND (s.date_to IS NULL OR s.date_to > current_date)
UNION ALL
SELECT h.social_housing_id, h.name, NULL, h.programme, k.name_cs, k.kind_group,
       []::VARCHAR[], []::VARCHAR[], [h.kod_obce], [m.kod_orp], m.name, o.name,
       CASE WHEN h.units IS NULL THEN NULL
            ELSE [struct_pack(form := NULL::VARCHAR, capacity_type := 'byt', capacity := h.units)] END,
       h.units, src.document, src.is_illustrative, []::VARCHAR[]
FROM social_housing h
JOIN service_kind k ON k.kind_code = h.programme
JOIN municipality m ON m.kod_obce = h.kod_obce
JOIN orp o ON o.kod_orp = m.kod_orp
JOIN source src ON src.source_id = h.source_id
WHERE h.status = 'v provozu'
ORDER BY name COLLATE cs, id;

-- name: directory_places
SELECT p.service_id AS id, p.place_id, p.name, p.address, p.lat, p.lon, p.geo_precision, m.name AS municipality,
       p.kod_obce
FROM service_place p LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
WHERE p.lat IS NOT NULL
UNION ALL
SELECT h.social_housing_id, h.social_housing_id, h.name, h.address, m.lat, m.lon, 'municipality', m.name, h.kod_obce
FROM social_housing h JOIN municipality m ON m.kod_obce = h.kod_obce
WHERE h.status = 'v provozu'
ORDER BY id, place_id;

-- name: filter_options
SELECT 'orp' AS field, kod_orp AS value, name AS label FROM orp
UNION ALL SELECT 'obec', kod_obce, name FROM municipality
ORDER BY field, label COLLATE cs;

-- name: kinds_in_use
SELECT DISTINCT k.kind_code, k.name_cs, k.kind_group, k.paragraf
FROM service_kind k
WHERE k.kind_code IN (SELECT kind_code FROM service UNION SELECT programme FROM social_housing)
   OR NOT k.in_registry
ORDER BY k.kind_group COLLATE cs, k.name_cs COLLATE cs;

-- name: service_detail
SELECT s.service_id, s.identifikator, s.name, s.kind_code, k.name_cs AS kind, k.paragraf, k.kind_group,
       s.forms, s.target_groups, s.reach_kraje, s.date_from, s.date_to, s.note,
       pr.name AS provider, pr.ico, pr.legal_form, pr.web, pr.email, pr.phone,
       src.source_id, src.document, src.date AS source_date, src.link, src.is_illustrative
FROM service s
JOIN service_kind k ON k.kind_code = s.kind_code
JOIN source src ON src.source_id = s.source_id
LEFT JOIN provider pr ON pr.provider_id = s.provider_id
WHERE s.service_id = $id;

-- name: service_capacities
SELECT form, capacity_type, capacity, description FROM registered_capacity WHERE service_id = $id
ORDER BY form, capacity_type;

-- name: service_places
SELECT p.place_id, p.name, p.address, m.name AS municipality, o.name AS orp, p.lat, p.lon, p.geo_precision,
       p.geo_source, p.kod_obce
FROM service_place p
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
LEFT JOIN orp o ON o.kod_orp = m.kod_orp
WHERE p.service_id = $id ORDER BY p.place_id;

-- name: service_occupancy
SELECT o.period_start, o.period_end, o.capacity_type, o.capacity, o.occupied, o.refused, o.note,
       src.document, src.date AS source_date, src.link, src.is_illustrative
FROM occupancy o JOIN source src ON src.source_id = o.source_id
WHERE o.service_id = $id ORDER BY o.period_start, o.capacity_type;

-- name: service_facts
SELECT f.fact_id, f.metric, f.value, f.unit, f.as_of, f.note, src.document, src.date AS source_date, src.link
FROM fact f JOIN source src ON src.source_id = f.source_id
WHERE f.service_id = $id ORDER BY f.as_of DESC NULLS LAST, f.fact_id;

-- name: service_measures
SELECT p.name AS plan, m.code, m.text, m.status, m.status_year, src.document, src.date AS source_date
FROM plan_measure m JOIN plan p USING (plan_id) JOIN source src ON src.source_id = m.source_id
WHERE list_contains(m.kind_codes, $kind_code)
ORDER BY p.name, string_split(m.code, '.')::INTEGER[];

-- name: housing_detail
SELECT h.social_housing_id, h.name, k.name_cs AS kind, h.programme AS kind_code, h.address, m.name AS municipality,
       o.name AS orp, h.units, h.unit_sizes, h.status, h.since, h.note, m.lat, m.lon,
       src.document, src.date AS source_date, src.link, src.is_illustrative
FROM social_housing h
JOIN service_kind k ON k.kind_code = h.programme
JOIN municipality m ON m.kod_obce = h.kod_obce
JOIN orp o ON o.kod_orp = m.kod_orp
JOIN source src ON src.source_id = h.source_id
WHERE h.social_housing_id = $id;
