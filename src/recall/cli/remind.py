"""``recall remind``: e-mail today's reminders (from cron or a systemd timer)."""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from recall.cli.output import LangOption
from recall.cli.runtime import Runtime, runtime
from recall.core.codes import Lang
from recall.core.employee import parse_date
from recall.errors import InputError
from recall.i18n import t

if TYPE_CHECKING:
    from recall.store import Store

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
    lang: LangOption = Lang.JA,
    sent_on: Annotated[
        str | None,
        typer.Option(
            "--sent",
            help="Show the reminders recorded on this day (YYYY-MM-DD, or 'today') instead "
            "of sending: who, when, what was due, and any error.",
            show_default=False,
        ),
    ] = None,
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
    if sent_on is not None:
        _show_sent(rt, store, now, sent_on, lang)
        return
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
        raise InputError(t("remind.no_base_url", lang), lang=lang)
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


def _show_sent(rt: Runtime, store: Store, now: datetime, text: str, lang: Lang) -> None:
    from recall.service import reminders as use

    policy = store.policy()
    day = policy.local_date(now) if text == "today" else parse_date(text, "--sent")
    table = Table(
        t("col.employee", lang), t("email", lang), t("remind.col_sent", lang), t("col.cards", lang)
    )
    table.add_column(t("incident_refreshers", lang))
    table.add_column(t("overdue", lang))
    table.add_column(t("remind.col_error", lang), overflow="fold")
    for r in use.sent(store, day):
        table.add_row(
            Text(r.employee_id),
            Text(r.email),
            f"{r.sent_at.astimezone(policy.zone):%H:%M}",
            str(r.due),
            str(r.refreshers),
            str(r.overdue),
            Text(r.error or ""),
        )
    rt.console.print(table)
