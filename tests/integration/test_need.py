"""The index of social exclusion in the built database equals the ministry's file (checked by hand)."""

from tests.conftest import rows


def test_the_kraj_highest_scoring_municipalities_equal_the_published_file(built_db):
    top = rows(built_db, """SELECT m.name, b.points, b.band FROM need_band b JOIN municipality m USING (kod_obce)
                            ORDER BY b.points DESC, m.name COLLATE cs LIMIT 5""")
    assert top == [("Nové Město pod Smrkem", 24, "12 až 30"), ("Desná", 21, "12 až 30"), ("Bulovka", 20, "12 až 30"),
                   ("Frýdlant", 19, "12 až 30"), ("Tanvald", 19, "12 až 30")]


def test_nove_mesto_pod_smrkem_keeps_every_figure_with_its_base_and_date(built_db):
    got = dict((i, (round(v, 4), b, d.isoformat())) for i, v, b, d in rows(
        built_db, "SELECT indicator, value, base, as_of FROM need_indicator WHERE kod_obce = '564265'"))
    assert got["population_15plus"] == (3138, None, "2023-12-31")
    assert got["distraint_count"] == (517, None, "2023-12-31")
    assert got["distraint_share"] == (16.4755, "obyvatelé 15+ (k 31. 12. 2023)", "2023-12-31")
    assert got["jobseekers_6m_share"][1] == "obyvatelé 15–64 (k 31. 12. 2023)"
    assert got["school_leavers_count"] == (5, None, "2023-06-30")


def test_a_municipality_without_a_school_has_the_note_never_zero(built_db):
    # Jindřichovice pod Smrkem: no primary school; the ministry took the figure from the nearest obec with one
    school = rows(built_db, """SELECT indicator, value, note FROM need_indicator
                               WHERE kod_obce = '564133' AND indicator LIKE 'school%' ORDER BY indicator""")
    assert len(school) == 4
    assert all(v is None and n == "převzato z nejbližší obce se školou" for _, v, n in school)
    # and a value is never missing without that note
    assert rows(built_db, "SELECT count(*) FROM need_indicator WHERE value IS NULL AND note IS NULL") == [(0,)]


def test_kraj_totals_and_bands_match_the_provenance_notes(built_db):
    assert rows(built_db, """SELECT sum(value) FILTER (WHERE indicator = 'distraint_count'),
                                    sum(value) FILTER (WHERE indicator = 'population_15plus')
                             FROM need_indicator""") == [(32519, 379168)]
    bands = dict(rows(built_db, "SELECT band, count(*) FROM need_band GROUP BY band"))
    assert bands["12 až 30"] == 19 and bands["0 až 1"] == 118 and sum(bands.values()) == 215
    assert rows(built_db, "SELECT document, date FROM source WHERE source_id = 'MMR-ISV-2023'")[0][0] == \
        "MMR ČR, Index sociálního vyloučení 2023"
