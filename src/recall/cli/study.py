"""Employee commands: ``review`` (interactive daily review), ``due``, ``answer``, ``status``,
and ``settings`` (the organisation's scheduling settings).

Every answer goes through :func:`recall.core.answering.answer_card` and is committed by
:meth:`recall.store.Store.record_answer` the moment it is given. Without ``--employee``
the employee is ``RECALL_EMPLOYEE`` or the login name, enrolled on first use.
"""

from __future__ import annotations

import dataclasses
import getpass
import json
import os
import sys
import time
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, TextIO

import fsrs
import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from recall.cli.app import Runtime, runtime
from recall.core.answering import Answer, answer_card
from recall.core.deck import SUPPORTED_LANGUAGES, Card
from recall.core.employee import Employee, validate_employee_id
from recall.core.policy import SETTING_HELP, Policy
from recall.core.presentation import ShownCard, present
from recall.core.status import employee_status, next_review
from recall.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from recall.store import Store

__all__ = ["register", "resolve_employee"]

_TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "start": "{name}さん、今日の復習は{n}枚です。",
        "enrolled": "{id} さんを登録しました（初回利用、言語 {language}）。氏名・部署は "
        "`recall employee edit {id} --name ... --department ...` で登録できます。",
        "nothing": "今日の復習はもうありません。",
        "again": "間違えたカードをもう一度:",
        "ask": "番号で回答 (1-{n}、q で終了): ",
        "invalid": "1 から {n} の番号を入力してください (q で終了)。",
        "right": "○ 正解",
        "wrong": "× 不正解 — 正解は {number}. {text}",
        "source": "出典",
        "summary": "おつかれさまでした。{done}枚回答、{correct}枚正解。",
        "next": "次の復習: {when}",
        "next_now": "次の復習: 今すぐ",
        "none": "次の復習: 予定なし",
        "later": "学習中のカードが{n}枚あります。{when} 以降にもう一度 recall review を実行してください。",
        "stopped": "中断しました。回答済みのカードは保存されています。",
        "card": "カード {i}/{n}",
        "reason.due": "復習",
        "reason.new": "新規",
        "reason.onboarding": "入社時研修",
        "reason.refresher": "再研修",
        "reason.extra": "追加",
        "status.employee": "社員",
        "status.due": "今日の復習",
        "status.overdue": "期限切れ",
        "status.next": "次の復習",
        "status.onboarding": "入社時研修",
        "status.introduced": "学習済みカード",
        "status.retention": "推定記憶率",
        "status.left": "退職日",
        "status.none": "—",
        "status.now": "今すぐ",
        "due.card": "カード",
        "due.reason": "理由",
        "due.prompt": "問題",
        "due.choices": "選択肢",
    },
    "en": {
        "start": "{name}, you have {n} cards to review today.",
        "enrolled": "Enrolled {id} (first use; language {language}). Add a name and department "
        "with `recall employee edit {id} --name ... --department ...`.",
        "nothing": "Nothing more to review today.",
        "again": "Cards you missed, once more:",
        "ask": "Answer with a number (1-{n}, q to quit): ",
        "invalid": "Type a number from 1 to {n} (q to quit).",
        "right": "✓ Correct",
        "wrong": "✗ Wrong — the answer is {number}. {text}",
        "source": "Source",
        "summary": "Well done. {done} cards answered, {correct} correct.",
        "next": "Next review: {when}",
        "next_now": "Next review: now",
        "none": "Next review: none scheduled",
        "later": "{n} card(s) are in their learning steps: run recall review again after {when}.",
        "stopped": "Stopped. Every answer given so far is saved.",
        "card": "Card {i}/{n}",
        "reason.due": "review",
        "reason.new": "new",
        "reason.onboarding": "onboarding",
        "reason.refresher": "refresher",
        "reason.extra": "extra",
        "status.employee": "Employee",
        "status.due": "Due today",
        "status.overdue": "Overdue",
        "status.next": "Next review",
        "status.onboarding": "Onboarding",
        "status.introduced": "Cards introduced",
        "status.retention": "Estimated retention",
        "status.left": "Left on",
        "status.none": "—",
        "status.now": "now",
        "due.card": "card",
        "due.reason": "reason",
        "due.prompt": "prompt",
        "due.choices": "choices",
    },
}

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
    str | None,
    typer.Option(
        "--lang",
        help="ja or en. Default: the employee's language; when enrolling on first use, "
        "Japanese unless --lang en is given.",
        show_default=False,
    ),
]
_JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (for integrations).")]


def register(app: typer.Typer) -> None:
    """Attach ``review``, ``due``, ``answer``, ``status`` and ``settings`` to the root app."""
    app.command("review")(review)
    app.command("due")(due)
    app.command("answer")(answer)
    app.command("status")(status)
    app.add_typer(_settings_app, name="settings")


# --- shared helpers ---------------------------------------------------------------------


def _t(lang: str, key: str, **values: object) -> str:
    return _TEXT.get(lang, _TEXT["ja"])[key].format(**values)


def _check_lang(lang: str | None) -> str | None:
    if lang is not None and lang not in SUPPORTED_LANGUAGES:
        raise InputError(f"--lang: unknown language '{lang}' (use ja or en)")
    return lang


def resolve_employee(
    store: Store, now: datetime, employee_id: str | None, lang: str | None
) -> Employee:
    """The employee a command is for.

    With an id, that employee must exist. Without one, the id is ``RECALL_EMPLOYEE`` or
    the login name, and that person is enrolled on first use (name = the id, no
    department, hired today, language ``lang`` or Japanese).

    Args:
        store: the open store.
        now: the current instant.
        employee_id: the ``--employee`` value, if given.
        lang: the ``--lang`` value, if given.

    Returns:
        The employee.

    Raises:
        NotFoundError: an explicit id is not enrolled.
        InputError: the default id is not a valid employee id.
    """
    if employee_id:
        return store.employee(employee_id)
    default = os.environ.get("RECALL_EMPLOYEE") or getpass.getuser()
    try:
        validate_employee_id(default)
    except InputError:
        raise InputError(
            f"the login name {default!r} cannot be an employee id; "
            "pass --employee ID or set RECALL_EMPLOYEE"
        ) from None
    try:
        return store.employee(default)
    except NotFoundError:
        pass
    employee = Employee(
        id=default,
        name=default,
        department="",
        hired=store.policy().local_date(now),
        lang=lang or "ja",
    )
    store.add_employees([employee], now=now)
    Console(stderr=True, highlight=False).print(
        _t(employee.lang, "enrolled", id=default, language=employee.lang),
        markup=False,
        soft_wrap=True,
    )
    return employee


def _require_active(employee: Employee, policy: Policy, now: datetime) -> None:
    if not employee.active_on(policy.local_date(now)):
        assert employee.left_on is not None
        raise InputError(
            f"employee {employee.id} left on {employee.left_on.isoformat()}; "
            "no reviews or answers after leaving (history is kept)"
        )


def _local(moment: datetime, policy: Policy) -> str:
    return moment.astimezone(policy.zone).strftime("%Y-%m-%d %H:%M")


def _stepping(memory: fsrs.Card | None, now: datetime, policy: Policy) -> bool:
    """A card in its short (re)learning steps, answered today, whose step is not due yet."""
    if memory is None or memory.state not in (fsrs.State.Learning, fsrs.State.Relearning):
        return False
    start, _ = policy.today_bounds(now)
    return memory.last_review is not None and memory.last_review >= start and memory.due > now


def _source_line(store: Store, card: Card, lang: str) -> str:
    title = ""
    deck_id = store.deck_id_of(card.id)
    for deck in store.decks():
        if deck.id == deck_id:
            title = deck.data.get("source", {}).get("title", "")
    return f"{_t(lang, 'source')}: {title} — {card.source}" if title else card.source


def _answer(
    store: Store,
    employee: Employee,
    card: Card,
    choice: str,
    response_ms: int | None,
    now: datetime,
    reason: str,
    method: str,
) -> tuple[Answer, int]:
    policy = store.policy()
    # Read the memory state inside the write transaction, so that two answers to the same
    # card at the same moment (two terminals, an LMS sync) cannot overwrite each other.
    with store.transaction():
        memory = store.memory_or_new(employee.id, card.id, now)
        result = answer_card(
            card, memory, choice, response_ms, now, policy, seed_key=f"{employee.id}:{card.id}"
        )
        review_id = store.record_answer(employee.id, result, reason=reason, method=method)
    return result, review_id


# --- review -----------------------------------------------------------------------------


def review(
    ctx: typer.Context,
    employee_id: _EmployeeOption = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Stop after this many answers.", show_default=False),
    ] = None,
    lang: _LangOption = None,
) -> None:
    """Review today's cards interactively: answer each with its number, q to quit.

    Due cards come first (most forgotten first), then new cards, up to the daily limit.
    After each answer recall shows whether it was right, the explanation and the source.
    A card answered wrongly comes back in the same session once its short learning step
    is due. Every answer is saved as it is given.
    """
    rt = runtime(ctx)
    store = rt.store()
    policy = store.policy()
    employee = resolve_employee(store, rt.now(), employee_id, _check_lang(lang))
    _require_active(employee, policy, rt.now())
    shown_lang = lang or employee.lang
    done = correct = 0
    answered_ids: set[str] = set()
    first_pass = True
    try:
        while limit is None or done < limit:
            now = rt.now()
            memories = store.memories(employee.id)
            items = [
                i
                for i in store.queue(employee.id, now)
                if not _stepping(memories.get(i.card_id), now, policy)
            ]
            if not items:
                break
            if first_pass:
                rt.console.print(
                    _t(shown_lang, "start", name=employee.name, n=len(items)),
                    markup=False,
                    soft_wrap=True,
                )
                first_pass = False
            elif any(i.card_id in answered_ids for i in items):
                rt.console.print(_t(shown_lang, "again"), markup=False, soft_wrap=True)
            for index, item in enumerate(items, 1):
                if limit is not None and done >= limit:
                    break
                card = store.card(item.card_id)
                shown = present(
                    card,
                    employee_id=employee.id,
                    day=policy.local_date(now),
                    lang=shown_lang,
                    reason=item.reason,
                )
                _show(rt, shown, index, len(items))
                started = time.monotonic()
                key = _read_choice(rt, shown, sys.stdin)
                if key is None:
                    raise KeyboardInterrupt
                elapsed = int((time.monotonic() - started) * 1000)
                result, _ = _answer(
                    store, employee, card, key, elapsed, rt.now(), item.reason, "cli"
                )
                done += 1
                answered_ids.add(card.id)
                correct += int(result.correct)
                _feedback(rt, store, card, shown, result)
    except KeyboardInterrupt:
        rt.console.print(_t(shown_lang, "stopped"), markup=False, soft_wrap=True)
    _summary(rt, store, employee, shown_lang, done, correct)


def _show(rt: Runtime, shown: ShownCard, index: int, total: int) -> None:
    choices = Table.grid(padding=(0, 1))
    choices.add_column(justify="right", no_wrap=True)
    choices.add_column(ratio=1, overflow="fold")
    for c in shown.choices:
        choices.add_row(f" {c.number}.", Text(c.text))
    body = Group(Text(shown.prompt), Text(""), choices)
    reason = _t(shown.lang, f"reason.{shown.reason}")
    title = f"{_t(shown.lang, 'card', i=index, n=total)} · {reason}"
    rt.console.print(Panel(body, title=title, title_align="left"))


def _read_choice(rt: Runtime, shown: ShownCard, stream: TextIO) -> str | None:
    """The chosen key, or None when the employee quits (q, or end of input)."""
    n = len(shown.choices)
    while True:
        rt.console.print(_t(shown.lang, "ask", n=n), end="", markup=False, soft_wrap=True)
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
        if text.isdigit():
            key = shown.key_for(int(text))
            if key is not None:
                return key
        rt.console.print(_t(shown.lang, "invalid", n=n), markup=False, soft_wrap=True)


def _feedback(rt: Runtime, store: Store, card: Card, shown: ShownCard, result: Answer) -> None:
    lang = shown.lang
    if result.correct:
        rt.console.print(_t(lang, "right"), style="green", markup=False, soft_wrap=True)
    else:
        right = next(c for c in shown.choices if c.key == card.answer)
        rt.console.print(
            _t(lang, "wrong", number=right.number, text=right.text),
            style="red",
            markup=False,
            soft_wrap=True,
        )
    rt.console.print(card.text("explanation", lang), markup=False, soft_wrap=True)
    rt.console.print(_source_line(store, card, lang), style="dim", markup=False, soft_wrap=True)
    rt.console.print()
    rt.console.file.flush()


def _summary(
    rt: Runtime, store: Store, employee: Employee, lang: str, done: int, correct: int
) -> None:
    now = rt.now()
    policy = store.policy()
    memories = store.memories(employee.id)
    queue = store.queue(employee.id, now)
    waiting = [i for i in queue if _stepping(memories.get(i.card_id), now, policy)]
    if done:
        rt.console.print(
            _t(lang, "summary", done=done, correct=correct), markup=False, soft_wrap=True
        )
    elif not queue:
        rt.console.print(_t(lang, "nothing"), markup=False, soft_wrap=True)
    if waiting:
        first = min(memories[i.card_id].due for i in waiting)
        rt.console.print(
            _t(lang, "later", n=len(waiting), when=_local(first, policy)),
            markup=False,
            soft_wrap=True,
        )
    when = next_review(store.enrolled_cards(employee.id), memories, queue, now=now, policy=policy)
    if when is None:
        rt.console.print(_t(lang, "none"), markup=False, soft_wrap=True)
    elif when <= now:
        rt.console.print(_t(lang, "next_now"), markup=False, soft_wrap=True)
    else:
        local = f"{_local(when, policy)} ({policy.settings.timezone})"
        rt.console.print(_t(lang, "next", when=local), markup=False, soft_wrap=True)


# --- due and answer (integrations) ------------------------------------------------------


def due(
    ctx: typer.Context,
    employee_id: _EmployeeOption = None,
    as_json: _JsonOption = False,
    lang: _LangOption = None,
) -> None:
    """Show today's queue with each card's content, in the employee's language.

    With --json: {"employee", "lang", "date", "cards": [{"id", "kind", "reason", "prompt",
    "choices": [{"key", "number", "text"}]}]}. Answer a card with `recall answer --choice KEY`.
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    employee = resolve_employee(store, now, employee_id, _check_lang(lang))
    shown_lang = lang or employee.lang
    policy = store.policy()
    day = policy.local_date(now)
    shown = [
        present(
            store.card(item.card_id),
            employee_id=employee.id,
            day=day,
            lang=shown_lang,
            reason=item.reason,
        )
        for item in store.queue(employee.id, now)
    ]
    if as_json:
        payload = {
            "employee": employee.id,
            "lang": shown_lang,
            "date": day.isoformat(),
            "cards": [s.to_dict() for s in shown],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table("#", _t(shown_lang, "due.card"), _t(shown_lang, "due.reason"))
    for column in ("prompt", "choices"):  # long texts wrap in full, never cut with "…"
        table.add_column(_t(shown_lang, f"due.{column}"), overflow="fold")
    for n, s in enumerate(shown, 1):
        choices = "\n".join(f"{c.key}: {c.text}" for c in s.choices)
        values = [str(n), s.card_id, _t(shown_lang, f"reason.{s.reason}"), s.prompt, choices]
        table.add_row(*map(Text, values))
    rt.console.print(table)
    rt.console.print(
        f"{len(shown)} card{'s' if len(shown) != 1 else ''} due on {day}", soft_wrap=True
    )


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
            help="Response time in milliseconds. Without it the time is recorded as not "
            "measured and a right answer is graded Good.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help="How the answer was given, for the audit record: api (an integration) or "
            "lms (an answer relayed from the LMS's SCORM results).",
        ),
    ] = "api",
    as_json: _JsonOption = False,
) -> None:
    """Answer one card: grade it, record it, show the result and the next due date.

    The choice is the choice's key as given by `recall due --json` (not its number). A
    card that is not in today's queue may still be answered: it is recorded as an
    extra review.
    """
    rt = runtime(ctx)
    store = rt.store()
    now = rt.now()
    employee = resolve_employee(store, now, employee_id, None)
    policy = store.policy()
    _require_active(employee, policy, now)
    card = store.card(card_id)
    queued = {i.card_id: i.reason for i in store.queue(employee.id, now)}
    reason = queued.get(card.id, "extra")
    if method not in ("api", "lms"):
        raise InputError(f"--method {method!r}: use api or lms")
    result, review_id = _answer(store, employee, card, choice, ms, now, reason, method)
    lang = employee.lang
    payload = {
        "employee": employee.id,
        "card": card.id,
        "choice": choice,
        "correct": result.correct,
        "correct_choice": card.answer,
        "rating": result.rating.name,
        "reason": reason,
        "response_ms": ms,
        "explanation": card.text("explanation", lang),
        "source": card.source,
        "answered_at": now.astimezone(policy.zone).isoformat(),
        "next_due": result.after.due.astimezone(policy.zone).isoformat(),
        "review_id": review_id,
    }
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    verdict = "correct" if result.correct else f"wrong (answer: {card.answer})"
    rt.console.print(
        f"{card.id}: {verdict}, rated {result.rating.name}; next due "
        f"{_local(result.after.due, policy)} ({policy.settings.timezone})",
        markup=False,
        soft_wrap=True,
    )
    rt.console.print(payload["explanation"], markup=False, soft_wrap=True)


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
    employee = resolve_employee(store, now, employee_id, None)
    policy = store.policy()
    result = employee_status(
        store.enrolled_cards(employee.id),
        store.memories(employee.id),
        store.queue(employee.id, now),
        now=now,
        policy=policy,
    )
    if not employee.active_on(policy.local_date(now)):
        result = dataclasses.replace(result, next_review=None)  # no reviews after leaving
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
    none = _t(lang, "status.none")
    if result.next_review is None:
        when = none
    elif result.next_review <= now:
        when = _t(lang, "status.now")
    else:
        when = f"{_local(result.next_review, policy)} ({policy.settings.timezone})"
    rows = [
        ("status.employee", f"{employee.id} ({employee.name})"),
        ("status.due", str(result.due_today)),
        ("status.overdue", str(result.overdue)),
        ("status.next", when),
        ("status.onboarding", f"{result.onboarding_seen}/{result.onboarding_total}"),
        ("status.introduced", f"{result.introduced}/{result.total}"),
        (
            "status.retention",
            none if result.retention is None else f"{result.retention:.0%}",
        ),
    ]
    if employee.left_on:
        rows.append(("status.left", employee.left_on.isoformat()))
    for key, value in rows:
        rt.console.print(f"{_t(lang, key)}: {value}", markup=False, soft_wrap=True)


# --- settings ---------------------------------------------------------------------------

_settings_app = typer.Typer(
    help="Show the organisation's settings, or change one with `recall settings set`.\n\n"
    "Without a subcommand, lists every setting with its value and what it does.",
)


@_settings_app.callback(invoke_without_command=True)
def _settings(ctx: typer.Context) -> None:
    """Show the organisation's settings, or change one with `recall settings set`.

    Without a subcommand, lists every setting with its value and what it does.
    """
    if ctx.invoked_subcommand is not None:
        return
    rt = runtime(ctx)
    values = rt.store().settings().as_text()
    table = Table("setting", "value", "meaning")
    for name, value in values.items():
        table.add_row(name, value, SETTING_HELP.get(name, ""))
    rt.console.print(table)


@_settings_app.command("set")
def _settings_set(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Setting name, e.g. desired_retention.")],
    value: Annotated[str, typer.Argument(help="New value, e.g. 0.9.")],
) -> None:
    """Change one setting (checked before it is saved; see `recall settings` for the list).

    Example: recall settings set desired_retention 0.85
    """
    rt = runtime(ctx)
    updated = rt.store().update_settings({name: value})
    rt.console.print(f"{name} = {updated.as_text()[name]}", markup=False, soft_wrap=True)
