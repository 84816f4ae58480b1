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

from recall.cli.output import FormatOption, LangOption, OutputOption, emit
from recall.cli.progress import progress_bar
from recall.cli.runtime import runtime
from recall.core.codes import IncidentKind, Lang
from recall.core.employee import parse_date
from recall.core.incident import DEFAULT_WITHIN_DAYS, MAX_DEADLINE_DAYS, Scope, parse_topics
from recall.errors import InputError
from recall.i18n import t
from recall.service import incidents as use
from recall.service import reports

__all__ = ["register"]

#: The largest id SQLite can store (an id beyond it cannot exist).
MAX_ID = 2**63 - 1


def _incident_id(text: str) -> int:
    """An incident id: a whole number from 1 to SQLite's largest integer."""
    try:
        number = int(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not an incident id (a number)") from None
    if not 1 <= number <= MAX_ID:
        raise typer.BadParameter(f"{text} is not an incident id (1 to {MAX_ID})")
    return number


app = typer.Typer(
    help="Record incidents and follow their refresher training: add, list, show.",
    no_args_is_help=True,
)

DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--deadline",
        help="Day by which the refreshers must be done (YYYY-MM-DD): from today to "
        f"{MAX_DEADLINE_DAYS} days ahead.",
        show_default=False,
    ),
]
WithinOption = Annotated[
    str | None,
    typer.Option(
        "--within",
        help=f"Deadline as a span from today: 7d, 2w (1d to {MAX_DEADLINE_DAYS}d). "
        f"Default: {DEFAULT_WITHIN_DAYS}d.",
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
    occurred: Annotated[
        str,
        typer.Option(
            "--occurred", help="The day it happened (YYYY-MM-DD): from 2000-01-01 to today."
        ),
    ],
    topics: Annotated[
        list[str],
        typer.Option(
            "--topics",
            metavar="TOPIC[,TOPIC]",
            help="Topic ids whose cards become refreshers: TOPIC[,TOPIC] (see `recall deck list`).",
        ),
    ],
    department: Annotated[
        list[str] | None,
        typer.Option(
            "--department",
            metavar="DEPT",
            help="Refresh this department (repeatable).",
            show_default=False,
        ),
    ] = None,
    employee: Annotated[
        list[str] | None,
        typer.Option(
            "--employee",
            metavar="ID",
            help="Refresh this employee (repeatable).",
            show_default=False,
        ),
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
    lang: LangOption = Lang.JA,
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
    due = use.deadline_from(
        store, now, parse_date(deadline, "--deadline") if deadline else None, within
    )
    occurred_on = parse_date(occurred, "--occurred")
    topic_names = parse_topics(topics)
    scope = Scope.build(all_staff=all_staff, departments=department, employees=employee)
    with progress_bar(rt, lang) as tell:
        outcome = use.record(
            store,
            now,
            title=title,
            occurred=occurred_on,
            topics=topic_names,
            scope=scope,
            deadline=due,
            note=note,
            dry_run=dry_run,
            progress=tell,
        )
    what = t(
        "hr.assign_what",
        lang,
        employees=outcome.employees,
        cards=outcome.cards,
        assignments=outcome.assignments,
        deadline=due or t("dash", lang),
    )
    if dry_run:
        rt.console.print(t("hr.incident_dry_run", lang, what=what), markup=False)
    else:
        rt.console.print(
            t("hr.incident_recorded", lang, id=outcome.incident_id, what=what), markup=False
        )


@app.command("list")
def list_incidents(
    ctx: typer.Context,
    kind: Annotated[
        IncidentKind | None,
        typer.Option("--kind", help="Only incident or coverage records.", show_default=False),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """List incidents and coverage refreshes with their completion (newest first).

    Example: recall incident list --lang en
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    report = reports.incidents(store, now, lang, kind=kind)
    emit(rt, report, fmt, output)


@app.command("show")
def show(
    ctx: typer.Context,
    incident_id: Annotated[
        int,
        typer.Argument(
            parser=_incident_id,
            metavar="ID",
            help="The incident's id (see `recall incident list`).",
        ),
    ],
    fmt: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Show an incident and each person's refreshers: done, done late, open, or past the
    deadline (listed first).

    Example: recall incident show 3 --lang en
    """
    rt = runtime(ctx)
    emit(rt, reports.incident(rt.store(), incident_id, rt.now(), lang), fmt, output)


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
    lang: LangOption = Lang.JA,
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
        raise InputError.of("hr.refresh_what")
    store, now = rt.store(), rt.now()
    due = use.deadline_from(
        store, now, parse_date(deadline, "--deadline") if deadline else None, within
    )
    with progress_bar(rt, lang) as tell:
        result = use.refresh_coverage(store, now, deadline=due, dry_run=dry_run, progress=tell)
    outcome = result.outcome
    if outcome.assignments == 0:
        if result.short == 0:
            message = t("hr.everyone_covered", lang)
        else:
            message = t("hr.gaps_already_assigned", lang, n=result.short)
        rt.console.print(message, soft_wrap=True, markup=False)
        return
    table = Table(t("col.employee", lang), t("col.cards", lang))
    for employee_id, cards in outcome.plan:
        table.add_row(Text(employee_id), Text(", ".join(cards)))
    rt.console.print(table)
    what = t(
        "hr.assign_what",
        lang,
        employees=outcome.employees,
        cards=outcome.cards,
        assignments=outcome.assignments,
        deadline=due or t("dash", lang),
    )
    if dry_run:
        rt.console.print(t("hr.incident_dry_run", lang, what=what), markup=False)
    else:
        rt.console.print(
            t("hr.coverage_recorded", lang, id=outcome.incident_id, what=what), markup=False
        )


def register(root: typer.Typer) -> None:
    """Attach ``recall incident`` and ``recall refresh`` to the root app."""
    root.add_typer(app, name="incident")
    root.command("refresh")(refresh)
