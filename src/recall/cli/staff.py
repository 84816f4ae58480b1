"""``recall employee ...``: enrol, import, list and mark the departure of employees."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.language import remember_lang
from recall.cli.output import LangOption
from recall.cli.progress import progress_bar
from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.core.employee import parse_date
from recall.core.roster import CaseTypo, Leavers
from recall.i18n import t
from recall.service import staff as use
from recall.service.roster import SyncOptions, SyncResult, sync_roster

__all__ = ["register"]

app = typer.Typer(
    help="Enrol employees (one by one or from an HR CSV export), list them, record leavers.",
    no_args_is_help=True,
)

_MessagesOption = Annotated[
    Lang,
    typer.Option(
        "--messages",
        envvar="RECALL_LANG",
        help="Language of recall's messages and headings (the employee's own language is "
        "--lang). Default: RECALL_LANG, else ja.",
        callback=remember_lang,
    ),
]


def register(root: typer.Typer) -> None:
    """Attach the ``employee`` group to the root app."""
    root.add_typer(app, name="employee")


def _say(ctx: typer.Context, text: str, **style: str) -> None:
    runtime(ctx).console.print(text, markup=False, soft_wrap=True, **style)


@app.command("add")
def add(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(metavar="ID", help="Employee id, e.g. E0001.")],
    name: Annotated[str, typer.Option("--name", help="Full name.")],
    email: Annotated[str | None, typer.Option("--email", help="Work email (optional).")] = None,
    department: Annotated[str, typer.Option("--department", help="Department.")] = "",
    hired: Annotated[
        str | None,
        typer.Option(
            "--hired",
            help="Hire date: 2026-04-01, 2026/4/1 or 2026年4月1日 (default: today).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="The employee's review language.")] = (
        Lang.JA
    ),
    messages: _MessagesOption = Lang.JA,
) -> None:
    """Enrol one employee in every deck; onboarding starts from the hire date.

    Example: recall employee add E0001 --name "山田 花子" --department 営業部 --hired 2026-04-01
    """
    rt = runtime(ctx)
    employee = use.add(
        rt.store(),
        rt.now(),
        employee_id=employee_id,
        name=name,
        email=email,
        department=department,
        hired=parse_date(hired, "--hired") if hired is not None else None,
        lang=lang,
    )
    text = t(
        "hr.enrolled",
        messages,
        id=employee.id,
        name=employee.name,
        hired=employee.hired.isoformat(),
        lang=employee.lang,
    )
    _say(ctx, text)


@app.command("edit")
def edit(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(metavar="ID", help="Employee id, e.g. E0001.")],
    name: Annotated[str | None, typer.Option("--name", help="Full name.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Work email.")] = None,
    department: Annotated[str | None, typer.Option("--department", help="Department.")] = None,
    hired: Annotated[
        str | None,
        typer.Option(
            "--hired", help="Hire date: 2026-04-01, 2026/4/1 or 2026年4月1日.", show_default=False
        ),
    ] = None,
    lang: Annotated[
        Lang | None, typer.Option("--lang", help="The employee's review language.")
    ] = None,
    messages: _MessagesOption = Lang.JA,
) -> None:
    """Correct an employee's record, e.g. someone enrolled on first use by login name.

    Only the options given change; the training history is kept.

    Example: recall employee edit tanaka --name "田中 一郎" --department 総務部
    """
    rt = runtime(ctx)
    updated = use.edit(
        rt.store(),
        rt.now(),
        employee_id,
        name=name,
        email=email,
        department=department,
        hired=parse_date(hired, "--hired") if hired is not None else None,
        lang=lang,
    )
    text = t(
        "hr.updated",
        messages,
        id=updated.id,
        name=updated.name,
        department=updated.department or "-",
        hired=updated.hired.isoformat(),
        lang=updated.lang,
    )
    _say(ctx, text)


@app.command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV export from the HR system.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and report; change nothing.")
    ] = False,
    lang: LangOption = Lang.JA,
) -> None:
    """Enrol the employees of an HR CSV export, all or none.

    Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS; separated by
    commas, semicolons or tabs. Headers in English or Japanese: 社員番号/id, 氏名/name,
    メールアドレス/email, 部署/department, 入社日/hired (2026-04-01, 2026/4/1 or
    2026年4月1日), 言語/lang (ja or en; empty = ja). Other columns are ignored. Any bad
    row (missing id, bad date, duplicate id, unknown language, id already enrolled) is
    reported by line number and nothing is imported. For the monthly export of everyone,
    use `recall employee sync`.
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    with progress_bar(rt, lang) as tell:
        outcome = use.import_csv(store, now, file, dry_run=dry_run, lang=lang, progress=tell)
    warnings = typo_lines(outcome.typos, lang)
    if warnings:
        _say(ctx, t("sync.section.warnings", lang, n=len(warnings)), style="yellow")
        for warning in warnings:
            _say(ctx, "  " + warning, style="yellow")
    if outcome.ignored_columns:
        columns = ", ".join(outcome.ignored_columns)
        _say(ctx, t("csv.ignored", lang, columns=columns), style="dim")
    if dry_run:
        _say(ctx, t("import.dry_run", lang, n=outcome.count, encoding=outcome.encoding))
    else:
        _say(ctx, t("import.done", lang, n=outcome.count, file=file, encoding=outcome.encoding))


@app.command("list")
def list_employees(
    ctx: typer.Context,
    department: Annotated[
        str | None, typer.Option("--department", help="Only this department.")
    ] = None,
    include_left: Annotated[
        bool, typer.Option("--all", help="Include employees who have left.")
    ] = False,
    lang: LangOption = Lang.JA,
) -> None:
    """List enrolled employees by department and id (leavers only with --all)."""
    rt = runtime(ctx)
    employees = use.roster(rt.store(), department=department, include_left=include_left)
    columns = ("employee_id", "name", "department", "hired", "lang", "email", "left_on")
    table = Table(*(t(c, lang) for c in columns))
    for e in employees:
        values = [e.id, e.name, e.department, e.hired.isoformat(), e.lang, e.email or ""]
        values.append(e.left_on.isoformat() if e.left_on else "")
        table.add_row(*map(Text, values))  # Text: names are shown as written, never as markup
    rt.console.print(table)
    _say(ctx, t("hr.employee_count", lang, n=len(employees)))


@app.command("leave")
def leave(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(metavar="ID", help="Employee id.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="Leaving date YYYY-MM-DD (default: today).", show_default=False),
    ] = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Record that an employee left: no more cards from that day on; records are kept."""
    rt = runtime(ctx)
    day = use.leave(
        rt.store(), rt.now(), employee_id, parse_date(on, "--on") if on is not None else None
    )
    _say(ctx, t("hr.left", lang, id=employee_id, day=day.isoformat()))


@app.command("sync")
def sync(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The HR system's export of everyone (CSV).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would change; change nothing.")
    ] = False,
    leavers: Annotated[
        Leavers,
        typer.Option(
            "--leavers",
            help="People in recall but not in the export: ignore (list them) or mark "
            "(record them as leaving today).",
        ),
    ] = Leavers.IGNORE,
    lang: LangOption = Lang.JA,
) -> None:
    """Bring the roster in line with the monthly HR export of everyone, all or nothing.

    New people are enrolled; changed names, e-mails, departments and languages are
    updated; people missing from the export are listed (recorded as leaving today with
    --leavers mark). A hire date that differs is reported, not applied. The file is read
    as by `employee import`; any bad row is reported by line number and nothing changes.

    Example: recall employee sync hr_export.csv --dry-run --lang en
    """
    rt = runtime(ctx)
    store, now = rt.store(), rt.now()
    options = SyncOptions(dry_run=dry_run, leavers=leavers, lang=lang)
    with progress_bar(rt, lang) as tell:
        result = sync_roster(store, file, options, now, progress=tell)
    for line in render_sync(result, lang):
        rt.console.print(line, markup=False, soft_wrap=True, highlight=False)


def render_sync(result: SyncResult, lang: str) -> list[str]:
    """The sync's summary as lines of text: counts, then each section that is not empty."""
    plan = result.plan
    none = t("sync.none", lang)
    header = "sync.dry_run" if result.dry_run else "sync.done"
    lines = [t(header, lang, file=result.file, encoding=result.encoding)]
    if result.ignored_columns:
        lines.append(t("csv.ignored", lang, columns=", ".join(result.ignored_columns)))
    lines.append(
        t(
            "sync.counts",
            lang,
            new=len(plan.new),
            changed=len(plan.changed),
            missing=len(plan.missing),
            unchanged=plan.unchanged,
        )
    )
    if plan.new:
        lines.append(t("sync.section.new", lang, n=len(plan.new)))
        for row in plan.new:
            e = row.employee
            lines.append(
                "  "
                + t(
                    "sync.new_row",
                    lang,
                    line=row.line,
                    id=e.id,
                    name=e.name,
                    department=e.department or none,
                    hired=e.hired.isoformat(),
                    language=e.lang,
                )
            )
    if plan.changed:
        lines.append(t("sync.section.changed", lang, n=len(plan.changed)))
        for change in plan.changed:
            diffs = t("sync.diff_sep", lang).join(
                t(
                    "sync.diff",
                    lang,
                    field=t(f"column.{d.field.value}", lang),
                    old=d.old or none,
                    new=d.new or none,
                )
                for d in change.diffs
            )
            lines.append(
                "  "
                + t("sync.changed_row", lang, line=change.line, id=change.after.id, diffs=diffs)
            )
    if plan.missing:
        lines.append(t("sync.section.missing", lang, n=len(plan.missing)))
        not_marked = {e.id for e in plan.not_marked}
        for e in plan.missing:
            row = t("sync.missing_row", lang, id=e.id, name=e.name, department=e.department or none)
            if e.id in not_marked:
                row += " — " + t("sync.future_hire", lang, hired=e.hired.isoformat())
            lines.append("  " + row)
        today = plan.today.isoformat()
        if plan.leavers is Leavers.IGNORE:
            lines.append(t("sync.leavers.ignore", lang, today=today))
        else:
            key = "sync.leavers.plan" if result.dry_run else "sync.leavers.done"
            lines.append(t(key, lang, n=len(plan.leaving), today=today))
    if plan.hire_dates:
        lines.append(t("sync.section.hired", lang, n=len(plan.hire_dates)))
        lines += [
            "  "
            + t(
                "sync.hired_row",
                lang,
                line=h.line,
                id=h.employee_id,
                recorded=h.recorded.isoformat(),
                exported=h.exported.isoformat(),
            )
            for h in plan.hire_dates
        ]
    warnings = typo_lines(plan.typos, lang) + [
        t(
            "sync.listed_leaver",
            lang,
            line=x.line,
            id=x.employee.id,
            left_on=x.employee.left_on.isoformat() if x.employee.left_on else "",
        )
        for x in plan.listed_leavers
    ]
    if warnings:
        lines.append(t("sync.section.warnings", lang, n=len(warnings)))
        lines += ["  " + w for w in warnings]
    return lines


def typo_lines(typos: Iterable[CaseTypo], lang: str) -> list[str]:
    """One line per id that differs from another only in letter case."""
    return [
        t(
            "sync.typo_file",
            lang,
            line=typo.line,
            id=typo.employee_id,
            other=typo.other_id,
            other_line=typo.other_line,
        )
        if typo.other_line is not None
        else t("sync.typo_roster", lang, line=typo.line, id=typo.employee_id, other=typo.other_id)
        for typo in typos
    ]
