"""``recall employee ...``: enrol, import, list and mark the departure of employees."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.core.employee import parse_date
from recall.i18n import t
from recall.service import staff as use

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
        typer.Option("--hired", help="Hire date YYYY-MM-DD (default: today).", show_default=False),
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
        str | None, typer.Option("--hired", help="Hire date YYYY-MM-DD.", show_default=False)
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
    messages: _MessagesOption = Lang.JA,
) -> None:
    """Enrol the employees of an HR CSV export, all or none.

    Encodings: UTF-8 (with or without BOM) or Shift_JIS. Headers in English or Japanese:
    社員番号/id, 氏名/name, メールアドレス/email, 部署/department, 入社日/hired (YYYY-MM-DD,
    YYYY/MM/DD or 2026年4月1日), 言語/lang (ja or en; empty = ja). Other columns are
    ignored. Any bad row (missing id, bad date, duplicate id, unknown language, id already
    enrolled) is reported by line number and nothing is imported.
    """
    rt = runtime(ctx)
    outcome = use.import_csv(rt.store(), rt.now(), file, dry_run=dry_run)
    if outcome.ignored_columns:
        columns = ", ".join(outcome.ignored_columns)
        _say(ctx, t("hr.ignored_columns", messages, columns=columns), style="dim")
    if dry_run:
        _say(ctx, t("hr.import_dry_run", messages, n=outcome.count, encoding=outcome.encoding))
    else:
        text = t("hr.imported", messages, n=outcome.count, file=file, encoding=outcome.encoding)
        _say(ctx, text)


@app.command("list")
def list_employees(
    ctx: typer.Context,
    department: Annotated[
        str | None, typer.Option("--department", help="Only this department.")
    ] = None,
    include_left: Annotated[
        bool, typer.Option("--all", help="Include employees who have left.")
    ] = False,
    messages: _MessagesOption = Lang.JA,
) -> None:
    """List enrolled employees by department and id (leavers only with --all)."""
    rt = runtime(ctx)
    employees = use.roster(rt.store(), department=department, include_left=include_left)
    columns = ("employee_id", "name", "department", "hired", "lang", "email", "left_on")
    table = Table(*(t(c, messages) for c in columns))
    for e in employees:
        values = [e.id, e.name, e.department, e.hired.isoformat(), e.lang, e.email or ""]
        values.append(e.left_on.isoformat() if e.left_on else "")
        table.add_row(*map(Text, values))  # Text: names are shown as written, never as markup
    rt.console.print(table)
    _say(ctx, t("hr.employee_count", messages, n=len(employees)))


@app.command("leave")
def leave(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(metavar="ID", help="Employee id.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="Leaving date YYYY-MM-DD (default: today).", show_default=False),
    ] = None,
    messages: _MessagesOption = Lang.JA,
) -> None:
    """Record that an employee left: no more cards from that day on; records are kept."""
    rt = runtime(ctx)
    day = use.leave(
        rt.store(), rt.now(), employee_id, parse_date(on, "--on") if on is not None else None
    )
    _say(ctx, t("hr.left", messages, id=employee_id, day=day.isoformat()))
