"""``recall remind``: e-mail today's reminders (from cron or a systemd timer)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.errors import InputError
from recall.i18n import t

__all__ = ["register"]


def register(root: typer.Typer) -> None:
    """Attach ``remind`` to the root app."""
    root.command("remind")(remind)


def remind(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List who would be reminded; send nothing.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            envvar="RECALL_BASE_URL",
            help="The web review's public address, for the sign-in links (required to send).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of this command's output.")] = (
        Lang.JA
    ),
) -> None:
    """E-mail each active employee who has cards due or a refresher open a short reminder
    in their language, with a fresh sign-in link; at most once a day per person.

    SMTP settings: `recall settings set smtp_host ...` (also smtp_port, smtp_security
    starttls|tls|none, smtp_user, smtp_sender); the password only from the environment
    variable RECALL_SMTP_PASSWORD. Failures for one address are reported and do not stop
    the others (exit code 1 when any failed); every attempt is recorded for HR.

    Example: RECALL_SMTP_PASSWORD=... recall remind --base-url https://recall.example.co.jp
    """
    from recall.service import reminders as use

    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    todo = use.plan(store, now)
    if dry_run:
        table = Table(*(t(f"col.{c}", lang) for c in ("employee", "cards")), t("email", lang))
        table.add_column(t("incident_refreshers", lang))
        for r in todo:
            table.add_row(
                Text(r.employee.id), str(r.due), Text(r.employee.email or ""), str(r.refreshers)
            )
        rt.console.print(table)
        rt.console.print(t("remind.would", lang, n=len(todo)), markup=False)
        return
    if not base_url:
        raise InputError("give the web review's address: --base-url URL (or RECALL_BASE_URL)")
    outcome = use.send(
        store,
        now,
        base_url=base_url,
        password=os.environ.get("RECALL_SMTP_PASSWORD") or None,
        reminders=todo,
    )
    rt.console.print(t("remind.sent", lang, n=len(outcome.sent)), markup=False)
    for reminder, error in outcome.failed:
        rt.err_console.print(
            t(
                "remind.failed",
                lang,
                id=reminder.employee.id,
                email=reminder.employee.email,
                error=error,
            ),
            markup=False,
            style="red",
        )
    if outcome.failed:
        raise typer.Exit(1)
