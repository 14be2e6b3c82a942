-- Named queries of dashboard/validation.py: every code a control or a link may carry, from the loaded file.

-- name: allowed_values
SELECT 'kind' AS field, kind_code AS value FROM service_kind
UNION ALL SELECT DISTINCT 'kind', choice FROM service_choice WHERE choice LIKE 'tema:%'
UNION ALL SELECT DISTINCT 'group', kind_group FROM service_kind
UNION ALL SELECT 'orp', kod_orp FROM orp
UNION ALL SELECT 'obec', kod_obce FROM municipality
UNION ALL SELECT 'service', service_id FROM service
UNION ALL SELECT 'service', social_housing_id FROM social_housing
UNION ALL SELECT DISTINCT 'target', unnest(target_groups) FROM service
UNION ALL SELECT DISTINCT 'unit', capacity_type FROM registered_capacity
UNION ALL SELECT DISTINCT 'unit', capacity_type FROM occupancy
UNION ALL SELECT DISTINCT 'unit', capacity_type FROM target_norm
UNION ALL SELECT DISTINCT 'goal', goal_code FROM plan_measure
UNION ALL SELECT 'indicator', indicator FROM need_measure
UNION ALL SELECT 'round', round_id FROM funnel_round;
