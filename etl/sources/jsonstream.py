"""The records of a JSON file (`{"polozky": [record, …]}`), streamed and built within limits.

ijson's own builder keeps the last of two equal keys without a word and follows any nesting; here each
record is built from ijson's events by a loop of our own (no recursion), so that a duplicated key, a
record nested too deep, a string too long or a record too big is reported with the record's position
and the path of the field, and the rest of the file is still read. Numbers are exact (int or Decimal):
a capacity of 10^30 or 1e400 reaches the checks, which name the record, instead of stopping the parser.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from dataclasses import dataclass, field

import ijson

MAX_DEPTH = 32          # a published registry record nests 6 levels
MAX_STRING = 100_000    # characters of one string (a capacity's description, the longest, is < 2 000)
MAX_VALUES = 200_000    # values of one record (a record with every attachment has a few hundred)
MAX_RECORDS = 500_000   # records of one file (the whole country: 6 733)
SHOWN = 60              # characters of a too long string kept for the message

OUT_OF_RANGE = "a number out of any range"
STARTS = ("start_map", "start_array")
ENDS = ("end_map", "end_array")


@dataclass
class Issue:
    kind: str            # duplicate-same, duplicate, depth, string, values
    path: str            # e.g. formy[0].kapacity[1].pocet
    value: object = None


@dataclass
class Record:
    number: int          # position in the list, from 1
    value: object        # the record (partly built if `broken`)
    issues: list[Issue] = field(default_factory=list)
    broken: bool = False  # over a limit: the record was not built whole


def _path(segments: list) -> str:
    text = ""
    for segment in segments:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif segment is not None:
            text += f".{segment}" if text else str(segment)
    return text


class FileError(Exception):
    """The file stops being JSON (or is not the expected shape) inside record `number` (0 = before any)."""

    def __init__(self, number: int, message: str, path: str | None = None, ident: str | None = None) -> None:
        super().__init__(message)
        self.number, self.message, self.path, self.ident = number, message, path, ident


def records(handle, key: str = "polozky") -> Iterator[Record]:
    """Each item of the top-level list `key`, in order. Raises FileError for a broken or cut file."""
    events = ijson.basic_parse(handle, use_float=False)
    number = 0
    try:
        event, _ = next(events, (None, None))
        if event != "start_map":
            raise FileError(0, "the top level is not an object")
        depth, seen = 1, False
        for event, value in events:
            if depth == 1 and event == "map_key":
                if value != key:
                    _skip(events)
                    continue
                if seen:
                    raise FileError(number, f"the key {key} appears twice")
                seen = True
                event, value = next(events)
                if event != "start_array":
                    raise FileError(0, f"{key} is not a list")
                for event, value in events:
                    if event == "end_array":
                        break
                    number += 1
                    if number > MAX_RECORDS:
                        raise FileError(number, f"more than {MAX_RECORDS} records")
                    yield _record(number, event, value, events)
            elif event == "end_map":
                depth -= 1
    except ijson.common.JSONError as exc:
        raise FileError(number, str(exc)) from None
    except (decimal.InvalidOperation, OverflowError, ValueError):
        raise FileError(number, OUT_OF_RANGE) from None
    except StopIteration:
        raise FileError(number, "premature EOF") from None


def _skip(events) -> None:
    """Consume one value (scalar or container) of the event stream."""
    depth = 0
    for event, _ in events:
        if event in STARTS:
            depth += 1
        elif event in ENDS:
            depth -= 1
        elif event == "map_key":
            continue
        if depth == 0:
            return


def _record(number: int, event: str, value, events) -> Record:
    record = Record(number, None)
    if event not in STARTS:
        record.value = _scalar(value, [], record)
        return record
    root: dict | list = {} if event == "start_map" else []
    record.value = root
    stack: list = [root]
    segments: list = [None]  # the key (in an object) or index (in a list) of the value being read
    depth, count = 1, 0
    while True:
        try:
            event, value = next(events)
        except StopIteration:
            break
        except (decimal.InvalidOperation, OverflowError, ValueError):
            ident = root.get("identifikator") if isinstance(root, dict) else None
            raise FileError(number, OUT_OF_RANGE, _path(segments), ident if isinstance(ident, str) else None) from None
        if event in ENDS:
            depth -= 1
            if depth == 0:
                return record
            if not record.broken:
                stack.pop()
                segments.pop()
            continue
        if event == "map_key":
            if not record.broken:
                segments[-1] = value
                if value in stack[-1]:
                    record.issues.append(Issue("duplicate", _path(segments), None))
            continue
        count += 1
        if count > MAX_VALUES and not record.broken:
            record.issues.append(Issue("values", _path(segments)))
            record.broken = True
        if event in STARTS:
            depth += 1
            if depth > MAX_DEPTH and not record.broken:
                record.issues.append(Issue("depth", _path(segments[:8]) + "…"))
                record.broken = True
            if record.broken:
                continue
            child: dict | list = {} if event == "start_map" else []
            if isinstance(stack[-1], list):
                segments[-1] = len(stack[-1])
            _put(stack[-1], segments, child, record)
            stack.append(child)
            segments.append(None if event == "start_map" else 0)
        elif not record.broken:
            if isinstance(stack[-1], list):
                segments[-1] = len(stack[-1])
            _put(stack[-1], segments, _scalar(value, segments, record), record)
    raise FileError(number, "premature EOF")


def _put(container, segments: list, value, record: Record) -> None:
    if isinstance(container, list):
        container.append(value)
        return
    key = segments[-1]
    if key in container and record.issues and record.issues[-1].kind == "duplicate" \
            and record.issues[-1].value is None:
        issue = record.issues[-1]
        issue.value = (container[key], value)
        scalars = not isinstance(value, dict | list) and not isinstance(container[key], dict | list)
        if scalars and container[key] == value:
            issue.kind = "duplicate-same"  # the same value twice: harmless, said as a warning
    container[key] = value


def _scalar(value, segments: list, record: Record):
    if isinstance(value, str) and len(value) > MAX_STRING:
        record.issues.append(Issue("string", _path(segments), f"{value[:SHOWN]}… ({len(value)} znaků/chars)"))
        return value[:SHOWN]
    return value
