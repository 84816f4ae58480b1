"""HR reports: build them from store rows, render as a terminal table, CSV, JSON or HTML.

Modules: :mod:`~recall.reports.model` (Report, Section, Chart), :mod:`~recall.reports.build`
(pure builders), :mod:`~recall.reports.cards` (the item analysis of the cards),
:mod:`~recall.reports.render` (the four formats),
:mod:`~recall.reports.svg` (inline SVG bar charts). Labels come from
:mod:`recall.i18n`.
"""

from recall.reports.build import (
    DeckLine,
    build_audit,
    build_coverage,
    build_employee,
    build_incident,
    build_incidents,
    build_overview,
)
from recall.reports.model import Chart, Report, Section
from recall.reports.render import (
    FORMATS,
    render,
    render_csv,
    render_html,
    render_json,
    render_table,
)

__all__ = [
    "FORMATS",
    "Chart",
    "DeckLine",
    "Report",
    "Section",
    "build_audit",
    "build_coverage",
    "build_employee",
    "build_incident",
    "build_incidents",
    "build_overview",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_table",
]
