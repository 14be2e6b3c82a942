"""Czech first: strings and number/date formats. `t(key)` returns the Czech text."""

from dashboard.i18n.formats import UNITS, format_date, format_number, format_percent, plural  # noqa: F401
from dashboard.i18n.strings import t  # noqa: F401
