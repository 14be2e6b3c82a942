"""What a browser may send, checked once: the values of controls, the parameters of an address (a page's or an
export's), a callback's payload.

Each value has a meaning (`kind`, `unit`, `level`, `target`, `area`…) and one rule in VALUES, whichever way it
arrives: a callback names its arguments by meaning and checks them in one line,

    inputs.check(kind=kind, unit=unit, level=level, target=target, km=km)

and a chart declares its URL parameters by meaning (`@chart(…, druh="kind", km="km")`), whose text is parsed
(a comma list, a Czech number) and checked by the same rule. Codes are allowed only if the loaded database knows
them. Anything else raises InvalidInput: dashboard/security.py answers it with 400 and a Czech message, a page
with a Czech "neplatný odkaz", an export with a plain-text 400.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from common.vocabulary import FORMS, PLAN_STATUSES, UNITS
from dashboard import db, scenario
from dashboard.i18n.formats import UNKNOWN, NotANumber, parse_number

MAX_TEXT = 200  # a search or a name typed by hand
MAX_ID = 100  # a service id in an address
MAX_ITEMS = 300  # values of one multi-select (a whole country has 206 ORPs)
MAX_URL_PART = 2000  # a pathname or a query string
MAX_PARAM = 200  # an export's parameter: no real one is longer, a longer one is refused before it is looked at

Rule = Callable[..., None]  # rule(value, values, field=...) raises InvalidInput


class InvalidInput(ValueError):
    """A value the app never offers: answered with 400, never passed on to a query or a figure."""

    status = 400

    def __init__(self, field: str, cs: str, en: str, field_en: str | None = None) -> None:
        super().__init__(f"{field}: {cs} / {field_en or field}: {en}")
        self.field, self.cs, self.en = field, cs, en


def shown(value) -> str:
    """A value as quoted back in a message: short, so a 10 MB string does not come back."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def allowed(field: str) -> frozenset[str]:
    """The codes of one field (kind, group, orp, obec, service, target, unit, goal…) in the loaded file."""
    return db.lookup("allowed_values", _by_field).get(field, frozenset())


def _by_field(frame: pd.DataFrame) -> dict[str, frozenset[str]]:
    return {field: frozenset(group["value"].dropna()) for field, group in frame.groupby("field")}


# --- rules: each takes the value and all the values of the call (a rule may depend on another value) -----------

def _text(value, field: str, max_length: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, f"očekáván text, přišlo {type(value).__name__}",
                           f"text expected, got {type(value).__name__}")
    if len(value) > max_length:
        raise InvalidInput(field, f"text je delší než {max_length} znaků", f"text longer than {max_length}")
    if any(ord(c) < 32 and c not in "\t" for c in value):
        raise InvalidInput(field, "text obsahuje řídicí znaky", "text contains control characters")
    return value


def text(max_length: int = MAX_TEXT) -> Rule:
    def rule(value, _values, field="text"):
        if value is not None:
            _text(value, field, max_length)
    return rule


def one_of(*choices: str) -> Rule:
    def rule(value, _values, field="value"):
        if value not in choices or not isinstance(value, str):
            raise InvalidInput(field, f"neznámá hodnota „{shown(value)}“; možné: {', '.join(choices)}",
                               f"unknown value {shown(value)!r}; allowed: {', '.join(choices)}")
    return rule


def known(kind: str | Callable[[Mapping], str]) -> Rule:
    """A code the loaded database knows; `kind` may depend on the other values (e.g. the chosen level)."""
    def rule(value, values, field="code"):
        field_kind = kind(values) if callable(kind) else kind
        _text(value, field, MAX_ID)
        if value not in allowed(field_kind):
            raise InvalidInput(field, f"kód „{shown(value)}“ v načtených datech není ({field_kind})",
                               f"code {shown(value)!r} is not in the loaded data ({field_kind})")
    return rule


def optional(inner: Rule) -> Rule:
    def rule(value, values, field="value"):
        if value is not None:
            inner(value, values, field=field)
    return rule


def required(inner: Rule) -> Rule:
    def rule(value, values, field="value"):
        if value is None:
            raise InvalidInput(field, "hodnota chybí", "value missing")
        inner(value, values, field=field)
    return rule


def list_of(inner: Rule, distinct: bool = False) -> Rule:
    """None, or a list of at most MAX_ITEMS values each passing `inner` (a multi-select's value)."""
    def rule(value, values, field="values"):
        if value is None:
            return
        if not isinstance(value, list):
            raise InvalidInput(field, f"očekáván seznam, přišlo {type(value).__name__}",
                               f"list expected, got {type(value).__name__}")
        if len(value) > MAX_ITEMS:
            raise InvalidInput(field, f"víc než {MAX_ITEMS} hodnot", f"more than {MAX_ITEMS} values")
        if distinct and len({shown(v) for v in value}) != len(value):
            raise InvalidInput(field, "čekám různé hodnoty, jedna se opakuje", "expected distinct values")
        for item in value:
            inner(item, values, field=field)
    return rule


def number(low: float, high: float) -> Rule:
    def rule(value, _values, field="number"):
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise InvalidInput(field, f"očekáváno číslo, přišlo {shown(value)}", f"number expected, got {shown(value)}")
        if not low <= value <= high:
            raise InvalidInput(field, f"číslo {shown(value)} mimo rozsah {low:g}–{high:g}",
                               f"number {shown(value)} outside {low:g}–{high:g}")
    return rule


def _kind_or_group(value, values, field="kind"):
    """A kind code, a topic ('tema:…'), or 'skupina:<group>' for all kinds of a group (the kind dropdowns)."""
    _text(value, field, MAX_ID)
    if value.startswith("skupina:"):
        known("group")(value.split(":", 1)[1], values, field=field)
    else:
        known("kind")(value, values, field=field)


def _unit(value, values, field="unit"):
    _text(value, field, MAX_ID)
    if value not in UNITS and value not in allowed("unit"):
        raise InvalidInput(field, f"neznámá jednotka „{shown(value)}“", f"unknown unit {shown(value)!r}")


def _area(value, values, field="area"):
    """'kraj' (the loaded region) or an ORP code."""
    if value != "kraj":
        known("orp")(value, values, field=field)


def _click(value, values, field="click"):
    """A map's clickData: the first point's customdata is a service id, or "obec:<code>" (a municipality's ring
    of places known only by the municipality)."""
    if value is None:
        return
    points = value.get("points") if isinstance(value, dict) else None
    if not isinstance(points, list) or len(points) > MAX_ITEMS or not all(isinstance(p, dict) for p in points):
        raise InvalidInput(field, "neplatná data kliknutí do mapy", "invalid map click data")
    if points:
        target = points[0].get("customdata")
        if isinstance(target, str) and target.startswith("obec:"):
            known("obec")(target.removeprefix("obec:"), values, field=field)
        else:
            known("service")(target, values, field=field)


def _plans(value, values, field="plans"):
    """A scenario's planned services as the Kapacity page keeps them (`kind:obec:capacity:unit;…`)."""
    if value in (None, ""):
        return
    _text(value, field, MAX_URL_PART)
    try:
        plans = scenario.parse(value)
    except scenario.InvalidScenario as err:
        cs, _, en = str(err).partition(" / ")
        raise InvalidInput(field, cs, en) from None
    for plan in plans:
        known("kind")(plan.kind_code, values, field=field)
        known("obec")(plan.kod_obce, values, field=field)
        _unit(plan.unit, values, field=field)


# --- meanings: one rule each, and how its text reads in an address ----------------------------------------

def comma_list(text: str) -> list[str]:
    return [v for v in text.split(",") if v]


def czech_number(text: str) -> float | None:
    """'3,5' -> 3.5; '' -> None (not set); other text refused."""
    try:
        return parse_number(text)
    except NotANumber:
        raise InvalidInput("number", "není číslo", "not a number") from None


@dataclass(frozen=True)
class Value:
    """The meaning of one value: its rule, how an address's text becomes the value, what a builder receives."""
    rule: Rule
    parse: Callable[[str], object] = str
    convert: Callable[[object], object] | None = None


LEVELS = ("orp", "obec")
OCCUPANCY_LEVELS = {"service": "service", "kind": "kind", "orp": "orp"}

VALUES: dict[str, Value] = {
    "level": Value(required(one_of(*LEVELS))),
    "occupancy_level": Value(required(one_of(*OCCUPANCY_LEVELS))),
    "kind": Value(required(_kind_or_group)),
    "kinds": Value(list_of(_kind_or_group), comma_list),
    "groups": Value(list_of(known("group")), comma_list),
    "unit": Value(required(_unit)),
    "forms": Value(list_of(one_of(*FORMS)), comma_list),
    "targets": Value(list_of(known("target")), comma_list),
    "orps": Value(list_of(known("orp")), comma_list),
    "obce": Value(list_of(known("obec")), comma_list),
    "area": Value(required(_area)),
    "areas": Value(list_of(known(lambda values: values.get("level") or "orp"), distinct=True), comma_list),
    "text": Value(text()),
    "target": Value(number(0, 1_000_000), czech_number),
    "km": Value(required(number(1, 500)), czech_number),
    "click": Value(_click),
    "pick": Value(optional(known(lambda values: OCCUPANCY_LEVELS.get(values.get("occupancy_level"), "kind")))),
    "goal": Value(optional(known("goal"))),
    "status": Value(optional(one_of(*PLAN_STATUSES, UNKNOWN))),
    "clicks": Value(number(0, 1_000_000_000)),
    "plans": Value(_plans, convert=lambda text: scenario.parse(text or "")),
    "with_plans": Value(one_of("0", "1")),
    "plan_kind": Value(optional(known("kind"))),
    "plan_obec": Value(optional(known("obec"))),
    "plan_unit": Value(optional(_unit)),
    "switch": Value(list_of(one_of("on"))),
    "indicator": Value(required(known("indicator"))),  # #19: an indicator of need_measure
    "high": Value(required(number(0, 30)), czech_number),  # #19: "high need" from this many index points
    "service": Value(required(known("service"))),
    "service_id": Value(text(MAX_ID)),
    "round": Value(required(known("round"))),
}


def check(**values) -> None:
    """Check each value by the rule of its meaning (VALUES), in the order given; raise InvalidInput."""
    for name, value in values.items():
        VALUES[name].rule(value, values, field=name)


def from_text(params: Mapping[str, tuple[str, str | None]], query: Mapping[str, str]) -> dict[str, object]:
    """The values of an address's parameters: params maps each URL word to (meaning, default text); the result
    is keyed by URL word. A missing parameter takes its default; an unknown one is refused."""
    extra = set(query) - set(params)
    if extra:
        key = sorted(extra)[0]
        _refuse(key, str(query[key]), "tento graf takový parametr nemá", "this chart has no such parameter")
    by_meaning: dict[str, object] = {}
    out: dict[str, object] = {}
    for key, (meaning, default) in params.items():
        text_value = query.get(key, default)
        if text_value is None:
            _refuse(key, "", "chybí", "missing")
        text_value = str(text_value)
        if len(text_value) > MAX_PARAM:
            _refuse(key, text_value, "příliš dlouhý", "too long")
        value = VALUES[meaning]
        try:
            typed = value.parse(text_value)
            value.rule(typed, by_meaning, field=meaning)
        except InvalidInput as err:
            _refuse(key, text_value, err.cs, err.en)
        by_meaning[meaning] = typed
        out[key] = value.convert(typed) if value.convert else typed
    return out


def _refuse(key: str, value: str, why_cs: str, why_en: str):
    raise InvalidInput(f"Parametr {key}={shown(value)!r}", why_cs, why_en, f"parameter {key}={shown(value)!r}")


# The parameters of a page's address (the directory's filters, the service's id, Kapacity's scenario): the
# meaning and the Czech name of each; others are ignored.
PAGE_PARAMS: dict[str, tuple[str, str]] = {
    "druh": ("kinds", "druh služby"), "skupina": ("groups", "skupina"), "forma": ("forms", "forma"),
    "cilova": ("targets", "cílová skupina"), "orp": ("orps", "ORP"), "obec": ("obce", "obec"),
    "q": ("text", "hledaný text"), "service_id": ("service_id", "identifikátor služby"),
    "zamery": ("plans", "záměry"), "se_zamery": ("with_plans", "se záměry"), "jednotka": ("unit", "jednotka"),
}


def check_url(params: Mapping) -> None:
    """The parameters of a page's address, as Dash passes them to a layout (a repeated one as a list)."""
    for name, value in params.items():
        if name not in PAGE_PARAMS:
            continue
        meaning, words = PAGE_PARAMS[name]
        if isinstance(value, list):
            raise InvalidInput(words, f"parametr „{name}“ je v adrese vícekrát", f"parameter {name!r} is repeated")
        try:
            _text(value, words, MAX_URL_PART)
            parsed = VALUES[meaning].parse(value)
            VALUES[meaning].rule(parsed, params, field=words)
        except InvalidInput as exc:
            raise InvalidInput(words, exc.cs, exc.en) from None


def _same_ids(sent, declared, what: str) -> None:
    """The ids and properties a payload names must be those the callback declares, in order."""
    if not isinstance(sent, list) or len(sent) != len(declared):
        raise InvalidInput(what, "neodpovídá vstupům zpětného volání", "does not match the callback's inputs")
    for item, spec in zip(sent, declared, strict=True):
        if not isinstance(item, dict) or not _same_id(item.get("id"), spec["id"]) \
                or item.get("property") != spec["property"]:
            raise InvalidInput(what, "neodpovídá vstupům zpětného volání", "does not match the callback's inputs")
        _property(item.get("property"), item.get("value"))


def _same_id(sent, declared) -> bool:
    """A plain id is itself; a pattern-matching one (JSON in the callback map, e.g. a paged table's
    {"table": ["MATCH"], "type": "tabulka-strana"}) is matched by an id with the same keys, the same fixed
    values and a short text or number where the pattern has MATCH."""
    if isinstance(declared, str) and declared.startswith("{"):
        declared = json.loads(declared)
    if not isinstance(declared, dict):
        return sent == declared
    if not isinstance(sent, dict) or set(sent) != set(declared):
        return False
    return all(isinstance(sent[k], str | int) and not isinstance(sent[k], bool) and len(str(sent[k])) <= MAX_ID
               if v == ["MATCH"] else sent[k] == v for k, v in declared.items())


def _property(prop: str, value) -> None:
    """Properties whose type is fixed whatever the component: clicks count, addresses are short text."""
    if prop == "n_clicks":
        number(0, 1_000_000_000)(value, {}, field=prop)
    elif prop in ("pathname", "search", "hash", "href"):
        text(MAX_URL_PART)(value, {}, field=prop)


def check_callback(callback_map: Mapping, body) -> None:
    """A POST to /_dash-update-component: a known server callback, its own inputs, sane fixed-type values."""
    if not isinstance(body, dict):
        raise InvalidInput("payload", "tělo požadavku není objekt JSON", "the body is not a JSON object")
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None or "callback" not in spec:
        raise InvalidInput("output", f"neznámý výstup „{shown(output)}“", f"unknown output {shown(output)!r}")
    _same_ids(body.get("inputs"), spec["inputs"], "inputs")
    _same_ids(body.get("state", []), spec["state"], "state")
    sent_outputs = body.get("outputs")
    declared = spec["output"] if isinstance(spec["output"], list) else [spec["output"]]
    outputs = sent_outputs if isinstance(sent_outputs, list) else [sent_outputs]
    # (a duplicate output's property carries "@<hash>": the component and property are what must match)
    names = [f"{o.get('id')}.{str(o.get('property')).split('@')[0]}" if isinstance(o, dict) else None
             for o in outputs]
    if not any(isinstance(o.component_id, dict) for o in declared) and names != [str(o) for o in declared]:
        raise InvalidInput("outputs", "neodpovídá výstupům zpětného volání", "does not match the callback's outputs")
    changed = body.get("changedPropIds", [])
    inputs = {f"{i['id']}.{i['property']}" for i in spec["inputs"]
              if not isinstance(i["id"], dict) and not str(i["id"]).startswith("{")}  # a pattern: any matching id
    if not isinstance(changed, list) or any(not isinstance(c, str) or len(c) > MAX_URL_PART for c in changed) \
            or (inputs and len(inputs) == len(spec["inputs"]) and not set(changed) <= inputs):
        raise InvalidInput("changedPropIds", "neznámý spouštěč", "unknown trigger")
