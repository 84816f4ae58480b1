"""``recall employee ...``: enrol, import, list and mark the departure of employees."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.app import runtime
from recall.core.employee import Employee, parse_date
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
        typer.Option("--hired", help="Hire date YYYY-MM-DD (default: today).", show_default=False),
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
        id=employee_id,
        name=name,
        email=email or None,
        department=department,
        hired=parse_date(hired, "--hired") if hired else today,
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
        str | None, typer.Option("--hired", help="Hire date YYYY-MM-DD.", show_default=False)
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
    updated = replace(
        current,
        name=current.name if name is None else name,
        email=current.email if email is None else (email or None),
        department=current.department if department is None else department,
        hired=current.hired if hired is None else parse_date(hired, "--hired"),
        lang=current.lang if lang is None else lang,
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
) -> None:
    """Enrol the employees of an HR CSV export, all or none.

    Encodings: UTF-8 (with or without BOM) or Shift_JIS. Headers in English or Japanese:
    社員番号/id, 氏名/name, メールアドレス/email, 部署/department, 入社日/hired (YYYY-MM-DD,
    YYYY/MM/DD or 2026年4月1日), 言語/lang (ja or en; empty = ja). Other columns are
    ignored. Any bad row (missing id, bad date, duplicate id, unknown language, id already
    enrolled) is reported by line number and nothing is imported.
    """
    rt = runtime(ctx)
    text, encoding = read_employee_csv(file)
    parsed = parse_employee_csv(text, str(file))
    store = rt.store()
    reject_existing(
        parsed, store.existing_employee_ids([e.id for e in parsed.employees]), str(file)
    )
    count = len(parsed.rows)
    if parsed.ignored_columns:
        rt.console.print(
            f"Ignored columns: {', '.join(parsed.ignored_columns)}",
            markup=False,
            soft_wrap=True,
            style="dim",
        )
    if dry_run:
        rt.console.print(
            f"Dry run: {count} employees would be imported ({encoding}); no change", soft_wrap=True
        )
        return
    store.add_employees(parsed.employees, now=rt.now())
    rt.console.print(
        f"Imported {count} employees from {file} ({encoding})", markup=False, soft_wrap=True
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
    day = parse_date(on, "--on") if on else today
    store.mark_left(employee_id, day, today)
    rt.console.print(
        f"{employee_id} leaves on {day.isoformat()}: no reviews from then on; history is kept",
        markup=False,
        soft_wrap=True,
    )
