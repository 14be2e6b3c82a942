-- Named queries of the page O datech: what each source is and how much of what socmap shows rests on it.

-- name: source_use
-- Every source with the rows that cite it, grouped by kind; illustrative and completeness as recorded.
WITH cited AS (
    SELECT source_id, 'služby' AS what FROM service UNION ALL SELECT source_id, 'kapacity' FROM registered_capacity
    UNION ALL SELECT source_id, 'místa' FROM service_place UNION ALL SELECT source_id, 'obsazenost' FROM occupancy
    UNION ALL SELECT source_id, 'cílové normy' FROM target_norm UNION ALL SELECT source_id, 'trychtýře' FROM funnel_stage
    UNION ALL SELECT source_id, 'bydlení' FROM social_housing UNION ALL SELECT source_id, 'zveřejněné údaje' FROM fact
    UNION ALL SELECT source_id, 'opatření plánu' FROM plan_measure UNION ALL SELECT source_id, 'obce' FROM municipality
    UNION ALL SELECT source_id, 'hranice' FROM boundary
)
SELECT * FROM (
    SELECT s.document, s.kind, s.date, s.link, s.publisher, s.is_illustrative, s.completeness, s.coverage,
           count(c.what) AS rows, string_agg(DISTINCT c.what, ', ' ORDER BY c.what) AS used_for
    FROM source s LEFT JOIN cited c USING (source_id)
    GROUP BY ALL
) s
ORDER BY CASE s.kind WHEN 'registr' THEN 0 WHEN 'referenční data' THEN 1 WHEN 'sešit' THEN 2 WHEN 'zápis' THEN 3
                     ELSE 4 END, s.is_illustrative DESC, s.document COLLATE cs;

-- name: unknowns
-- What socmap does not know, counted: services without a stated capacity, places known only by municipality,
-- funnel stages nobody counted, services reporting occupancy.
SELECT
    (SELECT count(*) FROM active_service) AS services,
    (SELECT count(DISTINCT service_id) FROM service_unit_state WHERE state = 'unknown'
       AND service_id NOT IN (SELECT service_id FROM service_unit_state WHERE state <> 'unknown')) AS services_no_capacity,
    (SELECT count(*) FROM service_place WHERE geo_precision = 'municipality') AS places_municipality_only,
    (SELECT count(*) FROM service_place) AS places,
    (SELECT count(*) FROM funnel_stage WHERE count IS NULL) AS stages_uncounted,
    (SELECT count(*) FROM funnel_stage) AS stages,
    (SELECT count(DISTINCT service_id) FROM occupancy) AS services_with_occupancy,
    (SELECT count(DISTINCT o.service_id) FROM occupancy o JOIN source s USING (source_id)
       WHERE NOT s.is_illustrative) AS services_with_real_occupancy,
    (SELECT count(*) FROM target_norm_state WHERE assumed) AS norms_assumed,
    (SELECT count(*) FROM target_norm_state) AS norms;
