"""Answers of named queries kept per worker: the same question on the same file and day is answered from memory,
a new build (another file) or a question with other parameters is asked again, and memory stays bounded."""

from __future__ import annotations

import pandas as pd

from dashboard.db import Results, _key


def test_the_same_question_on_the_same_file_is_one_key_and_another_file_is_another():
    first = _key("capacity_by_area", {"kinds": ["63"], "unit": "luzka"}, (1, 100))
    assert first == _key("capacity_by_area", {"unit": "luzka", "kinds": ["63"]}, (1, 100))
    assert first != _key("capacity_by_area", {"kinds": ["63"], "unit": "luzka"}, (2, 200))  # rebuilt file
    assert first != _key("capacity_by_area", {"kinds": ["57"], "unit": "luzka"}, (1, 100))


def test_a_parameter_that_cannot_be_a_key_is_never_kept():
    key = _key("q", {"x": {"a": 1}}, (1, 1))
    assert key is None
    results = Results(1_000_000)
    results.put(key, pd.DataFrame({"a": [1]}))
    assert results.get(key) is None


def test_the_least_recently_used_answers_go_when_memory_is_full():
    frame = pd.DataFrame({"a": range(1000)})  # 8 kB of numbers
    size = int(frame.memory_usage(index=True, deep=False).sum())
    results = Results(size * 5)  # room for five, and one answer may take at most a quarter
    for i in range(5):
        results.put(("q", i), frame)
    results.get(("q", 0))  # asked again: stays
    results.put(("q", 5), frame)
    assert results.get(("q", 0)) is not None and results.get(("q", 1)) is None
    assert sum(results.get(("q", i)) is not None for i in range(6)) <= 5
