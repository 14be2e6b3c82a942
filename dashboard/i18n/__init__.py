"""Czech number and date formats, in and out (1 234,5; 6. 1. 2020). Czech text itself is written where it is
shown: in the page, chart or component module (docs/house.md)."""

from dashboard.i18n.formats import (  # noqa: F401
    NotANumber,
    format_date,
    format_number,
    format_percent,
    input_number,
    parse_number,
    plural,
)
