-- The one truth of socmap's model. Every table has a COMMENT ON; every column is documented in
-- docs/model.md (a test checks both). Codes are text: they are keys, not numbers (IČO keeps its
-- leading zeros), and joins are on codes, never on names.
-- Every fact row points at `source`. A count nobody took is NULL, never 0.

CREATE TABLE source (
    source_id       VARCHAR PRIMARY KEY,
    document        VARCHAR NOT NULL,
    date            DATE,
    link            VARCHAR,
    publisher       VARCHAR,
    kind            VARCHAR NOT NULL,
    licence         VARCHAR,
    is_illustrative BOOLEAN NOT NULL DEFAULT FALSE,
    note            VARCHAR,
    completeness    VARCHAR,
    coverage        VARCHAR
);
COMMENT ON TABLE source IS 'Documents every figure comes from: minutes with meeting date, registry file, reference data, public web pages, workbooks. is_illustrative marks data made up for demonstration; completeness (complete, partial or NULL = not said) and coverage say how much of its field a source covers (the registry: the complete fetched file, or an extract).';

-- Geography -----------------------------------------------------------------------------------

CREATE TABLE kraj (
    kod_kraj   VARCHAR PRIMARY KEY,
    kod_ruian  VARCHAR,
    name       VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE kraj IS 'Regions (kraje), keyed by NUTS 3 code (CZ051 = Liberecký kraj, RÚIAN 78).';

CREATE TABLE okres (
    kod_okres  VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kod_kraj   VARCHAR NOT NULL REFERENCES kraj (kod_kraj),
    source_id  VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE okres IS 'Districts (okresy), keyed by LAU 1 code (e.g. CZ0513 Liberec), state after 1 January 2021.';

CREATE TABLE orp (
    kod_orp        VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    kod_kraj       VARCHAR NOT NULL REFERENCES kraj (kod_kraj),
    kod_ruian_orp  VARCHAR,
    kod_obce_seat  VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE orp IS 'Administrative districts of municipalities with extended powers (ORP), keyed by the 4-digit ČSÚ code (5105 = Liberec); membership as of 1 January 2021.';

CREATE TABLE municipality (
    kod_obce         VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    kod_orp          VARCHAR NOT NULL REFERENCES orp (kod_orp),
    kod_okres        VARCHAR NOT NULL REFERENCES okres (kod_okres),
    kod_kraj         VARCHAR NOT NULL REFERENCES kraj (kod_kraj),
    population       INTEGER,
    population_year  INTEGER,
    population_date  DATE,
    lat              DOUBLE,
    lon              DOUBLE,
    source_id        VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE municipality IS 'Municipalities (obce) with 6-digit code, ORP, okres, population on population_date (1 January of population_year) and centre point (WGS84).';

CREATE TABLE boundary (
    level      VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    geometry   VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (level, code)
);
COMMENT ON TABLE boundary IS 'Boundaries for maps: level obec, orp or kraj, code as in the matching table, geometry as GeoJSON (WGS84).';

-- Services ------------------------------------------------------------------------------------

CREATE TABLE service_kind (
    kind_code     VARCHAR PRIMARY KEY,
    registry_id   VARCHAR,
    paragraf      VARCHAR,
    name_cs       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    kind_group    VARCHAR NOT NULL,
    usual_unit    VARCHAR,
    in_registry   BOOLEAN NOT NULL,
    id_status     VARCHAR,
    source_id     VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE service_kind IS 'Kinds of service: the kinds of zákon 108/2006 Sb. (registry code list) and the towns'' own instruments outside the law (social flats, Housing First, crisis flats). kind_group is poradenství, péče, prevence or mimo registr.';

CREATE TABLE provider (
    provider_id  VARCHAR PRIMARY KEY,
    ico          VARCHAR,
    name         VARCHAR NOT NULL,
    legal_form   VARCHAR,
    web          VARCHAR,
    email        VARCHAR,
    phone        VARCHAR,
    source_id    VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE provider IS 'Providers (poskytovatelé) with IČO (8 digits, text) where known. Never the names of people (statutory bodies are personal data).';

CREATE TABLE service (
    service_id     VARCHAR PRIMARY KEY,
    identifikator  VARCHAR,
    provider_id    VARCHAR REFERENCES provider (provider_id),
    name           VARCHAR NOT NULL,
    kind_code      VARCHAR NOT NULL REFERENCES service_kind (kind_code),
    forms          VARCHAR[],
    target_groups  VARCHAR[],
    reach_kraje    VARCHAR[],
    date_from      DATE,
    date_to        DATE,
    note           VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE service IS 'Social services and instruments: registry identifier (identifikator, 7 digits) where known, kind, forms (pobytová, ambulantní, terénní), target groups, dates of provision.';

CREATE TABLE registered_capacity (
    service_id     VARCHAR NOT NULL REFERENCES service (service_id),
    form           VARCHAR NOT NULL,
    capacity_type  VARCHAR NOT NULL,
    capacity       INTEGER,
    description    VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE registered_capacity IS 'Registered capacity of a service per form (pob, amb, ter) and capacity type (luzka, klient, kontakt, interv, hovor), as in the registry: a registered maximum, never free places. Types are never added together.';

CREATE TABLE service_place (
    place_id       VARCHAR PRIMARY KEY,
    service_id     VARCHAR NOT NULL REFERENCES service (service_id),
    name           VARCHAR,
    address        VARCHAR,
    kod_obce       VARCHAR,
    address_point  VARCHAR,
    date_from      DATE,
    date_to        DATE,
    lat            DOUBLE,
    lon            DOUBLE,
    geo_precision  VARCHAR NOT NULL,
    geo_source     VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE service_place IS 'Places of provision (místa poskytování / zařízení) with address, municipality (possibly outside the region, then listed as a warning) and a point; geo_precision says how exact the point is (address, street, municipality, none) and geo_source where it came from.';

CREATE TABLE fact (
    fact_id            VARCHAR PRIMARY KEY,
    service_id         VARCHAR REFERENCES service (service_id),
    social_housing_id  VARCHAR,
    subject            VARCHAR NOT NULL,
    kod_obce           VARCHAR,
    metric             VARCHAR NOT NULL,
    value              DOUBLE,
    unit               VARCHAR,
    as_of              VARCHAR,
    note               VARCHAR,
    source_id          VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE fact IS 'Figures published about services and housing in public documents (news, provider and municipal pages), one per row, as published: conflicting figures stay separate rows. Not registry data.';

-- The two tables the build computes carry no REFERENCES: their keys come from checked tables, per-row foreign-key
-- checks cost seconds nationally, and etl/sql/checks.sql verifies the same references in one pass each.
CREATE TABLE capacity_allocation (
    service_id     VARCHAR NOT NULL,
    form           VARCHAR NOT NULL,
    capacity_type  VARCHAR NOT NULL,
    kod_obce       VARCHAR NOT NULL,
    share          DOUBLE NOT NULL,
    rule           VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL
);
COMMENT ON TABLE capacity_allocation IS 'Where a registered capacity counts: the share of one service''s capacity (per form and type) in each municipality, and the rule applied (places in equal shares; field forms over their reach by population). Shares of one capacity sum to 1.';

CREATE TABLE nearest_service (
    kod_obce     VARCHAR NOT NULL,
    kind_code    VARCHAR NOT NULL,
    distance_km  DOUBLE NOT NULL,
    place_id     VARCHAR NOT NULL,
    source_id    VARCHAR NOT NULL,
    PRIMARY KEY (kod_obce, kind_code)
);
COMMENT ON TABLE nearest_service IS 'Geodesic distance (km) from each municipality''s centre to the nearest place of each kind, computed in the build; as exact as the places'' points (geo_precision).';

-- Housing outside the law -----------------------------------------------------------------------

CREATE TABLE social_housing (
    social_housing_id  VARCHAR PRIMARY KEY,
    programme          VARCHAR NOT NULL,
    name               VARCHAR NOT NULL,
    address            VARCHAR,
    kod_obce           VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    units              INTEGER,
    unit_sizes         VARCHAR,
    status             VARCHAR NOT NULL,
    since              VARCHAR,
    note               VARCHAR,
    source_id          VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE social_housing IS 'Municipal housing instruments outside the law (social flats, crisis flats, entry flats, low-standard lodging): units is the number of flats or places, NULL when unknown.';

-- Application funnels ---------------------------------------------------------------------------

CREATE TABLE funnel_round (
    round_id           VARCHAR PRIMARY KEY,
    programme          VARCHAR NOT NULL,
    name               VARCHAR NOT NULL,
    date               DATE,
    kod_obce           VARCHAR REFERENCES municipality (kod_obce),
    social_housing_id  VARCHAR REFERENCES social_housing (social_housing_id),
    note               VARCHAR,
    source_id          VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE funnel_round IS 'Allocation rounds (e.g. the viewing of the Žitavská social flats on 6 January 2020) and allocation procedures (Housing First).';

CREATE TABLE funnel_stage (
    round_id     VARCHAR NOT NULL REFERENCES funnel_round (round_id),
    stage_order  INTEGER NOT NULL,
    stage        VARCHAR NOT NULL,
    count        INTEGER,
    unit         VARCHAR,
    note         VARCHAR,
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (round_id, stage_order)
);
COMMENT ON TABLE funnel_stage IS 'Ordered stages of a funnel round; count is NULL when nobody counted the stage (unknown, never zero); note holds drop-off reasons.';

-- Occupancy -------------------------------------------------------------------------------------

CREATE TABLE occupancy (
    service_id     VARCHAR NOT NULL REFERENCES service (service_id),
    period_start   DATE NOT NULL,
    period_end     DATE NOT NULL,
    capacity_type  VARCHAR NOT NULL,
    capacity       INTEGER,
    occupied       DOUBLE,
    refused        INTEGER,
    note           VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE occupancy IS 'How full a service was in a period: capacity, occupied (an average per night may be fractional, 14.5) and refused for lack of capacity; NULL where not counted.';

-- Plans -----------------------------------------------------------------------------------------

CREATE TABLE plan (
    plan_id     VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    area        VARCHAR,
    kod_obce    VARCHAR REFERENCES municipality (kod_obce),
    year_from   INTEGER,
    year_to     INTEGER,
    source_id   VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE plan IS 'Community plans (komunitní plán sociálních služeb) and their areas, e.g. Liberec 2018–2020, area 4.';

CREATE TABLE plan_measure (
    plan_id      VARCHAR NOT NULL REFERENCES plan (plan_id),
    goal_code    VARCHAR NOT NULL,
    goal         VARCHAR NOT NULL,
    code         VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    kind_codes   VARCHAR[],
    status       VARCHAR,
    status_year  INTEGER,
    indicator    VARCHAR,
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (plan_id, code)
);
COMMENT ON TABLE plan_measure IS 'Goals and measures of a plan (4.1 … 4.1.1 …) with the kinds of service they name, status in status_year where evaluated (NULL = not known) and indicator.';

CREATE TABLE plan_measure_status (
    plan_id    VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    year       INTEGER NOT NULL,
    status     VARCHAR NOT NULL,
    source_id  VARCHAR NOT NULL REFERENCES source (source_id),
    FOREIGN KEY (plan_id, code) REFERENCES plan_measure (plan_id, code)
);
COMMENT ON TABLE plan_measure_status IS 'Status of a measure by year as working groups evaluated it (splněno, probíhá, nezahájeno, zrušeno); plan_measure.status is the latest.';

CREATE TABLE target_norm (
    kind_code       VARCHAR NOT NULL REFERENCES service_kind (kind_code),
    capacity_type   VARCHAR NOT NULL,
    per_10000       DOUBLE NOT NULL,
    area_level      VARCHAR,
    set_by          VARCHAR,
    set_on          DATE,
    source_id       VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE target_norm IS 'Target capacity of a kind of service per 10 000 inhabitants, as set by a planner or the kraj (who and when).';

CREATE TABLE planned_service (
    planned_id     VARCHAR PRIMARY KEY,
    kind_code      VARCHAR NOT NULL REFERENCES service_kind (kind_code),
    kod_obce       VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    capacity       INTEGER,
    capacity_type  VARCHAR NOT NULL,
    date_from      DATE,
    name           VARCHAR NOT NULL,
    note           VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE planned_service IS 'Planned services (záměry) from the planners'' workbooks: kind, municipality, planned capacity (NULL = not known) in a unit. A scenario beside today''s network, never counted into it.';

-- Build metadata ---------------------------------------------------------------------------------

CREATE TABLE build_warning (
    file       VARCHAR NOT NULL,
    record     VARCHAR,
    field      VARCHAR,
    value      VARCHAR,
    reason_cs  VARCHAR NOT NULL,
    reason_en  VARCHAR NOT NULL
);
COMMENT ON TABLE build_warning IS 'Valid but odd input that was loaded anyway (capacity 0, a place outside the region, an unknown kind of service), listed by socmap status.';

CREATE TABLE workbook_template (
    file_name  VARCHAR NOT NULL,
    content    BLOB NOT NULL
);
COMMENT ON TABLE workbook_template IS 'The planners'' workbook template (socmap template, /export/sablona.xlsx), made by the build with drop-down lists of the kinds, municipalities and ORPs of this file.';

CREATE TABLE geocode_cache (
    query         VARCHAR PRIMARY KEY,
    lat           DOUBLE,
    lon           DOUBLE,
    precision     VARCHAR NOT NULL,
    display_name  VARCHAR,
    service_url   VARCHAR NOT NULL,
    fetched_on    DATE NOT NULL
);
COMMENT ON TABLE geocode_cache IS 'Copy of the geocoding cache the build used (addresses geocoded by socmap geocode with Nominatim, © OpenStreetMap contributors, ODbL); lat/lon NULL when the address was not found.';


-- Need (issue 19) ------------------------------------------------------------------------------------

CREATE TABLE need_measure (
    indicator   VARCHAR PRIMARY KEY,
    name_cs     VARCHAR NOT NULL,
    unit        VARCHAR NOT NULL,
    base        VARCHAR,
    as_of       DATE NOT NULL,
    period      VARCHAR NOT NULL,
    sort_order  INTEGER NOT NULL,
    source_id   VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE need_measure IS 'The indicators of need as their publisher defines them (MMR ČR, Index sociálního vyloučení 2023): Czech name, unit (osob, %, kvocient, bodů), base of a share (population 15+ or 15–64), date and reference period.';

CREATE TABLE need_indicator (
    kod_obce   VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    indicator  VARCHAR NOT NULL REFERENCES need_measure (indicator),
    value      DOUBLE,
    note       VARCHAR,
    base       VARCHAR,
    as_of      DATE NOT NULL,
    source_id  VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (kod_obce, indicator)
);
COMMENT ON TABLE need_indicator IS 'Need by municipality as published (MMR ČR, Index sociálního vyloučení 2023): one row per municipality and indicator with its base and date. value is NULL only with a note: the school figures of a municipality without a primary school are "převzato z nejbližší obce se školou" (not 0, not missing).';

CREATE TABLE service_topic (
    service_id  VARCHAR NOT NULL REFERENCES service (service_id),
    topic       VARCHAR NOT NULL,
    evidence    VARCHAR NOT NULL,
    detail      VARCHAR,
    source_id   VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (service_id, topic, evidence)
);
COMMENT ON TABLE service_topic IS 'What a service does beyond its kind, derived once in the build: topic dluhove-poradenstvi (debt counselling, a part of odborné sociální poradenství) from the registry''s texts and target groups (evidence registr), the census file''s marks (soupis) and a planner''s workbook tag (sesit).';

CREATE TABLE nearest_topic (
    kod_obce     VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    topic        VARCHAR NOT NULL,
    distance_km  DOUBLE NOT NULL,
    place_id     VARCHAR NOT NULL REFERENCES service_place (place_id),
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
    PRIMARY KEY (kod_obce, topic)
);
COMMENT ON TABLE nearest_topic IS 'As nearest_service, for a topic of service_topic (dluhove-poradenstvi): geodesic distance (km) from each municipality''s centre to the nearest place of a service with that topic, computed in the build.';

CREATE TABLE need_local_count (
    kod_obce   VARCHAR REFERENCES municipality (kod_obce),
    kod_orp    VARCHAR REFERENCES orp (kod_orp),
    measure    VARCHAR NOT NULL,
    count      INTEGER,
    date       DATE NOT NULL,
    note       VARCHAR,
    source_id  VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE need_local_count IS 'Local counts of need the index lacks, from the planners'' workbooks: people sleeping rough counted on a date, waiting lists for social flats, refusals gathered by the town; by municipality or ORP; count NULL = unknown, never 0.';

CREATE VIEW need_band AS
SELECT kod_obce, value AS points,
       CASE WHEN value <= 1 THEN '0 až 1' WHEN value <= 7 THEN '2 až 7'
            WHEN value <= 11 THEN '8 až 11' ELSE '12 až 30' END AS band
FROM need_indicator WHERE indicator = 'index_points';
COMMENT ON VIEW need_band IS 'The index of social exclusion of each municipality with its published band (0 až 1, 2 až 7, 8 až 11, 12 až 30).';

CREATE VIEW debt_counselling AS
SELECT service_id, list(DISTINCT evidence ORDER BY evidence) AS evidence
FROM service_topic WHERE topic = 'dluhove-poradenstvi' GROUP BY service_id;
COMMENT ON VIEW debt_counselling IS 'Services that do debt counselling (dluhové poradenství), one row each, with the kinds of evidence (registr, soupis, sesit).';

CREATE VIEW service_choice AS
SELECT kind_code AS choice, service_id FROM service
UNION ALL
SELECT DISTINCT 'tema:' || topic, service_id FROM service_topic;
COMMENT ON VIEW service_choice IS 'What a user can choose on the pages: a kind of service (its kind_code) or a topic (tema:dluhove-poradenstvi), each with its services.';

CREATE VIEW nearest_choice AS
SELECT kod_obce, kind_code AS choice, distance_km, place_id FROM nearest_service
UNION ALL
SELECT kod_obce, 'tema:' || topic, distance_km, place_id FROM nearest_topic;
COMMENT ON VIEW nearest_choice IS 'nearest_service and nearest_topic in one: the distance from each municipality to the nearest place of a choice (a kind, or tema:<topic>).';

-- Derived views: every counting rule written once ---------------------------------------------------
-- Pages, the report pack, exports and the HSDS writer read these; none of them re-states a rule.
-- The state of a figure is one of: counted (a source states it), zero (a complete source states there is
-- none), unknown (nobody stated it), partial (part counted, part unknown: "nejméně X"), other_unit (stated
-- only in another unit) or unlisted (no service in the loaded data while the registry is a partial extract).
-- Illustrative (made up for demonstration) and assumed (set by socmap) travel beside the state as flags.

CREATE VIEW registry_state AS
SELECT s.source_id, s.document, s.date, s.link, coalesce(s.completeness = 'complete', FALSE) AS complete,
       s.coverage,
       (SELECT count(*) FROM service WHERE identifikator IS NOT NULL) AS services
FROM source s WHERE s.source_id = 'REG-RPSS';
COMMENT ON VIEW registry_state IS 'The loaded registry: its document and date, whether it is the complete fetched file (complete) or a partial extract, what it covers, and how many services it holds. Only a complete registry can say that an area has no service (zero).';

CREATE VIEW active_service AS
SELECT * FROM service
WHERE (date_from IS NULL OR date_from <= current_date) AND (date_to IS NULL OR date_to > current_date);
COMMENT ON VIEW active_service IS 'Services provided today: begun (date_from empty or past) and not ended (date_to empty or in the future). An ended service counts nowhere.';

-- What every view needs and no input changes is kept by socmap build (etl/build.py keep): the answer of a view
-- that depends on today's date (through active_service) is stored on the build day, and read instead of the
-- view on the days that answer stays true — until the next day a service begins or ends. On any other day the
-- view itself answers: slower, never stale.
CREATE TABLE kept_span (
    valid_from  DATE NOT NULL,
    valid_until DATE NOT NULL
);
COMMENT ON TABLE kept_span IS 'The days on which the active services are those of the build day: from the last day on or before it that a service began or ended (valid_from) to the next such day (valid_until, excluded). The kept tables (area_capacity_kept, utilisation_kept) are read on these days only.';

CREATE VIEW service_first_place AS
SELECT * FROM service_place
QUALIFY row_number() OVER (PARTITION BY service_id
                           ORDER BY TRY_CAST(split_part(place_id, '-', -1) AS INTEGER), place_id) = 1;
COMMENT ON VIEW service_first_place IS 'The first place of each service (places in registry order): the municipality a service is listed under.';

CREATE VIEW service_unit_state AS
WITH choices AS (  -- a service is chosen by its kind, and by any topic it has (tema:dluhove-poradenstvi)
    SELECT s.service_id, s.kind_code AS choice FROM active_service s
    UNION
    SELECT t.service_id, 'tema:' || t.topic FROM service_topic t JOIN active_service USING (service_id)
), units AS (
    SELECT DISTINCT ch.choice, c.capacity_type FROM registered_capacity c JOIN choices ch USING (service_id)
    UNION
    SELECT kind_code, usual_unit FROM service_kind WHERE usual_unit IS NOT NULL
), stated AS (
    SELECT service_id, capacity_type, count(capacity) AS n_counted, count(*) - count(capacity) AS n_unknown,
           sum(capacity) AS capacity
    FROM registered_capacity GROUP BY ALL
), any_stated AS (
    SELECT service_id, count(capacity) AS n_counted FROM registered_capacity GROUP BY ALL
)
SELECT s.service_id, ch.choice AS kind_code, u.capacity_type, st.capacity,
       CASE WHEN coalesce(st.n_counted, 0) > 0 AND st.n_unknown = 0 THEN 'counted'
            WHEN coalesce(st.n_counted, 0) > 0 THEN 'partial'
            WHEN coalesce(a.n_counted, 0) > 0 THEN 'other_unit'
            ELSE 'unknown' END AS state,
       src.is_illustrative
FROM active_service s
JOIN choices ch ON ch.service_id = s.service_id
JOIN units u ON u.choice = ch.choice
JOIN source src ON src.source_id = s.source_id
LEFT JOIN stated st ON st.service_id = s.service_id AND st.capacity_type = u.capacity_type
LEFT JOIN any_stated a ON a.service_id = s.service_id;
COMMENT ON VIEW service_unit_state IS 'Each active service under each choice that selects it (its kind_code, and tema:<topic> for a topic it has) and each unit that choice is counted in: the registered capacity (summed over forms, never over units) and its state: counted, partial (some forms without a number), other_unit (a number only in another unit) or unknown.';

CREATE VIEW service_area AS
SELECT DISTINCT x.service_id, x.kod_obce FROM (
    SELECT service_id, kod_obce FROM capacity_allocation
    UNION ALL
    SELECT p.service_id, p.kod_obce FROM service_place p JOIN municipality m USING (kod_obce)
) x JOIN active_service USING (service_id);
COMMENT ON VIEW service_area IS 'The municipalities where an active service counts: where its capacity is allocated (capacity_allocation) or where it has a place.';

CREATE MACRO capacity_state(services, counted, unknown, complete) AS
    CASE WHEN services = 0 THEN CASE WHEN complete THEN 'zero' ELSE 'unlisted' END
         WHEN counted = 0 AND unknown = 0 THEN 'other_unit'
         WHEN counted = 0 THEN 'unknown'
         WHEN unknown > 0 THEN 'partial'
         ELSE 'counted' END;

-- The capacity an area shows by its state: the sum where some is stated, 0 where a complete source lists none,
-- NULL (unknown, never 0) otherwise. Its rate per 10 000 inhabitants and its gap to a target rate are taken
-- from it, here and nowhere else.
CREATE MACRO shown_capacity(state, capacity) AS
    CASE WHEN state IN ('counted', 'partial') THEN coalesce(capacity, 0) WHEN state = 'zero' THEN 0 END;
CREATE MACRO rate_per_10000(state, capacity, population) AS shown_capacity(state, capacity) / population * 10000;
-- Missing units (+) or surplus (−) against a target per 10 000; for a partial capacity the most that can be missing.
CREATE MACRO gap_to_target(target, state, capacity, population) AS
    CASE WHEN target IS NOT NULL AND state IN ('counted', 'partial', 'zero')
         THEN target * population / 10000 - coalesce(capacity, 0) END;

CREATE VIEW area_capacity_live AS
WITH areas AS (
    SELECT 'obec' AS level, kod_obce AS code, kod_obce FROM municipality
    UNION ALL SELECT 'orp', kod_orp, kod_obce FROM municipality
    UNION ALL SELECT 'kraj', kod_kraj, kod_obce FROM municipality
), allocated AS (
    -- summed as decimals: exact whatever the order of the rows, so every build and every query gives the same figure
    SELECT a.service_id, a.kod_obce, a.capacity_type, sum(CAST(c.capacity * a.share AS DECIMAL(38, 12))) AS capacity
    FROM capacity_allocation a
    JOIN registered_capacity c ON c.service_id = a.service_id AND c.form = a.form
                              AND c.capacity_type = a.capacity_type
    WHERE c.capacity IS NOT NULL
    GROUP BY ALL
), per_area AS (
    SELECT ar.level, ar.code, u.kind_code, u.capacity_type, u.service_id, u.state, u.is_illustrative,
           sum(al.capacity) AS capacity
    FROM areas ar
    JOIN service_area sa ON sa.kod_obce = ar.kod_obce
    JOIN service_unit_state u ON u.service_id = sa.service_id
    LEFT JOIN allocated al ON al.service_id = u.service_id AND al.kod_obce = ar.kod_obce
                          AND al.capacity_type = u.capacity_type
    GROUP BY ALL
), kind_units AS (
    SELECT DISTINCT kind_code, capacity_type FROM service_unit_state
)
SELECT a.level, a.code, k.kind_code, k.capacity_type,
       CAST(sum(p.capacity) AS DOUBLE)                                       AS capacity,
       CAST(coalesce(sum(p.capacity) FILTER (WHERE p.is_illustrative), 0) AS DOUBLE) AS illustrative_capacity,
       count(p.service_id)                                                   AS services,
       count(p.service_id) FILTER (WHERE p.state IN ('counted', 'partial'))  AS services_counted,
       count(p.service_id) FILTER (WHERE p.state IN ('unknown', 'partial'))  AS services_unknown,
       count(p.service_id) FILTER (WHERE p.state = 'other_unit')             AS services_other_unit,
       count(p.service_id) FILTER (WHERE p.is_illustrative)                  AS services_illustrative
FROM (SELECT DISTINCT level, code FROM areas) a
CROSS JOIN kind_units k
LEFT JOIN per_area p ON p.level = a.level AND p.code = a.code AND p.kind_code = k.kind_code
                    AND p.capacity_type = k.capacity_type
GROUP BY ALL;
COMMENT ON VIEW area_capacity_live IS 'Capacity of each area (level obec, orp or kraj), choice (kind_code: a kind, or tema:<topic>) and unit: the counted part (capacity, NULL when none is counted), the services that count there (services), how many have a number (services_counted), have none or only part (services_unknown), have one only in another unit (services_other_unit), and the illustrative part. capacity_state() turns the counts into the state.';
CREATE TABLE area_capacity_kept AS SELECT * FROM area_capacity_live WITH NO DATA;
COMMENT ON TABLE area_capacity_kept IS 'The answer of area_capacity_live on the build day, kept by socmap build: area_capacity reads it on the days of kept_span.';
CREATE VIEW area_capacity AS SELECT * FROM area_capacity_live;  -- replaced by socmap build (etl/build.py keep)

CREATE VIEW utilisation_live AS
WITH rows AS (
    SELECT o.*, src.is_illustrative,
           (o.period_start = date_trunc('month', o.period_start) AND o.period_end = last_day(o.period_start)) AS is_month
    FROM occupancy o JOIN active_service USING (service_id) JOIN source src ON src.source_id = o.source_id
)
SELECT r.*, CASE WHEN r.capacity > 0 THEN r.occupied / r.capacity END AS utilisation
FROM rows r
WHERE NOT (r.is_illustrative AND EXISTS (
    SELECT 1 FROM rows real
    WHERE NOT real.is_illustrative AND real.service_id = r.service_id AND real.capacity_type = r.capacity_type
      AND real.period_start <= r.period_end AND real.period_end >= r.period_start));
COMMENT ON VIEW utilisation_live IS 'Occupancy of active services as the pages use it: a real report for a period supersedes the illustrative rows it overlaps (same service and unit); utilisation = occupied / capacity where the capacity is known; is_month marks whole calendar months.';
CREATE TABLE utilisation_kept AS SELECT * FROM utilisation_live WITH NO DATA;
COMMENT ON TABLE utilisation_kept IS 'The answer of utilisation_live on the build day, kept by socmap build: utilisation reads it on the days of kept_span.';
CREATE VIEW utilisation AS SELECT * FROM utilisation_live;  -- replaced by socmap build (etl/build.py keep)

-- The occupancy reports of one service, kind or ORP (level 'service', 'kind' or 'orp'; a service counts in the ORP
-- of its first place) in one unit, and their utilisation by month: occupied ÷ capacity summed over the whole
-- months where both were reported; every month between the first and the last is there, NULL where nobody
-- reported (a gap, never a zero).
CREATE MACRO occupancy_of(level, pick, unit) AS TABLE
    SELECT o.service_id, s.name AS service, k.kind_code, k.name_cs AS kind, m.kod_orp, orp.name AS orp,
           o.period_start, o.period_end, o.capacity_type, o.capacity, o.occupied, o.refused, o.note,
           src.document, src.date AS source_date, src.is_illustrative, o.is_month
    FROM utilisation o
    JOIN service s USING (service_id)
    JOIN service_kind k ON k.kind_code = s.kind_code
    JOIN source src ON src.source_id = o.source_id
    LEFT JOIN service_first_place p USING (service_id)
    LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
    LEFT JOIN orp ON orp.kod_orp = m.kod_orp
    WHERE (unit IS NULL OR o.capacity_type = unit)
      AND (pick IS NULL OR CASE level WHEN 'service' THEN o.service_id WHEN 'kind' THEN k.kind_code
                                      ELSE m.kod_orp END = pick);

CREATE MACRO monthly_utilisation(level, pick, unit) AS TABLE
    WITH grouped AS (
        SELECT period_start AS month, CAST(sum(capacity) AS BIGINT) AS capacity, sum(occupied) AS occupied,
               CAST(sum(refused) AS BIGINT) AS refused,
               count(DISTINCT service_id) AS reports
        FROM occupancy_of(level, pick, unit)
        WHERE is_month AND capacity IS NOT NULL AND occupied IS NOT NULL
        GROUP BY period_start
    ), months AS (
        SELECT CAST(unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH)) AS DATE) AS month
        FROM grouped
    )
    SELECT m.month, g.capacity, g.occupied, g.refused, g.occupied / g.capacity AS utilisation, g.reports
    FROM months m LEFT JOIN grouped g USING (month)
    ORDER BY m.month;

CREATE VIEW area_utilisation AS
WITH counted AS (  -- whole months where both the capacity and the occupied places were reported
    SELECT u.occupied, u.capacity, s.kind_code, m.kod_obce, m.kod_orp
    FROM utilisation u JOIN service s USING (service_id)
    LEFT JOIN service_first_place p USING (service_id) LEFT JOIN municipality m ON m.kod_obce = p.kod_obce
    WHERE u.is_month AND u.capacity IS NOT NULL AND u.occupied IS NOT NULL
)
SELECT 'obec' AS level, kod_obce AS code, kind_code, sum(occupied) / nullif(sum(capacity), 0) AS utilisation
FROM counted WHERE kod_obce IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'orp', kod_orp, kind_code, sum(occupied) / nullif(sum(capacity), 0) FROM counted
WHERE kod_orp IS NOT NULL GROUP BY ALL;
COMMENT ON VIEW area_utilisation IS 'Utilisation of each kind in an area (a service counts where its first place is): occupied ÷ capacity summed over the whole months where both were reported.';

CREATE VIEW area_distance AS
WITH areas AS (
    SELECT 'obec' AS level, kod_obce AS code, kod_obce, population FROM municipality
    UNION ALL SELECT 'orp', kod_orp, kod_obce, population FROM municipality
    UNION ALL SELECT 'kraj', kod_kraj, kod_obce, population FROM municipality
)
SELECT a.level, a.code, n.kind_code,
       CASE WHEN sum(a.population) > 0 THEN sum(n.distance_km * a.population) / sum(a.population)
            ELSE avg(n.distance_km) END AS distance_km
FROM areas a JOIN nearest_service n ON n.kod_obce = a.kod_obce
WHERE n.distance_km IS NOT NULL
GROUP BY ALL;
COMMENT ON VIEW area_distance IS 'Distance from an area to the nearest place of each kind: a municipality''s own, for an ORP or the kraj the mean over its municipalities weighted by population.';

CREATE VIEW funnel_step AS
SELECT st.*, st.unit <> first_value(st.unit) OVER (PARTITION BY st.round_id ORDER BY st.stage_order) AS is_supply
FROM funnel_stage st;
COMMENT ON VIEW funnel_step IS 'Stages of a funnel with is_supply: a stage counted in another unit than the round''s applications (the 11 flats of the Žitavská round) is what the round offers, drawn apart from the applications, never as if that many were allocated.';

CREATE VIEW housing_in_use AS
SELECT h.*, m.kod_orp, m.kod_kraj FROM social_housing h JOIN municipality m USING (kod_obce)
WHERE h.status = 'v provozu';
COMMENT ON VIEW housing_in_use IS 'Municipal housing instruments in use today (status v provozu) with their ORP and kraj: the one count of social flats every page uses (units NULL = not known, so a sum is "nejméně").';

-- A scenario: the planned services of the workbooks (when workbook) and those a page passes as parallel lists,
-- each at its municipality; never part of the views above.
CREATE MACRO scenario_plans(p_kinds, p_obce, p_caps, p_units, workbook) AS TABLE
    SELECT kind_code, kod_obce, capacity, capacity_type FROM planned_service WHERE workbook
    UNION ALL
    SELECT unnest(CAST(p_kinds AS VARCHAR[])), unnest(CAST(p_obce AS VARCHAR[])),
           unnest(CAST(p_caps AS INTEGER[])), unnest(CAST(p_units AS VARCHAR[]));

-- A planned service's state in a unit: counted when it states a capacity in that unit, unknown when it states none.
CREATE MACRO plan_state(capacity, capacity_type, unit) AS
    CASE WHEN capacity IS NULL THEN 'unknown' WHEN capacity_type = unit THEN 'counted' ELSE 'other_unit' END;

CREATE VIEW target_norm_state AS
SELECT t.*, src.document, src.date AS source_date, src.is_illustrative,
       coalesce(src.publisher = 'socmap', FALSE) AS assumed
FROM target_norm t JOIN source src USING (source_id);
COMMENT ON VIEW target_norm_state IS 'Target norms with their standing: assumed when socmap set the value (a predpoklad, not a norm any public body approved), else set by a planner (their workbook) or the kraj.';

-- Views for analysts -------------------------------------------------------------------------------

CREATE VIEW service_capacity AS
SELECT
    s.identifikator,
    TRY_CAST(regexp_extract(k.registry_id, '(\d+)$', 1) AS INTEGER) AS druh_id,
    k.name_cs                                                       AS druh,
    c.form                                                          AS forma,
    c.capacity_type,
    c.capacity,
    p.kod_obce,
    m.kod_orp,
    ((s.date_from IS NULL OR s.date_from <= current_date)
     AND (s.date_to IS NULL OR s.date_to > current_date))           AS active,
    s.service_id
FROM registered_capacity c
JOIN service s USING (service_id)
JOIN service_kind k USING (kind_code)
LEFT JOIN service_first_place p USING (service_id)
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce;
COMMENT ON VIEW service_capacity IS 'For analysts: one row per service, form and capacity type, with the kind, the municipality and ORP of the first place, and whether the service is active today.';
