-- The located places of active services the build measures distances to (etl/build.py nearest_frames),
-- one query per table it fills: by kind, and by topic (what a service does beyond its kind).

-- name: nearest_service
SELECT p.place_id, s.kind_code, p.lat, p.lon, p.source_id
FROM service_place p JOIN active_service s USING (service_id)
WHERE p.geo_precision <> 'none'
ORDER BY p.place_id;

-- name: nearest_topic
SELECT p.place_id, t.topic AS kind_code, p.lat, p.lon, p.source_id
FROM service_place p JOIN active_service s USING (service_id)
JOIN (SELECT DISTINCT service_id, topic FROM service_topic) t USING (service_id)
WHERE p.geo_precision <> 'none'
ORDER BY p.place_id, t.topic;
