"""Rendering a :class:`~recall.reports.model.Report`: terminal table, CSV, JSON, HTML.

Functions: :func:`render_table` (rich renderables), :func:`render_csv`,
:func:`render_json`, :func:`render_html` (one self-contained page: inline CSS and SVG,
no script, nothing fetched; every text escaped), :func:`render` (by format name).
The HTML template is package data (``templates/report.html``) and holds no employee data.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from html import escape
from importlib import resources
from string import Template
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from recall.core.escaping import csv_text, for_terminal, visible_controls
from recall.errors import InputError
from recall.i18n import CATALOGUE, t
from recall.reports.model import Report, Section
from recall.reports.svg import bar_chart

__all__ = [
    "FORMATS",
    "cell_text",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_table",
]

FORMATS = ("table", "csv", "json", "html")


def render(report: Report, fmt: str) -> str | RenderableType:
    """Render ``report`` as ``fmt``.

    Returns:
        Text for csv/json/html; a rich renderable for table.

    Raises:
        InputError: an unknown format.
    """
    if fmt == "table":
        return render_table(report)
    if fmt == "csv":
        return render_csv(report)
    if fmt == "json":
        return render_json(report)
    if fmt == "html":
        return render_html(report)
    raise InputError.of("error.format", value=repr(fmt), formats=", ".join(FORMATS))


#: coded column → the catalogue prefix of its codes' labels (:mod:`recall.core.codes`)
_CODE_LABELS = {"status": "progress", "kind": "kind", "reason": "reason", "method": "method"}


def _cell(section: Section, column: str, value: Any, lang: str, sep: str) -> str:  # noqa: ANN401
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return sep.join(_cell(section, column, v, lang, sep) for v in value)
    if column in section.coded:  # a code: its label, specific to the column if there is one
        key = f"{_CODE_LABELS.get(column, column)}.{value}"
        return t(key if key in CATALOGUE else str(value), lang)
    if column in section.percent and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def cell_text(section: Section, column: str, value: Any, lang: str) -> str:  # noqa: ANN401
    """One cell as the HTML report shows it (labels for codes, percentages, dates)."""
    return visible_controls(_cell(section, column, value, lang, ", "))


def _csv_cell(section: Section, column: str, value: Any, lang: str) -> str:  # noqa: ANN401
    if column in section.percent and isinstance(value, int | float):
        return f"{value * 100:.1f}"
    text = _cell(section, column, value, lang, "; ")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text  # a number stays a number (-2 is a count, not a formula)
    return csv_text(text)  # names and titles: no formula, no control character


def render_table(report: Report) -> RenderableType:
    """The report as rich tables under its title and header facts."""
    lang = report.lang
    parts: list[RenderableType] = [Text(t(report.kind, lang), style="bold")]
    for key, text in report.meta:
        parts.append(Text(for_terminal(f"{t(key, lang)}: {text}")))
    for section in report.sections:
        table = Table(title=t(section.key, lang), title_justify="left", expand=False)
        for column in section.columns:
            numeric = section.rows and isinstance(section.rows[0].get(column), int | float)
            table.add_column(
                t(column, lang), justify="right" if numeric else "left", overflow="fold"
            )
        for row in section.rows:
            table.add_row(  # Text: names and titles are shown as written, never as markup
                *(
                    Text(for_terminal(_cell(section, c, row.get(c), lang, ", ")) or "—")
                    for c in section.columns
                )
            )
        if not section.rows:
            parts.append(Text(f"{t(section.key, lang)}: {t('no_rows', lang)}"))
        else:
            parts.append(table)
    return Group(*parts)


def render_csv(report: Report) -> str:
    """The report as CSV: a header row of labels then one row per row.

    A report with several sections gets each under a ``# title`` line, separated by a
    blank line. Lists are joined with ``; `` and percentages are numbers (85.0).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    many = len(report.sections) > 1
    for n, section in enumerate(report.sections):
        if many:
            if n:
                writer.writerow([])
            writer.writerow([f"# {t(section.key, report.lang)}"])
        writer.writerow([t(c, report.lang) for c in section.columns])
        for row in section.rows:
            writer.writerow(
                [_csv_cell(section, c, row.get(c), report.lang) for c in section.columns]
            )
    return out.getvalue()


def _plain(value: Any) -> Any:  # noqa: ANN401
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def render_json(report: Report) -> str:
    """The report as JSON: ``report``, ``lang``, ``meta``, ``data`` and ``sections``.

    Keys are the column keys; percentages stay fractions; states stay codes.
    """
    payload = {
        "report": report.kind,
        "lang": report.lang,
        "meta": {key: text for key, text in report.meta},
        "data": _plain(report.data),
        "sections": {
            s.key: [{c: _plain(r.get(c)) for c in s.columns} for r in s.rows]
            for s in report.sections
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_html(report: Report) -> str:
    """The report as one self-contained, printable HTML page (inline CSS and SVG charts)."""
    lang = report.lang
    template = Template(
        resources.files("recall.reports").joinpath("templates/report.html").read_text("utf-8")
    )
    meta = "\n".join(
        f"<dt>{escape(t(k, lang))}</dt><dd>{escape(visible_controls(v))}</dd>"
        for k, v in report.meta
    )
    charts = ""
    if report.charts:
        charts = (
            '<section class="charts">'
            + "".join(bar_chart(c, t(c.key, lang), t("no_data", lang)) for c in report.charts)
            + "</section>"
        )
    sections = []
    for section in report.sections:
        head = "".join(f"<th>{escape(t(c, lang))}</th>" for c in section.columns)
        body = []
        for row in section.rows:
            css = ' class="short"' if row.get("shortfall") else ""
            cells = []
            for column in section.columns:
                value = row.get(column)
                num = isinstance(value, int | float) and not isinstance(value, bool)
                text = escape(visible_controls(_cell(section, column, value, lang, ", "))) or "—"
                cells.append(f'<td class="num">{text}</td>' if num else f"<td>{text}</td>")
            body.append(f"<tr{css}>{''.join(cells)}</tr>")
        table = (
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
            if body
            else f'<p class="empty">{escape(t("no_rows", lang))}</p>'
        )
        sections.append(f"<h2>{escape(t(section.key, lang))}</h2>\n{table}")
    return template.substitute(
        lang=escape(lang),
        title=escape(t(report.kind, lang)),
        meta=meta,
        charts=charts,
        sections="\n".join(sections),
    )
