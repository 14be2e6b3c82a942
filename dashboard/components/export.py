"""The export control under every chart: PNG, SVG and PDF links, made on the server from the same
builder as the chart on screen (plain links: one click, keyboard and screen-reader friendly)."""

from __future__ import annotations

from dash import html

from dashboard import data_state
from dashboard.charts import href

FORMATS = (("png", "PNG", "obrázek pro Word, 2000 px"), ("svg", "SVG", "vektor"), ("pdf", "PDF", "k tisku"))
TABLES = (("csv", "CSV", "čísla grafu pro Excel"), ("xlsx", "XLSX", "čísla grafu jako sešit"))


def export_links(name: str, title: str, link_id: str | None = None, **params) -> html.Div:
    links = [html.A(label, href=href(name, fmt, **params), download="", title=note, rel="nofollow",
                    className="btn btn-sm btn-outline-secondary me-1",
                    **{"aria-label": f"Stáhnout graf {title} jako {label} ({note})"})
             for fmt, label, note in FORMATS]
    links.append(html.A("PDF A4", href=href(name, "pdf", papir="a4", **params), download="", rel="nofollow",
                        title="k tisku na A4 (na šířku, je-li graf široký)",
                        className="btn btn-sm btn-outline-secondary me-1",
                        **{"aria-label": f"Stáhnout graf {title} jako PDF A4 (k tisku na stránku A4)"}))
    tables = [html.A(label, href=href(name, fmt, **params), download="", title=note, rel="nofollow",
                     className="btn btn-sm btn-outline-secondary me-1",
                     **{"aria-label": f"Stáhnout čísla grafu {title} jako {label} ({note})"})
              for fmt, label, note in TABLES]
    about = html.A("O datech a zdrojích", href=data_state.ABOUT, className="small ms-2",
                   **{"aria-label": f"O datech a zdrojích grafu {title}"})
    return html.Div([html.Span("Stáhnout graf: ", className="small me-1")] + links
                    + [html.Span("čísla: ", className="small ms-2 me-1")] + tables + [about],
                    className="chart-export mb-3 d-print-none", id=link_id or f"{name}-export")
