-- Checks of a finished build. Each query returns the offending rows; an empty result passes.
-- The first comment line of a block is its message: Czech / English.

-- name: municipality_without_orp
-- obec bez ORP / municipality without an ORP
SELECT m.kod_obce FROM municipality m LEFT JOIN orp o USING (kod_orp) WHERE o.kod_orp IS NULL;

-- name: municipality_without_population
-- obec bez počtu obyvatel / municipality without population
SELECT kod_obce FROM municipality WHERE population IS NULL OR population < 0;

-- name: orp_without_municipality
-- ORP bez obcí / ORP without municipalities
SELECT o.kod_orp FROM orp o LEFT JOIN municipality m USING (kod_orp) GROUP BY o.kod_orp HAVING count(m.kod_obce) = 0;

-- name: empty_reference
-- chybí referenční geografie / reference geography is missing
SELECT 'municipality' AS what WHERE (SELECT count(*) FROM municipality) = 0
UNION ALL SELECT 'orp' WHERE (SELECT count(*) FROM orp) = 0;

-- name: place_without_point
-- místo poskytování bez souřadnic / place of provision without a point
SELECT place_id FROM service_place WHERE geo_precision <> 'none' AND (lat IS NULL OR lon IS NULL);

-- name: funnel_stage_gap
-- pořadí fází trychtýře není souvislé / funnel stage order has gaps
SELECT round_id FROM funnel_stage GROUP BY round_id HAVING max(stage_order) <> count(*) OR min(stage_order) <> 1;

-- name: no_sources
-- tabulka zdrojů je prázdná / the source table is empty
SELECT 'source' AS what WHERE (SELECT count(*) FROM source) = 0;

-- name: allocation_references
-- započtení kapacity odkazuje na neznámou službu, obec nebo zdroj / a capacity allocation names an unknown service, municipality or source
SELECT a.service_id FROM capacity_allocation a
WHERE a.service_id NOT IN (SELECT service_id FROM service) OR a.kod_obce NOT IN (SELECT kod_obce FROM municipality)
   OR a.source_id NOT IN (SELECT source_id FROM source);

-- name: nearest_references
-- nejbližší místo odkazuje na neznámou obec, druh, místo nebo zdroj / a nearest place names an unknown municipality, kind, place or source
SELECT n.kod_obce FROM nearest_service n
WHERE n.kod_obce NOT IN (SELECT kod_obce FROM municipality) OR n.kind_code NOT IN (SELECT kind_code FROM service_kind)
   OR n.place_id NOT IN (SELECT place_id FROM service_place) OR n.source_id NOT IN (SELECT source_id FROM source);
