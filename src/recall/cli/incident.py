"""``recall incident ...`` and ``recall refresh``: refresher training after an incident or a gap.

Commands: ``incident add`` (record an incident; its topics' cards go to the front of
every in-scope employee's queue until answered), ``incident list``, ``incident show ID``
(who finished, who has not, who is past the deadline), and ``refresh --coverage``
(assign what each employee is missing in the current audit period).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.app import runtime
from recall.cli.report import FormatOption, LangOption, OutputOption, emit
from recall.core.coverage import audit_period
from recall.core.employee import parse_date
from recall.core.incident import (
    DEFAULT_WITHIN_DAYS,
    IncidentSpec,
    Scope,
    parse_topics,
    resolve_deadline,
)
from recall.errors import InputError
from recall.reports import build_incident, check_lang

__all__ = ["register"]

app = typer.Typer(
    help="Record incidents and follow their refresher training: add, list, show.",
    no_args_is_help=True,
)

DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--deadline",
        help="Day by which the refreshers must be done (YYYY-MM-DD).",
        show_default=False,
    ),
]
WithinOption = Annotated[
    str | None,
    typer.Option(
        "--within",
        help=f"Deadline as a span from today: 7d, 2w. Default: {DEFAULT_WITHIN_DAYS}d.",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Show how many employees and cards it would affect; record nothing."
    ),
]


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="What happened, in a few words.")],
    occurred: Annotated[str, typer.Option("--occurred", help="The day it happened (YYYY-MM-DD).")],
    topics: Annotated[
        list[str],
        typer.Option(
            "--topics",
            help="Topic ids whose cards become refreshers: TOPIC[,TOPIC] (see `recall deck list`).",
        ),
    ],
    department: Annotated[
        list[str] | None,
        typer.Option(
            "--department", help="Refresh this department (repeatable).", show_default=False
        ),
    ] = None,
    employee: Annotated[
        list[str] | None,
        typer.Option("--employee", help="Refresh this employee (repeatable).", show_default=False),
    ] = None,
    all_staff: Annotated[
        bool, typer.Option("--all", help="Refresh every active employee.")
    ] = False,
    deadline: DeadlineOption = None,
    within: WithinOption = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Free text kept with the incident.", show_default=False),
    ] = None,
    dry_run: DryRunOption = False,
) -> None:
    """Record an incident and make its topics' cards due now for everyone in scope.

    Each active employee in scope gets every card on the topics as a refresher: first
    in their queue, ahead of normal reviews and outside the daily limit, until answered.
    Memory states are kept (an early review, which FSRS handles). An unknown topic or
    department, an unknown employee or an empty scope is an error and nothing is recorded.

    Example: recall incident add --title "電話での誤回答" --occurred 2026-06-29
    --topics verbal-disclosure,identity-verification --department 営業部 --within 7d
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    today = store.policy().local_date(now)
    spec = IncidentSpec(
        title=title,
        occurred=parse_date(occurred, "--occurred"),
        topics=parse_topics(topics),
        scope=Scope.build(all_staff=all_staff, departments=department, employees=employee),
        deadline=resolve_deadline(
            today, parse_date(deadline, "--deadline") if deadline else None, within
        ),
        note=note,
    )
    outcome = store.add_incident(spec, now, dry_run=dry_run)
    what = (
        f"{outcome.employees} employee(s), {outcome.cards} card(s), "
        f"{outcome.assignments} refresher(s), deadline {spec.deadline}"
    )
    if dry_run:
        rt.console.print(f"dry run: would assign {what}; nothing recorded")
    else:
        rt.console.print(f"incident {outcome.incident_id} recorded: assigned {what}")


@app.command("list")
def list_incidents(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="Only incident or coverage records.", show_default=False),
    ] = None,
) -> None:
    """List incidents and coverage refreshes with their completion (newest first).

    Example: recall incident list
    """
    rt = runtime(ctx)
    if kind not in (None, "incident", "coverage"):
        raise InputError(f"--kind {kind!r}: use incident or coverage")
    store, now = rt.store(), rt.now()
    table = Table(
        "id", "kind", "title", "occurred", "topics", "scope", "deadline", "done", "overdue"
    )
    for s in store.incident_summaries(now, kind):
        i = s["incident"]
        values = [str(i.id), i.kind, i.title, str(i.occurred or "—"), ", ".join(i.topics)]
        values += [i.scope.describe(), str(i.deadline or "—")]
        values += [f"{s['finished']}/{s['people']}", str(s["overdue"])]
        table.add_row(*map(Text, values))  # Text: titles are shown as written, never as markup
    rt.console.print(table)


@app.command("show")
def show(
    ctx: typer.Context,
    incident_id: Annotated[
        int, typer.Argument(help="The incident's id (see `recall incident list`).")
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = "ja",
) -> None:
    """Show an incident and each person's refreshers: done, done late, open, or past the
    deadline (listed first).

    Example: recall incident show 3 --lang en
    """
    rt = runtime(ctx)
    check_lang(lang)
    store, now = rt.store(), rt.now()
    incident = store.incident(incident_id)
    report = build_incident(
        incident,
        store.incident_progress(incident_id, now),
        store.topics(),
        lang=lang,
        now=now,
        zone=store.policy().zone,
    )
    emit(rt, report, fmt, output)


def refresh(
    ctx: typer.Context,
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Assign what each employee is missing in the current audit period.",
        ),
    ] = False,
    deadline: DeadlineOption = None,
    within: WithinOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Make missing training due now, recorded like an incident's refreshers.

    With --coverage: for each active employee short in the current audit period, every
    onboarding-core card they have not answered in it, and for each topic they have not
    answered any card on, the one card of that topic they know least (lowest FSRS
    retrievability; never-seen counts as 0). Cards already assigned and open are not
    assigned twice.

    Example: recall refresh --coverage --within 14d
    """
    rt = runtime(ctx)
    if not coverage:
        raise InputError("say what to refresh: --coverage (see `recall refresh --help`)")
    store, now = rt.store(), rt.now()
    today = store.policy().local_date(now)
    due = resolve_deadline(today, parse_date(deadline, "--deadline") if deadline else None, within)
    outcome = store.refresh_coverage(now, deadline=due, dry_run=dry_run)
    if outcome.assignments == 0:
        period = audit_period(today, store.settings().fiscal_year_start)
        short = len(store.coverage_gaps(period))
        if short == 0:
            message = "every active employee is covered in this audit period; nothing to assign"
        else:
            message = (
                f"{short} employee(s) are still short in this audit period, and every gap "
                "already has an open refresher; nothing new to assign (see `recall report "
                "coverage` and `recall incident list`)"
            )
        rt.console.print(message, soft_wrap=True)
        return
    table = Table("employee", "cards")
    for employee_id, cards in outcome.plan:
        table.add_row(Text(employee_id), Text(", ".join(cards)))
    rt.console.print(table)
    what = (
        f"{outcome.employees} employee(s), {outcome.cards} card(s), "
        f"{outcome.assignments} refresher(s), deadline {due}"
    )
    if dry_run:
        rt.console.print(f"dry run: would assign {what}; nothing recorded")
    else:
        rt.console.print(f"coverage refresh {outcome.incident_id} recorded: assigned {what}")


def register(root: typer.Typer) -> None:
    """Attach ``recall incident`` and ``recall refresh`` to the root app."""
    root.add_typer(app, name="incident")
    root.command("refresh")(refresh)
