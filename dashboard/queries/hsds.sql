-- Named queries of the Open Referral HSDS export (dashboard/exports/hsds.py). Our own keys only:
-- the export turns them into stable UUIDs. Nothing here guesses a value no source gave.

-- name: hsds_organizations
SELECT
    p.provider_id,
    p.name,
    p.ico,
    p.legal_form,
    p.web,
    p.email,
    src.is_illustrative
FROM provider p
JOIN source src USING (source_id)
ORDER BY p.provider_id;

-- name: hsds_services
SELECT
    s.service_id,
    s.identifikator,
    s.provider_id,
    s.name,
    k.name_cs  AS kind_name,
    k.paragraf,
    CASE WHEN s.service_id IN (SELECT service_id FROM active_service) THEN 'active' ELSE 'inactive' END AS status,
    src.is_illustrative
FROM service s
JOIN service_kind k USING (kind_code)
JOIN source src ON src.source_id = s.source_id
ORDER BY s.service_id;

-- name: hsds_locations
SELECT
    p.place_id,
    p.service_id,
    s.provider_id,
    coalesce(p.name, s.name) AS name,
    p.address,
    p.address_point,
    p.lat,
    p.lon,
    p.geo_precision
FROM service_place p
JOIN service s USING (service_id)
ORDER BY p.place_id;

-- name: hsds_addresses
-- Only addresses whose postal code (PSČ, "460 01") can be read from the text: HSDS requires it.
WITH parsed AS (
    SELECT
        p.place_id,
        trim(regexp_extract(p.address, '^([^,]+),\s*\d{3}\s?\d{2}\s', 1)) AS address_1,
        regexp_extract(p.address, ',\s*(\d{3})\s?(\d{2})\s', ['a', 'b'])  AS psc,
        m.name AS city,
        k.name AS state_province
    FROM service_place p
    LEFT JOIN municipality m USING (kod_obce)
    LEFT JOIN kraj k ON k.kod_kraj = m.kod_kraj
)
SELECT
    place_id,
    address_1,
    psc.a || ' ' || psc.b AS postal_code,
    city,
    state_province
FROM parsed
WHERE psc.a <> '' AND address_1 <> '' AND city IS NOT NULL AND state_province IS NOT NULL
ORDER BY place_id;

-- name: hsds_capacities
SELECT
    c.service_id,
    c.form,
    CASE c.form
        WHEN 'pob' THEN 'pobytová forma'
        WHEN 'amb' THEN 'ambulantní forma'
        WHEN 'ter' THEN 'terénní forma'
        ELSE c.form
    END          AS form_name,
    c.capacity_type,
    c.capacity,
    c.description,
    src.date     AS source_date
FROM registered_capacity c
JOIN source src USING (source_id)
ORDER BY c.service_id, c.form, c.capacity_type;
