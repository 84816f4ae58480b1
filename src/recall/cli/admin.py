"""``recall admin``: HR accounts for the browser pages (add with a sign-in link, list,
remove). The first admin can only be created here."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.output import LangOption
from recall.cli.runtime import runtime
from recall.core.codes import AdminRole, Lang
from recall.i18n import t

__all__ = ["register"]

app = typer.Typer(help="HR accounts for the browser pages under /hr/: add, list, remove.")

_DEFAULT_BASE = "http://127.0.0.1:8000"


@app.command("add")
def _add(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The admin's work email.")],
    role: Annotated[
        AdminRole,
        typer.Option("--role", help="hr: read and change; viewer: read only."),
    ] = AdminRole.VIEWER,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="RECALL_BASE_URL",
            help="The server's public address (as for `recall link`).",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Add an HR account (or change its role) and print a sign-in link for it.

    The link works once and expires after the `link_days` setting; it opens the HR pages
    (/hr/). Run it again for a new link.

    Example: recall admin add hr@example.jp --role hr
    """
    from recall.service import admins

    rt = runtime(ctx)
    store = rt.store()
    admin = admins.add(store, email, role, rt.now())
    issued = admins.issue_link(store, admin.email, rt.now())
    typer.echo(issued.url(base_url or _DEFAULT_BASE))
    policy = store.policy()
    until = issued.expires_at.astimezone(policy.zone)
    valid = t(
        "admin.link_valid",
        lang,
        email=admin.email,
        role=admin.role,
        until=f"{until:%Y-%m-%d %H:%M}",
        zone=policy.settings.timezone,
    )
    rt.err_console.print(valid, markup=False)


@app.command("list")
def _list(ctx: typer.Context, lang: LangOption = Lang.JA) -> None:
    """List the HR accounts and their roles.

    Example: recall admin list
    """
    from recall.service import admins

    rt = runtime(ctx)
    table = Table(
        t("column.email", lang), t("admin.column.role", lang), t("admin.column.added", lang)
    )
    for admin in admins.listing(rt.store()):
        table.add_row(Text(admin.email), Text(admin.role), Text(f"{admin.created_at:%Y-%m-%d}"))
    rt.console.print(table)


@app.command("remove")
def _remove(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help="The admin's work email.")],
    lang: LangOption = Lang.JA,
) -> None:
    """Remove an HR account: its sessions end and its links stop working.

    Example: recall admin remove hr@example.jp
    """
    from recall.service import admins

    rt = runtime(ctx)
    admins.remove(rt.store(), email)
    rt.console.print(t("admin.removed", lang, email=email), markup=False)


def register(root: typer.Typer) -> None:
    """Attach ``recall admin`` to the root app."""
    root.add_typer(app, name="admin")
