"""Problems found in input files, reported in Czech and English with file, row, column and value."""

from __future__ import annotations

from dataclasses import dataclass, field

SHOWN_CHARS = 80  # of a value quoted back: a 20 MB cell is never echoed (nor kept) whole
REASON_CHARS = 1000  # a reason may quote a library's message: bounded too


def shorten(value):
    """A value as kept in a problem: text beyond SHOWN_CHARS is cut, with the length said."""
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        length = f"{len(value):,}".replace(",", "\u00a0")
        return f"{value[:SHOWN_CHARS]}… ({length} znaků/chars)"
    return value


@dataclass(frozen=True)
class Problem:
    file: str
    reason_cs: str
    reason_en: str
    row: int | None = None  # line number in the file, header = 1
    column: str | None = None
    value: object = None
    record: str | None = None  # a record of a JSON file, e.g. "12 (identifikátor 1234567)"

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f", záznam/record {self.record}"
        if self.row is not None:
            where += f", řádek/row {self.row}"
        if self.column:
            where += f", sloupec/column {self.column}"
        value = "" if self.value is None else f" [{self.value!r}]"
        return f"{where}{value}: {self.reason_cs} / {self.reason_en}"


@dataclass
class BuildError(Exception):
    problems: list[Problem] = field(default_factory=list)

    shown: int = 100

    def __str__(self) -> str:
        n = len(self.problems)
        ordered = sorted(self.problems, key=lambda p: (p.file, p.row or 0, p.record or "", p.column or ""))
        lines = [f"Sestavení selhalo, problémů: {n} / Build failed, problems: {n}"]
        lines += [f"- {p}" for p in ordered[: self.shown]]
        if n > self.shown:
            lines.append(f"… a dalších {n - self.shown} / … and {n - self.shown} more")
        return "\n".join(lines)


class Problems:
    """Collects every problem of a run, so the user sees them all at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, reason_cs: str, reason_en: str, row=None, column=None, value=None,
            record=None) -> None:
        self.items.append(Problem(str(file)[:REASON_CHARS], str(reason_cs)[:REASON_CHARS],
                                  str(reason_en)[:REASON_CHARS], row, shorten(column), shorten(value),
                                  shorten(record)))

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildError(list(self.items))
