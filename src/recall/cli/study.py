"""Employee commands: ``review`` (interactive daily review), ``due``, ``answer``, ``status``,
and ``settings`` (the organisation's scheduling settings).

Each command parses, calls one use case of :mod:`recall.service.review` (the web review
calls the same ones) and renders in the employee's language. Without ``--employee`` the
employee is ``RECALL_EMPLOYEE`` or the login name, enrolled on first use.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from recall.cli.language import remember_lang, use_lang
from recall.cli.runtime import Runtime, runtime
from recall.core.codes import Lang, Method
from recall.core.presentation import ShownCard
from recall.errors import BusyError, InputError
from recall.i18n import t
from recall.service import review as use

if TYPE_CHECKING:
    from recall.core.employee import Employee
    from recall.core.policy import Policy
    from recall.store import Store

__all__ = ["register", "resolve_employee"]

_EmployeeOption = Annotated[
    str | None,
    typer.Option(
        "--employee",
        "-e",
        help="An enrolled employee's id. Without it: RECALL_EMPLOYEE, else the login name, "
        "enrolled on first use.",
        show_default=False,
    ),
]
_LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of the cards and messages. Default: the employee's language; when "
        "enrolling on first use, Japanese unless --lang en is given.",
        show_default=False,
        callback=remember_lang,
    ),
]
#: the methods an answer given with ``recall answer`` may have (a subset of Method)
_Relayed = StrEnum("_Relayed", {m.name: m.value for m in (Method.API, Method.LMS)})
_JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for integrations).")]


def register(app: typer.Typer) -> None:
    """Attach ``review``, ``due``, ``answer`` and ``status`` to the root app."""
    app.command("review")(review)
    app.command("due")(due)
    app.command("answer")(answer)
    app.command("status")(status)


def resolve_employee(
    rt: Runtime, store: Store, now: datetime, employee_id: str | None, lang: Lang | None
) -> Employee:
    """The employee a command is for: ``--employee``, else ``RECALL_EMPLOYEE`` or the login
    name, enrolled on first use (a message on stderr says so).

    Raises:
        NotFoundError: an explicit id is not enrolled.
        InputError: the default id is not a valid employee id.
    """
    if employee_id is not None:  # given, even empty: never the login name instead
        employee = use.employee_for(store, now, employee_id).employee
        if lang is None:
            use_lang(employee.lang)  # errors from here on in the employee's language
        return employee
    default = os.environ.get("RECALL_EMPLOYEE") or getpass.getuser()
    try:
        found = use.employee_for(store, now, default, enrol=True, lang=lang)
    except InputError:
        raise InputError.of("error.login_name", name=repr(default)) from None
    if lang is None:
        use_lang(found.employee.lang)
    if found.enrolled_now:
        employee = found.employee
        rt.err_console.print(
            t("review.enrolled", employee.lang, id=employee.id, language=employee.lang),
            markup=False,
            soft_wrap=True,
        )
    return found.employee


def _local(moment: datetime, policy: Policy) -> str:
    return moment.astimezone(policy.zone).strftime("%Y-%m-%d %H:%M")


def _say(rt: Runtime, text: str, **style: str) -> None:
    rt.console.print(text, markup=False, soft_wrap=True, **style)


def _wrap(rt: Runtime, text: str, style: str = "") -> None:
    """Print a paragraph wrapped at word boundaries to the console's width (soft-wrapped
    text would be cut mid-word by the terminal); only a word longer than a line folds."""
    rt.console.print(Text(text, style=style, overflow="fold"))


# --- review -----------------------------------------------------------------------------


def review(
    ctx: typer.Context,
    employee_id: _EmployeeOption = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            max=1000,
            metavar="N",
            help="Stop after this many answers (1-1000).",
            show_default=False,
        ),
    ] = None,
    lang: _LangOption = None,
) -> None:
    """Review today's cards interactively: answer each with its number, q to quit.

    Refreshers come first, then due cards (most forgotten first), then new cards, up to
    the daily limit. After each answer recall shows whether it was right, the
    explanation and the source. A card answered wrongly comes back at the end of the
    same session, after the other cards, with no waiting; a right first answer to a new
    card does not come back that day. Every answer is saved as it is given.
    """
    rt = runtime(ctx)
    store = rt.store()
    employee = resolve_employee(rt, store, rt.now(), employee_id, lang)
    use.require_active(store, employee, rt.now())
    shown_lang = lang or Lang(employee.lang)
    done = correct = 0
    answered_ids: set[str] = set()
    first_pass = True
    interrupted = False
    try:
        while limit is None or done < limit:
            now = rt.now()
            cards = use.today(store, employee.id, now, lang=shown_lang).cards
            if not cards:
                break
            total = len(cards) if limit is None else min(len(cards), limit - done)
            if first_pass:
                _say(rt, t("review.start", shown_lang, name=employee.name, n=total))
                first_pass = False
            elif any(c.card_id in answered_ids for c in cards):
                _say(rt, t("review.again", shown_lang))
            for index, shown in enumerate(cards[:total], 1):
                _show(rt, shown, index, total)
                result = _answer_shown(rt, store, employee, shown)
                done += 1
                answered_ids.add(shown.card_id)
                correct += int(result.answer.correct)
                _feedback(rt, store, shown, result)
    except _Quit:
        _say(rt, t("review.stopped", shown_lang))
    except KeyboardInterrupt:
        interrupted = True
        rt.console.print()
        _say(rt, t("review.stopped", shown_lang))
    _summary(rt, store, employee, shown_lang, done, correct)
    if interrupted:
        raise typer.Exit(130)  # Ctrl-C: the shell's convention for an interrupted command


class _Quit(Exception):
    """The employee quit (q, or the end of input)."""


def _answer_shown(rt: Runtime, store: Store, employee: Employee, shown: ShownCard) -> use.Answered:
    """Read a choice and record it; while another process holds the database's write
    lock, say so and let the employee answer the same card again.

    Raises:
        _Quit: the employee quit.
    """
    while True:
        started = time.monotonic()
        key = _read_choice(rt, shown, sys.stdin)
        if key is None:
            raise _Quit
        elapsed = int((time.monotonic() - started) * 1000)
        try:
            return use.answer(
                store,
                employee.id,
                shown.card_id,
                key,
                rt.clock(),
                response_ms=elapsed,
                method=Method.CLI,
                shown_version=shown.version or None,
            )
        except BusyError:
            _say(rt, t("review.busy", shown.lang), style="yellow")


def _show(rt: Runtime, shown: ShownCard, index: int, total: int) -> None:
    choices = Table.grid(padding=(0, 1))
    choices.add_column(justify="right", no_wrap=True)
    choices.add_column(ratio=1, overflow="fold")
    for c in shown.choices:
        choices.add_row(f" {c.number}.", Text(c.text))
    body = Group(Text(shown.prompt), Text(""), choices)
    reason = t(f"reason.{shown.reason}", shown.lang)
    title = f"{t('review.card', shown.lang, i=index, n=total)} · {reason}"
    rt.console.print(Panel(body, title=title, title_align="left"))


def _read_choice(rt: Runtime, shown: ShownCard, stream: TextIO) -> str | None:
    """The chosen key, or None when the employee quits (q, or end of input)."""
    n = len(shown.choices)
    while True:
        rt.console.print(t("review.ask", shown.lang, n=n), end="", markup=False, soft_wrap=True)
        rt.console.file.flush()
        line = stream.readline()
        if not line:
            rt.console.print()
            return None
        if not stream.isatty():
            rt.console.print(line.strip(), markup=False, highlight=False, soft_wrap=True)
        text = line.strip().lower()
        if text in ("q", "quit", "exit"):
            return None
        if text.isdigit() and len(text) < 4:
            key = shown.key_for(int(text))
            if key is not None:
                return key
        _say(rt, t("review.invalid", shown.lang, n=n))


def _source_line(store: Store, card_id: str, item: str, lang: str) -> str:
    """The card's source item, after the deck's source title in ``lang``."""
    deck_id = store.deck_id_of(card_id)
    source = next((d.source for d in store.decks() if d.id == deck_id), None)
    title = source.title_in(lang) if source else ""
    return f"{t('source', lang)}: {title} — {item}" if title else item


def _feedback(rt: Runtime, store: Store, shown: ShownCard, result: use.Answered) -> None:
    lang = shown.lang
    card = result.card
    if result.answer.correct:
        _say(rt, t("review.right", lang), style="green")
    else:
        right = next(c for c in shown.choices if c.key == card.answer)
        _say(rt, t("review.wrong", lang, number=right.number, text=right.text), style="red")
    _wrap(rt, card.text("explanation", lang))
    _wrap(rt, _source_line(store, card.id, card.source, lang), style="dim")
    rt.console.print()
    rt.console.file.flush()


def _summary(
    rt: Runtime, store: Store, employee: Employee, lang: Lang, done: int, correct: int
) -> None:
    now = rt.now()
    policy = store.policy()
    end = use.summary(store, employee.id, now)
    if done:
        _say(rt, t("review.summary", lang, done=done, correct=correct))
    elif end.next_review is None or end.next_review > now:
        _say(rt, t("review.nothing", lang))
    if end.waiting_until is not None:
        _say(rt, t("review.later", lang, n=end.waiting, when=_local(end.waiting_until, policy)))
    if end.next_review is None:
        _say(rt, t("review.none", lang))
    elif end.next_review <= now:
        _say(rt, t("review.next_now", lang))
    else:
        local = f"{_local(end.next_review, policy)} ({policy.settings.timezone})"
        _say(rt, t("review.next", lang, when=local))


# --- due and answer (integrations) ------------------------------------------------------


def due(
    ctx: typer.Context,
    employee_id: _EmployeeOption = None,
    as_json: _JsonOption = False,
    lang: _LangOption = None,
) -> None:
    """Show today's queue with each card's content, in the employee's language.

    With --json: {"employee", "lang", "date", "cards": [{"id", "kind", "reason", "lang",
    "version", "prompt", "choices": [{"key", "number", "text"}]}]}. Answer a card with
    `recall answer --card ID --choice KEY`.
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    employee = resolve_employee(rt, store, now, employee_id, lang)
    today = use.today(store, employee.id, now, lang=lang, include_waiting=True)
    if as_json:
        payload = {
            "employee": employee.id,
            "lang": str(today.lang),
            "date": today.day.isoformat(),
            "cards": [s.to_dict() for s in today.cards],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    lang_ = today.lang
    table = Table(*(t(f"col.{c}", lang_) for c in ("number", "card", "reason")))
    for column in ("prompt", "choices"):  # long texts wrap in full, never cut with "…"
        table.add_column(t(f"col.{column}", lang_), overflow="fold")
    for n, s in enumerate(today.cards, 1):
        choices = "\n".join(f"{c.key}: {c.text}" for c in s.choices)
        values = [str(n), s.card_id, t(f"reason.{s.reason}", lang_), s.prompt, choices]
        table.add_row(*map(Text, values))
    rt.console.print(table)
    _say(rt, t("review.due_count", lang_, n=len(today.cards), day=today.day.isoformat()))


def answer(
    ctx: typer.Context,
    card_id: Annotated[str, typer.Option("--card", help="The card's id.")],
    choice: Annotated[
        str, typer.Option("--choice", help="The chosen choice KEY (e.g. a, b, true, false).")
    ],
    employee_id: _EmployeeOption = None,
    ms: Annotated[
        int | None,
        typer.Option(
            "--ms",
            min=0,
            max=86_400_000,
            metavar="MS",
            help="Response time in milliseconds (0 to 86400000, one day). Without it the "
            "time is recorded as not measured and a right answer is graded Good.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        _Relayed,
        typer.Option(
            "--method",
            help="How the answer was given, for the audit record: api (an integration) or "
            "lms (an answer relayed from the LMS's SCORM results).",
        ),
    ] = _Relayed.API,
    as_json: _JsonOption = False,
) -> None:
    """Answer one card: grade it, record it, show the result and the next due date.

    The choice is the choice's key as given by `recall due --json` (not its number). A
    card that is not in today's queue may still be answered: it is recorded by the
    card's state (a refresher, a new or onboarding card, a due review), and as an extra
    review when it is answered before it is due.
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    employee = resolve_employee(rt, store, now, employee_id, None)
    result = use.answer(
        store, employee.id, card_id, choice, rt.clock(), response_ms=ms, method=Method(method)
    )
    policy = store.policy()
    card = result.card
    lang = employee.lang
    if as_json:
        payload = {
            "employee": employee.id,
            "card": card.id,
            "choice": choice,
            "correct": result.answer.correct,
            "correct_choice": card.answer,
            "rating": result.answer.rating.name,
            "reason": str(result.reason),
            "response_ms": ms,
            "explanation": card.text("explanation", lang),
            "source": card.source,
            "answered_at": result.answer.answered_at.astimezone(policy.zone).isoformat(),
            "next_due": result.next_due.astimezone(policy.zone).isoformat(),
            "review_id": result.review_id,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    verdict = (
        t("review.correct", lang)
        if result.answer.correct
        else t("review.incorrect", lang, answer=card.answer)
    )
    when = f"{_local(result.next_due, policy)} ({policy.settings.timezone})"
    rating = t(f"rating.{result.answer.rating.name}", lang)
    _say(rt, t("review.answered", lang, card=card.id, verdict=verdict, rating=rating, when=when))
    _wrap(rt, card.text("explanation", lang))


# --- status -----------------------------------------------------------------------------


def status(
    ctx: typer.Context,
    employee_id: _EmployeeOption = None,
    as_json: _JsonOption = False,
) -> None:
    """Show an employee's training status: due today, overdue, next review, onboarding
    progress and estimated retention (mean FSRS retrievability of reviewed cards).
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    employee = resolve_employee(rt, store, now, employee_id, None)
    policy = store.policy()
    result = use.status(store, employee.id, now).status
    if as_json:
        payload = {
            "employee": employee.id,
            "due_today": result.due_today,
            "overdue": result.overdue,
            "next_review": result.next_review.astimezone(policy.zone).isoformat()
            if result.next_review
            else None,
            "introduced": result.introduced,
            "total": result.total,
            "onboarding_seen": result.onboarding_seen,
            "onboarding_total": result.onboarding_total,
            "retention": None if result.retention is None else round(result.retention, 4),
            "left_on": employee.left_on.isoformat() if employee.left_on else None,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    lang = employee.lang
    none = t("dash", lang)
    if result.next_review is None:
        when = none
    elif result.next_review <= now:
        when = t("status.now", lang)
    else:
        when = f"{_local(result.next_review, policy)} ({policy.settings.timezone})"
    rows = [
        ("status.employee", f"{employee.id} ({employee.name})"),
        ("status.due", str(result.due_today)),
        ("status.overdue", str(result.overdue)),
        ("status.next", when),
        ("status.onboarding", f"{result.onboarding_seen}/{result.onboarding_total}"),
        ("status.introduced", f"{result.introduced}/{result.total}"),
        ("status.retention", none if result.retention is None else f"{result.retention:.0%}"),
    ]
    if employee.left_on:
        rows.append(("status.left", employee.left_on.isoformat()))
    for key, value in rows:
        _say(rt, f"{t(key, lang)}: {value}")
