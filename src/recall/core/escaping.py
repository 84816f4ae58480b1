"""Text made safe for where it goes: the terminal, CSV cells opened in Excel, HTML.

Names, departments, incident titles and deck text are written by people and arrive by
e-mail or HR export, so they may hold control characters, terminal escape sequences
(``ESC ] 0 ; title BEL`` retitles a terminal, ``ESC [ 2 J`` clears it), bidirectional
overrides that reorder what is shown, or spreadsheet formulas (``=cmd|' /C calc'!A0``).

Functions:

- :func:`visible_controls`: every control character (C0 except newline and tab, DEL, C1)
  and every bidi override/isolate shown as an escape such as ``\\x1b`` or ``\\u202e``,
  so nothing is executed or reordered and the reader can see that it was there.
- :func:`for_terminal`: the text for a terminal (tables, panels, messages).
- :func:`csv_text`: a CSV text cell: controls made visible, and a cell that a
  spreadsheet would read as a formula (starting with ``= + - @``, tab or CR) prefixed
  with a single quote, as OWASP recommends. Numbers are not text and never go here.
"""

from __future__ import annotations

import re

__all__ = ["csv_text", "for_terminal", "has_controls", "visible_controls"]

#: C0 controls except \t and \n, DEL, C1 controls, and the bidi embedding/override/isolate
#: and mark characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: what makes a spreadsheet read a cell as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a control or bidi character that :func:`visible_controls`
    would rewrite."""
    return _CONTROLS.search(text) is not None


def visible_controls(text: str) -> str:
    """``text`` with every control and bidi character written as a visible escape
    (``\\x1b``, ``\\u202e``); newline and tab stay as they are."""
    if not has_controls(text):
        return text
    return _CONTROLS.sub(_escape, text)


def for_terminal(text: str) -> str:
    """``text`` safe to print on a terminal: no escape sequence, no bidi reordering."""
    return visible_controls(text)


def csv_text(text: str) -> str:
    """``text`` safe as a CSV text cell: controls made visible, formulas neutralised.

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading ``'`` so
    that Excel and LibreOffice show it as text instead of evaluating it.
    """
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return visible_controls(text)
