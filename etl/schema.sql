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
    note            VARCHAR
);
COMMENT ON TABLE source IS 'Documents every figure comes from: minutes with meeting date, registry file, reference data, public web pages, workbooks. is_illustrative marks data made up for demonstration.';

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

CREATE TABLE capacity_allocation (
    service_id     VARCHAR NOT NULL REFERENCES service (service_id),
    form           VARCHAR NOT NULL,
    capacity_type  VARCHAR NOT NULL,
    kod_obce       VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    share          DOUBLE NOT NULL,
    rule           VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE capacity_allocation IS 'Where a registered capacity counts: the share of one service''s capacity (per form and type) in each municipality, and the rule applied (places in equal shares; field forms over their reach by population). Shares of one capacity sum to 1.';

CREATE TABLE nearest_service (
    kod_obce     VARCHAR NOT NULL REFERENCES municipality (kod_obce),
    kind_code    VARCHAR NOT NULL REFERENCES service_kind (kind_code),
    distance_km  DOUBLE NOT NULL,
    place_id     VARCHAR NOT NULL REFERENCES service_place (place_id),
    source_id    VARCHAR NOT NULL REFERENCES source (source_id),
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
    occupied       INTEGER,
    refused        INTEGER,
    note           VARCHAR,
    source_id      VARCHAR NOT NULL REFERENCES source (source_id)
);
COMMENT ON TABLE occupancy IS 'How full a service was in a period: capacity, occupied and refused for lack of capacity; NULL where not counted.';

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
LEFT JOIN (
    SELECT service_id, kod_obce FROM service_place
    QUALIFY row_number() OVER (PARTITION BY service_id
                                       ORDER BY TRY_CAST(split_part(place_id, '-', -1) AS INTEGER), place_id) = 1
) p USING (service_id)
LEFT JOIN municipality m ON m.kod_obce = p.kod_obce;
COMMENT ON VIEW service_capacity IS 'For analysts: one row per service, form and capacity type, with the kind, the municipality and ORP of the first place, and whether the service is active today.';

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
