"""``recall settings``: show the organisation's settings, or change one."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.language import remember_lang
from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.i18n import t
from recall.service import settings as use

__all__ = ["register"]

app = typer.Typer(
    help="Show the organisation's settings, or change one with `recall settings set`.\n\n"
    "Without a subcommand, lists every setting with its value and what it does.",
)

_LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="RECALL_LANG", help="Language of the table.", callback=remember_lang
    ),
]


@app.callback(invoke_without_command=True)
def _settings(ctx: typer.Context, lang: _LangOption = Lang.JA) -> None:
    """Show the organisation's settings, or change one with `recall settings set`.

    Without a subcommand, lists every setting with its value and what it does.
    """
    if ctx.invoked_subcommand is not None:
        return
    rt = runtime(ctx)
    values = use.current(rt.store()).as_text()
    table = Table(*(t(f"col.{c}", lang) for c in ("setting", "value", "meaning")))
    for name, value in values.items():
        table.add_row(Text(name), Text(value), Text(t(f"setting.{name}", lang)))
    rt.console.print(table)


@app.command("set")
def _settings_set(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Setting name, e.g. desired_retention.")],
    value: Annotated[str, typer.Argument(help="New value, e.g. 0.9.")],
) -> None:
    """Change one setting (checked before it is saved; see `recall settings` for the list
    and each setting's range).

    Example: recall settings set desired_retention 0.85
    """
    rt = runtime(ctx)
    updated = use.change(rt.store(), {name: value})
    rt.console.print(f"{name} = {updated.as_text()[name]}", markup=False, soft_wrap=True)


def register(root: typer.Typer) -> None:
    """Attach ``recall settings`` to the root app."""
    root.add_typer(app, name="settings")
