"""The language the running command speaks, for its error messages.

Each ``--lang`` option (and ``employee``'s ``--messages``) calls :func:`remember_lang`
when Typer resolves it (the option, else ``RECALL_LANG``, else its default), and the
employee commands call :func:`use_lang` with the employee's language once they know the
employee. :func:`command_lang` is what ``recall.cli.app`` renders an error in: the
language so resolved, else ``RECALL_LANG``, else Japanese. :func:`fresh` starts each
command with none resolved.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from recall.core.codes import Lang

__all__ = ["command_lang", "fresh", "remember_lang", "use_lang"]

_LANG: ContextVar[Lang | None] = ContextVar("recall_command_lang", default=None)


def use_lang(lang: str) -> None:
    """Speak ``lang`` (``ja`` or ``en``) from now on in this command."""
    _LANG.set(Lang(lang))


def remember_lang(value: Lang | None) -> Lang | None:
    """Typer callback of the ``--lang`` options: remember the resolved language (None,
    an option not given without a default, changes nothing) and return it unchanged."""
    if value is not None:
        use_lang(value)
    return value


def command_lang() -> Lang:
    """The running command's language: as resolved, else ``RECALL_LANG``, else ``ja``."""
    lang = _LANG.get()
    if lang is not None:
        return lang
    env = os.environ.get("RECALL_LANG", "").strip().lower()
    return Lang(env) if env in ("ja", "en") else Lang.JA


@contextmanager
def fresh() -> Iterator[None]:
    """Run a command with no language resolved yet (commands run one after the other in
    one process under tests)."""
    token = _LANG.set(None)
    try:
        yield
    finally:
        _LANG.reset(token)
