"""The pack's report and files, as a planner pastes them (#16): tables sized to fit an A4 page without
breaking words, files and sheets named by what they hold, place names on maps chosen as a reader needs."""

import pandas as pd

from dashboard.exports.pack import Item, described, file_stem, sheet_name
from dashboard.exports.report import CHAR_CM, LANDSCAPE_CM, PORTRAIT_CM, column_widths, table_texts
from dashboard.figures.geo import labelled


def test_a_narrow_table_fits_a_portrait_page_and_no_column_is_narrower_than_its_longest_word():
    frame = pd.DataFrame({"Obec": ["Rokytnice nad Jizerou", "Jilemnice"], "Obyvatel": [2_700, 5_417],
                          "Nejbližší služba": ["Azylové domy – Dům Naděje Jablonec", "Noclehárna Liberec"],
                          "Km k nejbližšímu": [28.0, 27.952]})
    texts = table_texts(frame)
    assert texts[1] == ["Jilemnice", "5\u00a0417", "Noclehárna Liberec", "28,0"]
    widths, landscape = column_widths(frame, texts)
    assert not landscape and sum(widths) <= PORTRAIT_CM + 1e-9
    assert widths[0] >= len("Rokytnice") * CHAR_CM and widths[2] >= len("Noclehárna") * CHAR_CM


def test_a_table_of_many_columns_gets_a_landscape_page():
    frame = pd.DataFrame({f"Sloupec s dlouhým názvem {i}": ["Nízkoprahová"] for i in range(9)})
    widths, landscape = column_widths(frame, table_texts(frame))
    assert landscape and sum(widths) <= LANDSCAPE_CM + 1e-9


def test_files_and_sheets_say_the_kind_of_chart_and_what_it_is_about():
    ranking = Item("kapacity-poradi", {"druh": "57", "jednotka": "luzka", "cil": "3"}, "Azylové domy (lůžka)")
    assert file_stem(4, ranking) == "04-poradi-azylove-domy-luzka"
    assert sheet_name(4, ranking) == "04 Pořadí Azylové domy (lůžka)"
    long = Item("kapacity-vzdalenost", {"km": "15"}, "Nízkoprahová denní centra")
    assert sheet_name(11, long) == "11 Vzdálenost Nízkoprahová" and len(sheet_name(11, long)) <= 31
    assert described(ranking) == ("Pořadí území podle kapacity na 10 000 obyvatel: Azylové domy (lůžka), "
                                  "cíl 3 na 10 000 obyvatel")
    assert "=" not in described(long) and "hranice 15 km" in described(long)


def test_orp_maps_name_every_area_and_municipality_maps_the_larger_towns():
    orps = pd.DataFrame({"code": list("abcdefghij"), "name": list("ABCDEFGHIJ"), "population": range(10)})
    assert len(labelled(orps)) == 10
    towns = pd.DataFrame({"code": [str(i) for i in range(215)], "name": [f"obec {i}" for i in range(215)],
                          "population": [100] * 210 + [5_000, 9_000, 40_000, 104_000, 4_000]})
    assert set(labelled(towns)["population"]) == {5_000, 9_000, 40_000, 104_000}


def test_a_workbook_shows_numbers_by_the_same_policy():
    import io

    import openpyxl

    from dashboard.exports.tables import to_xlsx_bytes
    from dashboard.exports.xlsx_formats import czech_number_formats
    frame = pd.DataFrame({"Obec": ["Jilemnice"], "Obyvatel": [5417], "Na 10 000": [11.864],
                          "Km k nejbližšímu": [27.952], "Liberec: obsazenost": [0.812]})
    sheet = openpyxl.load_workbook(io.BytesIO(czech_number_formats(to_xlsx_bytes(frame, sheet="S"))))["S"]
    assert [c.number_format for c in sheet[2]] == ["General", "#,##0", "#,##0.00", "#,##0.0", "0.0%"]
    assert sheet["C2"].alignment.horizontal == "right" and sheet["A2"].alignment.horizontal != "right"
