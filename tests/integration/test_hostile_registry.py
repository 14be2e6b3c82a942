"""A registry file made to break the reader (#17): duplicated keys, nesting thousands deep, huge strings,
numbers beyond the model and shapes nobody publishes — each refused (or warned) with the record and the
field, never a traceback, and the previous database untouched."""

from __future__ import annotations

import json
import time

import pytest

from etl.build import build
from etl.errors import BuildError
from etl.sources import jsonstream
from tests.conftest import rows

FILE = "registry/rpss.json"


def registry(data):
    return data / FILE


def replace_record(data, number: int, text: str) -> None:
    """Put raw JSON text in place of the record at position `number` (from 1), keeping the rest as published."""
    payload = json.loads(registry(data).read_text(encoding="utf-8"))
    records = [json.dumps(r, ensure_ascii=False) for r in payload["polozky"]]
    records[number - 1] = text
    registry(data).write_text('{"polozky": [' + ",\n".join(records) + "]}", encoding="utf-8")


def record_text(data, number: int) -> str:
    return json.dumps(json.loads(registry(data).read_text(encoding="utf-8"))["polozky"][number - 1],
                      ensure_ascii=False)


def failure(data, tmp_path) -> str:
    with pytest.raises(BuildError) as failed:
        build(tmp_path / "x.duckdb", data)
    assert not (tmp_path / "x.duckdb").exists()
    return str(failed.value)


def test_a_key_given_twice_with_different_values_is_refused_with_its_record(data_copy, tmp_path):
    text = record_text(data_copy, 2).replace('"pocet": 59', '"pocet": 59, "pocet": 590', 1)
    replace_record(data_copy, 2, text)
    assert ("registry/rpss.json, záznam/record 2 (identifikátor 9139875), sloupec/column formy[0].kapacity[0].pocet "
            "[(59, 590)]: klíč je v záznamu dvakrát s různými hodnotami (nevím, která platí)") in \
        failure(data_copy, tmp_path)


def test_a_key_given_twice_with_the_same_value_is_a_warning(data_copy, tmp_path):
    replace_record(data_copy, 2, record_text(data_copy, 2).replace('"pocet": 59', '"pocet": 59, "pocet": 59', 1))
    build(tmp_path / "w.duckdb", data_copy)
    assert rows(tmp_path / "w.duckdb", "SELECT record, field, reason_en FROM build_warning WHERE reason_en LIKE "
                                       "'%twice%'") == \
        [("2 (identifikátor 9139875)", "formy[0].kapacity[0].pocet",
          "the key appears twice in the record with the same value")]


def test_a_record_nested_thousands_deep_is_refused_with_its_position(data_copy, tmp_path):
    deep = record_text(data_copy, 3)[:-1] + ', "doplnkoveUdaje": ' + "[" * 100_000 + "]" * 100_000 + "}"
    replace_record(data_copy, 3, deep)
    started = time.perf_counter()
    message = failure(data_copy, tmp_path)
    assert time.perf_counter() - started < 60
    assert "záznam/record 3 (identifikátor 4654168), sloupec/column doplnkoveUdaje" in message
    assert f"záznam je vnořený hlouběji než {jsonstream.MAX_DEPTH} úrovní (limit)" in message


def test_a_huge_string_is_refused_with_record_and_field_and_not_echoed(data_copy, tmp_path):
    replace_record(data_copy, 4, record_text(data_copy, 4).replace('"popis": ', '"popis": "' + "Ž" * 300_000 + '" , '
                                                                   '"x": ', 1))
    message = failure(data_copy, tmp_path)
    assert "záznam/record 4" in message and "formy[0].kapacity[0].popis" in message
    assert f"text je delší než {jsonstream.MAX_STRING} znaků (limit)" in message
    assert max(len(line) for line in message.splitlines()) < 500


@pytest.mark.parametrize("number", ["1000000000000", "123456789012345678901234567890", "1e400",
                                    "1e99999999999999999999", "59.5", "-3"])
def test_a_capacity_beyond_the_model_names_record_and_field(data_copy, tmp_path, number):
    replace_record(data_copy, 2, record_text(data_copy, 2).replace('"pocet": 59', f'"pocet": {number}', 1))
    message = failure(data_copy, tmp_path)
    assert "záznam/record 2 (identifikátor 9139875), sloupec/column formy[0].kapacity[0].pocet" in message
    assert any(reason in message for reason in ("kapacita je větší než 2 147 483 647",
                                                "kapacita není celé nezáporné číslo", "číslo mimo jakýkoli rozsah"))


MALFORMED = {
    "formy is a number": ('"formy": [', '"formy": 5, "x": ['),
    "kapacity is text": ('"kapacity": [', '"kapacity": "hodně", "y": ['),
    "weby is a number": ('"weby": [', '"weby": 7, "z": ['),
    "provider is a list": ('"poskytovatel": {', '"poskytovatel": [1], "p": {'),
    "a record that is a string": None,
    "identifier is an object": ('"identifikator": "9139875"', '"identifikator": {"a": 1}'),
    "name of a legal form is a list": ('"poskytovatel": {', '"poskytovatel": {"pravniForma": {"nazev": [1, 2]}, '),
}


@pytest.mark.parametrize("case", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_shape_nobody_publishes_is_a_located_problem_never_a_traceback(data_copy, tmp_path, case):
    text = '"ahoj"' if case is None else record_text(data_copy, 2).replace(*case, 1)
    replace_record(data_copy, 2, text)
    try:
        build(tmp_path / "m.duckdb", data_copy)
    except BuildError as exc:
        assert "záznam/record 2" in str(exc) or "registry/rpss.json" in str(exc)


def test_a_code_list_with_a_duplicated_key_or_deep_nesting_is_refused(data_copy, tmp_path):
    path = data_copy / "registry" / "kraje.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"id": "Kraj/', '"id": "Kraj/0", "id": "Kraj/', 1), encoding="utf-8")
    message = failure(data_copy, tmp_path)
    assert "registry/kraje.json, záznam/record 1, sloupec/column id" in message and "dvakrát" in message
    path.write_text('{"polozky": [' + "[" * 50_000 + "]" * 50_000 + "]}", encoding="utf-8")
    message = failure(data_copy, tmp_path)
    assert "registry/kraje.json, záznam/record 1, sloupec/column [0][0][0][0][0][0][0][0]…: záznam je vnořený " \
           "hlouběji než 32 úrovní" in message
