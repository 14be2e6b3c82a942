-- Kept answers (issue #18): views that depend on today's date but on no input are stored by socmap build and
-- read as tables on the days they stay true (etl/build.py keep; kept_span in etl/schema.sql).

-- name: span
-- The days around the build day on which the same services are active: a service is active on a day when it has
-- begun (date_from on or before it) and not ended (date_to after it), so the set changes only on a date_from or
-- a date_to, and is that of today from the last such date on or before today to the next one after it.
SELECT coalesce(max(day) FILTER (WHERE day <= current_date), DATE '0001-01-01') AS valid_from,
       coalesce(min(day) FILTER (WHERE day > current_date), DATE '9999-12-31') AS valid_until
FROM (SELECT date_from AS day FROM service UNION ALL SELECT date_to FROM service)
WHERE day IS NOT NULL;
