"""The directory's logic: search without diacritics, filters in the URL, capacity in words, safe exports."""

import io

import openpyxl
import pandas as pd

from common.vocabulary import fold
from dashboard.directory import Filters, capacity_text, filter_entries, parse_query, plural, to_query
from dashboard.exports.tables import escape_formula, to_csv_bytes, to_xlsx_bytes

ENTRIES = pd.DataFrame([
    {"id": "1", "name": "Noclehárna Liberec", "provider": "Naděje", "kind_code": "63", "kind": "Noclehárny",
     "kind_group": "prevence", "forms": ["amb"], "target_groups": [], "obce": ["563889"], "orps": ["5105"],
     "municipality": "Liberec", "capacities": [{"form": "amb", "capacity_type": "luzka", "capacity": 32}]},
    {"id": "2", "name": "Noclehárna Jablonec", "provider": "Naděje", "kind_code": "63", "kind": "Noclehárny",
     "kind_group": "prevence", "forms": ["amb"], "target_groups": [], "obce": ["563510"], "orps": ["5103"],
     "municipality": "Jablonec nad Nisou", "capacities": None},
    {"id": "3", "name": "Domov pro seniory Františkov", "provider": "Dům seniorů", "kind_code": "49",
     "kind": "Domovy pro seniory", "kind_group": "péče", "forms": ["pob"], "target_groups": ["senioři"],
     "obce": ["563889"], "orps": ["5105"], "municipality": "Liberec", "capacities": None},
])


def test_search_ignores_diacritics_and_case():
    assert fold("Noclehárna ŽITAVSKÁ") == "nocleharna zitavska"
    found = filter_entries(ENTRIES, Filters(text="noclehar"))
    assert list(found["name"]) == ["Noclehárna Liberec", "Noclehárna Jablonec"]
    assert list(filter_entries(ENTRIES, Filters(text="seniori"))["id"]) == ["3"]  # target group "senioři"


def test_night_shelters_in_orp_liberec_are_exactly_one():
    found = filter_entries(ENTRIES, Filters(kinds=["63"], orps=["5105"]))
    assert list(found["id"]) == ["1"]


def test_a_whole_group_of_kinds_can_be_chosen():
    assert list(filter_entries(ENTRIES, Filters(groups=["péče"]))["id"]) == ["3"]
    assert list(filter_entries(ENTRIES, Filters(groups=["péče"], kinds=["63"]))["id"]) == ["1", "2", "3"]


def test_the_filters_survive_a_round_trip_through_the_url():
    filters = Filters(kinds=["63"], groups=["prevence"], forms=["amb"], orps=["5105"], text="noclehár")
    query = to_query(filters)
    assert query == "?druh=63&skupina=prevence&forma=amb&orp=5105&q=nocleh%C3%A1r"
    assert parse_query(query) == filters
    assert parse_query({"druh": "63,57", "q": " x "}) == Filters(kinds=["63", "57"], text="x")
    assert to_query(Filters()) == ""


def test_capacity_reads_in_czech_with_its_unit_and_never_sums_types():
    assert capacity_text([{"form": "amb", "capacity_type": "luzka", "capacity": 32}]) == "32 lůžek (ambulantní)"
    assert capacity_text([{"form": "ter", "capacity_type": "klient", "capacity": 20},
                          {"form": "amb", "capacity_type": "klient", "capacity": 3}]) == \
        "20 klientů (terénní); 3 klienti (ambulantní)"
    assert capacity_text(None) == "neuvedena"
    assert [plural(n, "luzka") for n in (1, 2, 5)] == ["1 lůžko", "2 lůžka", "5 lůžek"]


def test_cells_that_a_spreadsheet_would_run_are_escaped():
    assert escape_formula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [escape_formula(v) for v in ("+1", "-1", "@SUM(A1)", "Noclehárna", 5)] == \
        ["'+1", "'-1", "'@SUM(A1)", "Noclehárna", 5]


FRAME = pd.DataFrame({"Název": ["Noclehárna Liberec", "=1+1"], "Kapacita": ["32 lůžek", "-5"]})


def test_csv_for_czech_excel_has_a_bom_semicolons_and_diacritics():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Název;Kapacita"
    assert "Noclehárna Liberec;32 lůžek" in text
    assert "'=1+1;'-5" in text


def test_xlsx_keeps_czech_headers_and_stores_no_formula():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(FRAME)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["Název", "Kapacita"]
    assert sheet["A2"].value == "Noclehárna Liberec"
    assert sheet["A3"].value == "'=1+1" and sheet["A3"].data_type == "s"


def test_debt_counselling_is_found_by_its_choice_and_by_words_whatever_the_kind():
    entries = pd.concat([ENTRIES.assign(topics=[[]] * len(ENTRIES)), pd.DataFrame([
        {"id": "S17", "name": "Poradna Člověka v tísni", "provider": "Člověk v tísni", "kind_code": "37",
         "kind": "Odborné sociální poradenství", "kind_group": "poradenství", "forms": ["amb"], "target_groups": [],
         "obce": ["564265"], "orps": ["5102"], "municipality": "Nové Město pod Smrkem", "capacities": None,
         "topics": ["tema:dluhove-poradenstvi"]}])], ignore_index=True)
    assert list(filter_entries(entries, Filters(kinds=["tema:dluhove-poradenstvi"]))["id"]) == ["S17"]
    assert list(filter_entries(entries, Filters(text="dluhove poradenstvi"))["id"]) == ["S17"]
    assert list(filter_entries(ENTRIES, Filters(kinds=["tema:dluhove-poradenstvi"]))["id"]) == []
