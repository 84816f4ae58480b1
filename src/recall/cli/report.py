"""``recall report ...``: HR's reports as a terminal table, CSV, JSON or a printable HTML page.

Commands: ``overview``, ``employee ID``, ``incidents``, ``audit``, ``coverage``,
``cards``. Each
parses its options, calls one use case of :mod:`recall.service.reports` and renders
the report with :func:`recall.cli.output.emit`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from recall.cli.output import FormatOption, LangOption, OutputOption, emit
from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.core.employee import parse_date
from recall.service import reports as use

if TYPE_CHECKING:
    from recall.core.coverage import Period
    from recall.store import Store

__all__ = ["register"]

app = typer.Typer(
    help="HR reports: department overview, one employee, incidents, the audit record, "
    "audit-period coverage, item analysis of the cards. Each prints a table, or CSV/JSON/HTML with --format and -o.",
    no_args_is_help=True,
)


_FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="First day (YYYY-MM-DD). Default: start of the current audit period.",
        show_default=False,
    ),
]
_ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        help="Last day, included (YYYY-MM-DD). Default: end of the current audit period.",
        show_default=False,
    ),
]


def _period(store: Store, now: datetime, start: str | None, end: str | None) -> Period:
    """The audit period of ``--from``/``--to`` (either may be left out)."""
    return use.audit_period(
        store,
        now,
        parse_date(start, "--from") if start is not None else None,
        parse_date(end, "--to") if end is not None else None,
    )


@app.command("overview")
def overview(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Per department: active staff, onboarding finished, reviewed in the last 7/30 days,
    overdue (a card due more than 3 days ago), mean estimated retention (FSRS
    retrievability of reviewed cards) and the weakest topics.

    Example: recall report overview --format html -o overview.html
    """
    rt = runtime(ctx)
    emit(rt, use.overview(rt.store(), rt.now(), lang), fmt, output)


@app.command("employee")
def employee(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(help="The employee's id.")],
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """One employee: retention per topic, what they miss in the audit period, refresher
    assignments and their status, and every answer they gave.

    Example: recall report employee E0042 --lang en
    """
    rt = runtime(ctx)
    emit(rt, use.employee(rt.store(), employee_id, rt.now(), lang), fmt, output)


@app.command("incidents")
def incidents(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Every incident (and coverage refresh): people assigned, finished, open, past the
    deadline, completion rate and who is past the deadline.

    Example: recall report incidents --format csv -o incidents.csv
    """
    rt = runtime(ctx)
    emit(rt, use.incidents(rt.store(), rt.now(), lang), fmt, output)


@app.command("audit")
def audit(
    ctx: typer.Context,
    start: _FromOption = None,
    end: _ToOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """The training record an auditor asks for (JIS Q 15001 / Privacy Mark): per employee,
    training dates, answers, cards and topics covered, deck and version, method, correct
    rate against the pass mark, shortfalls and their follow-up, incident refreshers.

    The HTML page is self-contained (charts as inline SVG) and fit to print.

    Example: recall report audit --from 2026-04-01 --to 2027-03-31 -o audit.html
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    period = _period(store, now, start, end)
    emit(rt, use.audit(store, period, now, lang), fmt, output)


@app.command("coverage")
def coverage(
    ctx: typer.Context,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Who is short in the current audit period (fiscal year, setting fiscal_year_start)
    and what they miss: onboarding-core cards not answered, topics with no card answered.

    Fix it with `recall refresh --coverage`.

    Example: recall report coverage --lang en
    """
    rt = runtime(ctx)
    emit(rt, use.coverage(rt.store(), rt.now(), lang), fmt, output)


@app.command("cards")
def cards(
    ctx: typer.Context,
    start: _FromOption = None,
    end: _ToOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Item analysis: per card, learners, share right at first sight against chance
    (1/choices), share right in later reviews, lapses, median response time and
    discrimination (point-biserial correlation of first-sight right on the card with the
    learner's first-sight score on the other cards); flags confusing (below chance), too
    hard (below 30%), guessed (far above chance, low discrimination) once at least 10
    learners met the card at first sight. Cards to rewrite come first.

    Example: recall report cards --from 2026-04-01 --to 2026-09-30 -o cards.html
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    period = _period(store, now, start, end)
    emit(rt, use.cards(store, period, now, lang), fmt, output)


def register(root: typer.Typer) -> None:
    """Attach ``recall report`` to the root app."""
    root.add_typer(app, name="report")
