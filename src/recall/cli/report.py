"""``recall report ...``: HR's reports as a terminal table, CSV, JSON or a printable HTML page.

Commands: ``overview``, ``employee ID``, ``incidents``, ``audit``, ``coverage``. Each
parses its options, asks the store for rows, builds the report
(:mod:`recall.reports.build`) and renders it (:mod:`recall.reports.render`).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from recall.cli.app import Runtime, runtime
from recall.core.coverage import Period
from recall.core.employee import parse_date
from recall.errors import InputError
from recall.reports import (
    FORMATS,
    DeckLine,
    Report,
    build_audit,
    build_coverage,
    build_employee,
    build_incidents,
    build_overview,
    check_lang,
    render,
)
from recall.store import Store

__all__ = ["FormatOption", "LangOption", "OutputOption", "emit", "register"]

app = typer.Typer(
    help="HR reports: department overview, one employee, incidents, the audit record, "
    "audit-period coverage. Each prints a table, or CSV/JSON/HTML with --format and -o.",
    no_args_is_help=True,
)

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, csv, json or html. Default: from the -o file's suffix, else table.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of the terminal (CSV files get a BOM for Excel).",
        show_default=False,
    ),
]
LangOption = Annotated[
    str, typer.Option("--lang", help="Label language: ja (日本語) or en (English).")
]


def emit(rt: Runtime, report: Report, fmt: str | None, output: Path | None) -> None:
    """Render ``report`` as ``fmt`` to ``output`` (or the terminal).

    Raises:
        InputError: an unknown format, or the file cannot be written.
    """
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = {"htm": "html"}.get(suffix, suffix) if suffix in {*FORMATS, "htm"} else "table"
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    rendered = render(report, fmt)
    if output is None:
        if isinstance(rendered, str):
            rt.console.file.write(rendered)
        else:
            rt.console.print(rendered)
        return
    try:
        # Reports hold employees' names: the file is readable by its owner only, like the DB.
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # also when an existing file is overwritten
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with open(fd, "w", encoding=encoding, newline="") as handle:
            if isinstance(rendered, str):
                handle.write(rendered)
            else:
                Console(file=handle, width=160, highlight=False).print(rendered)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror}") from None
    rt.console.print(f"wrote {output}")


def _decks(store: Store) -> list[DeckLine]:
    return [
        DeckLine(d.id, d.version, d.title, d.data.get("source", {}), d.data.get("attribution", {}))
        for d in store.decks()
        if d.active
    ]


@app.command("overview")
def overview(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """Per department: active staff, onboarding finished, reviewed in the last 7/30 days,
    overdue (a card due more than 3 days ago), mean estimated retention (FSRS
    retrievability of reviewed cards) and the weakest topics.

    Example: recall report overview --format html -o overview.html
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    retention, topic_retention = store.retention_by_department(now)
    report = build_overview(
        store.department_activity(now),
        retention,
        topic_retention,
        store.topics(),
        lang=lang,
        organisation=store.settings().organisation,
        now=now,
        zone=store.policy().zone,
    )
    emit(rt, report, fmt, output)


@app.command("employee")
def employee(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(help="The employee's id.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """One employee: retention per topic, what they miss in the audit period, refresher
    assignments and their status, and every answer they gave.

    Example: recall report employee E0042 --lang en
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    person = store.employee(employee_id)
    period = store.audit_period(now)
    gaps = store.coverage_gaps(period, employee_id) if person.active else []
    retention, topic_retention = store.retention_of(employee_id, now)
    report = build_employee(
        person,
        retention=retention,
        topic_retention=topic_retention,
        assignments=store.assignments_of(employee_id),
        history=store.review_history(employee_id),
        gap=gaps[0] if gaps else None,
        period=period,
        topic_names=store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )
    emit(rt, report, fmt, output)


@app.command("incidents")
def incidents(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """Every incident (and coverage refresh): people assigned, finished, open, past the
    deadline, completion rate and who is past the deadline.

    Example: recall report incidents --format csv -o incidents.csv
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    report = build_incidents(
        store.incident_summaries(now),
        store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )
    emit(rt, report, fmt, output)


def _period(store: Store, now: datetime, start: str | None, end: str | None) -> Period:
    current = store.audit_period(now)
    first = parse_date(start, "--from") if start else current.start
    last = parse_date(end, "--to") if end else current.end
    if last < first:
        raise InputError(f"--to {last} is before --from {first}")
    return Period(first, last)


@app.command("audit")
def audit(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First day (YYYY-MM-DD). Default: start of the current audit period.",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Last day, included (YYYY-MM-DD). Default: end of the current audit period.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """The training record an auditor asks for (JIS Q 15001 / Privacy Mark): per employee,
    training dates, answers, cards and topics covered, deck and version, method, correct
    rate against the pass mark, shortfalls and their follow-up, incident refreshers.

    The HTML page is self-contained (charts as inline SVG) and fit to print.

    Example: recall report audit --from 2026-04-01 --to 2027-03-31 -o audit.html
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    policy = store.policy()
    period = _period(store, now, start, end)
    current = store.audit_period(now)
    gaps = store.coverage_gaps(period) if period.end <= current.end else []
    retention, topic_retention = store.retention_by_department(now)
    by_topic: dict[str, list[float]] = {}
    for (_, topic), (total, count) in topic_retention.items():
        entry = by_topic.setdefault(topic, [0.0, 0])
        entry[0] += total
        entry[1] += count
    report = build_audit(
        period=period,
        employees=store.audit_employees(period),
        reviews=store.audit_reviews(period),
        assignments=store.audit_assignments(period),
        gaps=gaps,
        decks=_decks(store),
        topic_retention=by_topic,
        weeks=store.reviews_per_week(period),
        topic_names=store.topics(),
        pass_mark=policy.settings.pass_mark,
        organisation=policy.settings.organisation,
        lang=lang,
        now=now,
        zone=policy.zone,
    )
    emit(rt, report, fmt, output)


@app.command("coverage")
def coverage(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """Who is short in the current audit period (fiscal year, setting fiscal_year_start)
    and what they miss: onboarding-core cards not answered, topics with no card answered.

    Fix it with `recall refresh --coverage`.

    Example: recall report coverage --lang en
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    period = store.audit_period(now)
    report = build_coverage(
        store.coverage_gaps(period),
        period,
        store.topics(),
        active=len(store.employees()),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )
    emit(rt, report, fmt, output)


def register(root: typer.Typer) -> None:
    """Attach ``recall report`` to the root app."""
    root.add_typer(app, name="report")
