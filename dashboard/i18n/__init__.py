"""Czech first: strings and number/date formats. `t(key)` returns the Czech text."""

from dashboard.i18n.formats import (  # noqa: F401
    NotANumber,
    format_date,
    format_number,
    format_percent,
    input_number,
    parse_number,
    plural,
)
from dashboard.i18n.strings import t  # noqa: F401
