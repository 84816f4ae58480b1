"""``recall employee ...``: enrol, import, list and mark the departure of employees."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.app import runtime
from recall.core.dates import parse_date
from recall.core.employee import Employee
from recall.core.hr_labels import text
from recall.core.roster import CaseTypo, Leavers, find_case_typos
from recall.core.values import (
    check_department,
    check_email,
    check_employee_id,
    check_name,
    parse_hire_date,
)
from recall.errors import InputError
from recall.reports import check_lang
from recall.service.roster import SyncOptions, SyncResult, sync_roster
from recall.staffimport import parse_employee_csv, read_employee_csv, reject_existing

app = typer.Typer(
    help="Enrol employees (one by one or from an HR CSV export), list them, record leavers.",
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    """Attach the ``employee`` group to the root app."""
    root.add_typer(app, name="employee")


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
    lang: Annotated[str, typer.Option("--lang", help="Review language: ja or en.")] = "ja",
) -> None:
    """Enrol one employee in every deck; onboarding starts from the hire date.

    Example: recall employee add E0001 --name "山田 花子" --department 営業部 --hired 2026-04-01
    """
    rt = runtime(ctx)
    store = rt.store()
    today = store.policy().local_date(rt.now())
    employee = Employee(
        id=check_employee_id(employee_id, "ID"),
        name=check_name(name, "--name"),
        email=check_email(email, "--email"),
        department=check_department(department, "--department"),
        hired=today if hired is None else parse_hire_date(hired, today, "--hired"),
        lang=lang,
    )
    store.add_employees([employee], now=rt.now())
    rt.console.print(
        f"Enrolled {employee.id} ({employee.name}), hired {employee.hired.isoformat()}, "
        f"language {employee.lang}",
        markup=False,
        soft_wrap=True,
    )


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
    lang: Annotated[str | None, typer.Option("--lang", help="Review language: ja or en.")] = None,
) -> None:
    """Correct an employee's record, e.g. someone enrolled on first use by login name.

    Only the options given change; the training history is kept.

    Example: recall employee edit tanaka --name "田中 一郎" --department 総務部
    """
    rt = runtime(ctx)
    store = rt.store()
    current = store.employee(employee_id)
    today = store.policy().local_date(rt.now())
    updated = replace(
        current,
        name=current.name if name is None else check_name(name, "--name"),
        email=current.email if email is None else check_email(email, "--email"),
        department=current.department
        if department is None
        else check_department(department, "--department"),
        hired=current.hired if hired is None else parse_hire_date(hired, today, "--hired"),
        lang=current.lang if lang is None else lang,
    )
    if updated.left_on is not None and updated.hired > updated.left_on:
        raise InputError(
            text(
                "en",
                "edit.hired_after_left",
                hired=updated.hired.isoformat(),
                left_on=updated.left_on.isoformat(),
            )
        )
    store.update_employee(updated)
    rt.console.print(
        f"Updated {updated.id}: {updated.name}, {updated.department or '-'}, hired "
        f"{updated.hired.isoformat()}, language {updated.lang}",
        markup=False,
        soft_wrap=True,
    )


@app.command("import")
def import_csv(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV export from the HR system.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check the file and report; change nothing.")
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of messages and errors: ja or en.")
    ] = "ja",
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
    check_lang(lang)
    rt = runtime(ctx)
    text_, encoding = read_employee_csv(file, lang)
    store = rt.store()
    today = store.policy().local_date(rt.now())
    parsed = parse_employee_csv(text_, str(file), today=today, lang=lang)
    reject_existing(
        parsed, store.existing_employee_ids([e.id for e in parsed.employees]), str(file), lang
    )
    count = len(parsed.rows)
    enrolled = [e.id for e in store.employees(include_left=True)]
    warnings = typo_lines(find_case_typos(parsed.rows, enrolled), lang)
    if warnings:
        rt.console.print(text(lang, "sync.section.warnings", n=len(warnings)), style="yellow")
        for warning in warnings:
            rt.console.print("  " + warning, markup=False, soft_wrap=True, style="yellow")
    if parsed.ignored_columns:
        rt.console.print(
            text(lang, "csv.ignored", columns=", ".join(parsed.ignored_columns)),
            markup=False,
            soft_wrap=True,
            style="dim",
        )
    if dry_run:
        rt.console.print(
            text(lang, "import.dry_run", n=count, encoding=encoding), markup=False, soft_wrap=True
        )
        return
    store.add_employees(parsed.employees, now=rt.now())
    rt.console.print(
        text(lang, "import.done", n=count, file=file, encoding=encoding),
        markup=False,
        soft_wrap=True,
    )


@app.command("list")
def list_employees(
    ctx: typer.Context,
    department: Annotated[
        str | None, typer.Option("--department", help="Only this department.")
    ] = None,
    include_left: Annotated[
        bool, typer.Option("--all", help="Include employees who have left.")
    ] = False,
) -> None:
    """List enrolled employees by department and id (leavers only with --all)."""
    rt = runtime(ctx)
    employees = rt.store().employees(department=department, include_left=include_left)
    table = Table("id", "name", "department", "hired", "lang", "email", "left")
    for e in employees:
        values = [e.id, e.name, e.department, e.hired.isoformat(), e.lang, e.email or ""]
        values.append(e.left_on.isoformat() if e.left_on else "")
        table.add_row(*map(Text, values))  # Text: names are shown as written, never as markup
    rt.console.print(table)
    rt.console.print(f"{len(employees)} employee{'s' if len(employees) != 1 else ''}")


@app.command("leave")
def leave(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(metavar="ID", help="Employee id.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="Leaving date YYYY-MM-DD (default: today).", show_default=False),
    ] = None,
) -> None:
    """Record that an employee left: no more cards from that day on; records are kept."""
    rt = runtime(ctx)
    store = rt.store()
    today = store.policy().local_date(rt.now())
    day = today if on is None else parse_date(on, "--on")
    store.mark_left(employee_id, day, today)
    rt.console.print(
        f"{employee_id} leaves on {day.isoformat()}: no reviews from then on; history is kept",
        markup=False,
        soft_wrap=True,
    )


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
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the summary and errors: ja or en.")
    ] = "ja",
) -> None:
    """Bring the roster in line with the monthly HR export of everyone, all or nothing.

    New people are enrolled; changed names, e-mails, departments and languages are
    updated; people missing from the export are listed (recorded as leaving today with
    --leavers mark). A hire date that differs is reported, not applied. The file is read
    as by `employee import`; any bad row is reported by line number and nothing changes.

    Example: recall employee sync hr_export.csv --dry-run --lang en
    """
    check_lang(lang)
    rt = runtime(ctx)
    result = sync_roster(
        rt.store(), file, SyncOptions(dry_run=dry_run, leavers=leavers, lang=lang), rt.now()
    )
    for line in render_sync(result, lang):
        rt.console.print(line, markup=False, soft_wrap=True, highlight=False)


def render_sync(result: SyncResult, lang: str) -> list[str]:
    """The sync's summary as lines of text: counts, then each section that is not empty."""
    plan = result.plan
    none = text(lang, "sync.none")
    header = "sync.dry_run" if result.dry_run else "sync.done"
    lines = [text(lang, header, file=result.file, encoding=result.encoding)]
    if result.ignored_columns:
        lines.append(text(lang, "csv.ignored", columns=", ".join(result.ignored_columns)))
    lines.append(
        text(
            lang,
            "sync.counts",
            new=len(plan.new),
            changed=len(plan.changed),
            missing=len(plan.missing),
            unchanged=plan.unchanged,
        )
    )
    if plan.new:
        lines.append(text(lang, "sync.section.new", n=len(plan.new)))
        for row in plan.new:
            e = row.employee
            lines.append(
                "  "
                + text(
                    lang,
                    "sync.new_row",
                    line=row.line,
                    id=e.id,
                    name=e.name,
                    department=e.department or none,
                    hired=e.hired.isoformat(),
                    language=e.lang,
                )
            )
    if plan.changed:
        lines.append(text(lang, "sync.section.changed", n=len(plan.changed)))
        for change in plan.changed:
            diffs = text(lang, "sync.diff_sep").join(
                text(
                    lang,
                    "sync.diff",
                    field=text(lang, f"column.{d.field.value}"),
                    old=d.old or none,
                    new=d.new or none,
                )
                for d in change.diffs
            )
            lines.append(
                "  "
                + text(lang, "sync.changed_row", line=change.line, id=change.after.id, diffs=diffs)
            )
    if plan.missing:
        lines.append(text(lang, "sync.section.missing", n=len(plan.missing)))
        not_marked = {e.id for e in plan.not_marked}
        for e in plan.missing:
            row = text(
                lang, "sync.missing_row", id=e.id, name=e.name, department=e.department or none
            )
            if e.id in not_marked:
                row += " — " + text(lang, "sync.future_hire", hired=e.hired.isoformat())
            lines.append("  " + row)
        today = plan.today.isoformat()
        if plan.leavers is Leavers.IGNORE:
            lines.append(text(lang, "sync.leavers.ignore", today=today))
        else:
            key = "sync.leavers.plan" if result.dry_run else "sync.leavers.done"
            lines.append(text(lang, key, n=len(plan.leaving), today=today))
    if plan.hire_dates:
        lines.append(text(lang, "sync.section.hired", n=len(plan.hire_dates)))
        lines += [
            "  "
            + text(
                lang,
                "sync.hired_row",
                line=h.line,
                id=h.employee_id,
                recorded=h.recorded.isoformat(),
                exported=h.exported.isoformat(),
            )
            for h in plan.hire_dates
        ]
    warnings = typo_lines(plan.typos, lang) + [
        text(
            lang,
            "sync.listed_leaver",
            line=x.line,
            id=x.employee.id,
            left_on=x.employee.left_on.isoformat() if x.employee.left_on else "",
        )
        for x in plan.listed_leavers
    ]
    if warnings:
        lines.append(text(lang, "sync.section.warnings", n=len(warnings)))
        lines += ["  " + w for w in warnings]
    return lines


def typo_lines(typos: Iterable[CaseTypo], lang: str) -> list[str]:
    """One line per id that differs from another only in letter case."""
    return [
        text(
            lang,
            "sync.typo_file",
            line=t.line,
            id=t.employee_id,
            other=t.other_id,
            other_line=t.other_line,
        )
        if t.other_line is not None
        else text(lang, "sync.typo_roster", line=t.line, id=t.employee_id, other=t.other_id)
        for t in typos
    ]
