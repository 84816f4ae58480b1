"""The clock rule: when a write may be stamped, so that nothing false enters the record.

The review log is the audit record and is append-only, so the time a write is stamped
with must be true. Every writer that stamps ``now`` (answers, incidents and coverage
refreshes, employee add/import/sync) calls :func:`stamp` inside its write transaction:

- the instant must lie in the years 2000-2100 (year 1 or 9999 is a typo or an attack);
- it must not be earlier than the latest instant already recorded (newest review-log row
  or incident): a backdated answer would rewrite history. A fixed clock (``--now``) may
  go back only in a testing session (``--allow-past`` / ``RECALL_ALLOW_PAST=1``, which
  sets ``Store.allow_past``); the system clock never may (it is then wrong);
- without a fixed clock, the system clock is read here, under the write lock, so the
  log's time order is the order in which answers were applied.

Answers are also refused before the employee's hire date and after leaving
(:func:`recall.service.review.answer`), whatever the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from recall.core.dates import check_instant
from recall.errors import InputError, Message
from recall.i18n import t
from recall.store import Store

__all__ = ["Clock", "stamp"]

#: A clock read when the write happens (under the write lock): the system clock.
Clock = Callable[[], datetime]


def _system_clock() -> datetime:
    return datetime.now(UTC)


def stamp(store: Store, now: datetime | Clock | None, lang: str | None = None) -> datetime:
    """The instant a write is recorded at. Call it inside the write transaction.

    Args:
        store: the open store (in a transaction).
        now: a fixed instant (``--now``, tests, simulations), or a clock to read here
            (None: the system clock).
        lang: the language of the error message; None: keyed, rendered by the reader's
            layer (see :mod:`recall.errors`).

    Returns:
        The instant (aware UTC).

    Raises:
        InputError: outside 2000-2100, or earlier than the latest record (a fixed clock
            outside a testing session, or a system clock that is behind).
    """
    fixed = isinstance(now, datetime)
    if isinstance(now, datetime):
        moment = now
    else:
        moment = (now or _system_clock)()
    system = Message("clock.system") if lang is None else t("clock.system", lang)
    check_instant(moment, "--now" if fixed else system, lang)
    latest = store.latest_record_at()
    if latest is not None and moment < latest:
        if not fixed:
            raise InputError.written("clock.behind", lang, latest=latest.isoformat())
        if not store.allow_past:
            raise InputError.written(
                "clock.past", lang, now=moment.isoformat(), latest=latest.isoformat()
            )
    return moment
