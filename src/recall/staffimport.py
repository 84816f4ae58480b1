"""HR exports (CSV) read the same way by ``employee import`` and ``employee sync``.

Functions: :func:`decode_csv` (bytes → text), :func:`parse_employee_csv` (text → good
rows, or one :class:`InputError` that lists every bad row by line number),
:func:`reject_existing` (rows whose id is already enrolled) and :func:`read_employee_csv`
(the only function here that touches a file).

Encodings: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, Shift_JIS (cp932).
UTF-16 without a BOM, NUL bytes and a file that mixes encodings (UTF-8 lines beside
Shift_JIS lines: storing it would store mojibake) are refused with a message that says
so. Separators: comma, semicolon or tab (whichever makes sense of the header). Line
endings: CRLF, LF or CR alone. Headers may be English or Japanese (社員番号, 氏名,
メールアドレス, 部署, 入社日, 言語); columns recall does not use are ignored. Values are
checked and normalised by :mod:`recall.core.values`. Line numbers are those of the
file, the header being line 1, as a spreadsheet shows them.

Messages are in the caller's language (``lang``: ``ja`` or ``en``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from recall.core.dates import parse_date
from recall.core.employee import Employee
from recall.core.progress import EVERY, Phase, ProgressCallback, Step, quiet
from recall.core.roster import RosterRow
from recall.core.values import (
    check_department,
    check_email,
    check_employee_id,
    check_hire_date,
    check_name,
    parse_language,
)
from recall.errors import InputError
from recall.i18n import t

__all__ = [
    "COLUMN_ALIASES",
    "ImportRow",
    "ParsedImport",
    "decode_csv",
    "parse_employee_csv",
    "read_employee_csv",
    "reject_existing",
]

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "employee_id",
        "employee id",
        "employee number",
        "staff id",
        "社員番号",
        "従業員番号",
        "社員id",
        "社員コード",
        "職員番号",
    ),
    "name": ("name", "full name", "employee name", "氏名", "名前", "社員名", "従業員名"),
    "email": ("email", "e-mail", "mail", "email address", "メールアドレス", "メール", "eメール"),
    "department": ("department", "dept", "division", "部署", "部署名", "所属", "所属部署"),
    "hired": ("hired", "hire date", "hire_date", "hired_on", "start date", "入社日", "入社年月日"),
    "lang": ("lang", "language", "言語", "使用言語"),
}
_REQUIRED = ("id", "name", "hired")
_DELIMITERS = (",", ";", "\t")
_MAX_LISTED = 50
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_FRAGMENT_SPLIT = re.compile(rb'[\r\n,;\t"]')

#: a row as it comes out of the parser (kept under its old name)
ImportRow = RosterRow


@dataclass(frozen=True)
class ParsedImport:
    """A parsed export: the good rows, the fields it has columns for, ignored columns."""

    rows: tuple[RosterRow, ...]
    ignored_columns: tuple[str, ...]
    columns: frozenset[str] = frozenset(_REQUIRED)
    delimiter: str = ","

    @property
    def employees(self) -> list[Employee]:
        """The employees, in file order."""
        return [r.employee for r in self.rows]


def _normal(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lower()
    return re.sub(r"[\s_\-]+", " ", text)


_ALIAS_OF = {
    _normal(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases
}


def _line_of(data: bytes, offset: int) -> int:
    return len(_LINE_BREAK.findall(data, 0, offset)) + 1


def _mixed_lines(data: bytes) -> tuple[int, int] | None:
    """A line with UTF-8 Japanese text and a line with bytes that are not UTF-8, if both."""
    utf8_line = other_line = 0
    for number, line in enumerate(_LINE_BREAK.split(data), 1):
        for fragment in _FRAGMENT_SPLIT.split(line):
            if fragment.isascii():
                continue
            try:
                decoded = fragment.decode("utf-8")
            except UnicodeDecodeError:
                other_line = other_line or number
            else:
                if any(ord(c) >= 0x800 for c in decoded):
                    utf8_line = utf8_line or number
        if utf8_line and other_line:
            return utf8_line, other_line
    return None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    pairs = len(sample) // 2
    if not pairs:
        return False
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    return max(even, odd) > pairs // 4 and min(even, odd) < pairs // 20


def decode_csv(data: bytes, file: str, lang: str = "en") -> tuple[str, str]:
    """Decode an export (see the module docstring for what is accepted).

    Returns:
        The text and the encoding that worked (``utf-8``, ``utf-16``, ``utf-32`` or
        ``cp932``).

    Raises:
        InputError: UTF-16 without BOM, NUL bytes, mixed encodings, or bytes that are
            none of these encodings; the message names the problem and its line.
    """
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise InputError(
                    t("csv.bad_bom", lang, file=file, encoding=name.upper(), byte=error.start),
                    lang=lang,
                ) from None
    if b"\x00" in data:
        key = "csv.utf16_nobom" if _looks_utf16(data) else "csv.nul"
        offset = data.index(b"\x00")
        raise InputError(t(key, lang, file=file, line=_line_of(data, offset)), lang=lang)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    mixed = _mixed_lines(data[3:] if data.startswith(codecs.BOM_UTF8) else data)
    if data.startswith(codecs.BOM_UTF8) or mixed:
        utf8_line, other_line = mixed or (1, _line_of(data, utf8_error.start))
        raise InputError(
            t("csv.mixed", lang, file=file, utf8_line=utf8_line, other_line=other_line),
            lang=lang,
        )
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as error:
        raise InputError(
            t("csv.encoding", lang, file=file, line=_line_of(data, error.start)), lang=lang
        ) from None


def read_employee_csv(path: Path, lang: str = "en", name: str | None = None) -> tuple[str, str]:
    """Read an export file and decode it (see :func:`decode_csv`); messages name the file
    ``name`` (default its path), e.g. the name an upload had on the admin's computer.

    Raises:
        InputError: the file cannot be read or decoded.
    """
    shown = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            t("csv.unreadable", lang, file=shown, reason=error.strerror), lang=lang
        ) from None
    return decode_csv(data, shown, lang)


def _header_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        field = _ALIAS_OF.get(_normal(name))
        if field is None or field in columns:
            if name.strip():
                ignored.append(name.strip())
            continue
        columns[field] = index
    return columns, ignored


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""


def _delimiter(text: str) -> str:
    """The separator that makes most sense of the header (comma on a tie)."""
    header = _first_line(text)
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        fields = next(csv.reader([header], delimiter=delimiter), [])
        recognised = len(_header_columns(fields)[0])
        score = (recognised, len(fields))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def parse_employee_csv(
    text: str,
    file: str,
    *,
    today: date,
    lang: str = "en",
    outcome: str = "imported",
    progress: ProgressCallback = quiet,
) -> ParsedImport:
    """Parse an employee export. Every bad row is reported; none means all are good.

    Args:
        text: the decoded CSV text.
        file: the file name, used in messages.
        today: the organisation's date (hire dates may be at most a year after it).
        lang: the language of the messages (``ja`` or ``en``).
        outcome: what the summary says did not happen: ``imported`` or ``changed``.
        progress: told how many of the file's lines have been checked
            (:attr:`Phase.CHECKING`).

    Returns:
        The good rows, the fields that have a column, the ignored columns.

    Raises:
        InputError: a required column is missing, the CSV is malformed, or any row is
            bad (id, name, department, e-mail, hire date, language, duplicate id). The
            message lists each bad row as ``line N: ...``.
    """
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = _records(reader, file, lang)
    header = next(records, None)
    if header is None:
        raise InputError(t("csv.empty", lang, file=file), lang=lang)
    columns, ignored = _header_columns(header)
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        expected = "; ".join(f"{f}: {' / '.join(COLUMN_ALIASES[f])}" for f in missing)
        key = "csv.columns_one" if len(header) == 1 else "csv.columns"
        raise InputError(
            t(key, lang, file=file, missing=", ".join(missing), expected=expected), lang=lang
        )
    label = {field: t(f"column.{field}", lang) for field in COLUMN_ALIASES}

    rows: list[RosterRow] = []
    problems: list[str] = []
    bad_rows = 0
    first_line: dict[str, int] = {}
    line = reader.line_num
    lines = _count_lines(text)
    progress(Step(Phase.CHECKING, line, lines))
    for number, record in enumerate(records, 1):
        start, line = line + 1, reader.line_num
        if number % EVERY == 0:
            progress(Step(Phase.CHECKING, min(line, lines), lines))
        if not any(cell.strip() for cell in record):
            continue

        def cell(field: str, record: list[str] = record) -> str:
            index = columns.get(field)
            return record[index] if index is not None and index < len(record) else ""

        row_problems: list[str] = []

        def check(
            function: Any,  # noqa: ANN401 - any checker
            *args: Any,  # noqa: ANN401
            problems: list[str] = row_problems,
        ) -> Any:  # noqa: ANN401
            try:
                return function(*args)
            except InputError as error:
                problems.append(str(error))
                return None

        employee_id = check(check_employee_id, cell("id"), label["id"], lang)
        if employee_id is not None:
            if employee_id in first_line:
                row_problems.append(
                    t("csv.duplicate", lang, id=employee_id, first=first_line[employee_id])
                )
            else:
                first_line[employee_id] = start
        name = check(check_name, cell("name"), label["name"], lang)
        department = check(check_department, cell("department"), label["department"], lang)
        email = check(check_email, cell("email"), label["email"], lang)
        hired = None
        if not cell("hired").strip():
            row_problems.append(t("value.empty", lang, what=label["hired"]))
        else:
            hired = check(parse_date, cell("hired"), label["hired"], lang)
        if hired is not None:
            hired = check(check_hire_date, hired, today, label["hired"], lang)
        row_lang = check(parse_language, cell("lang"), label["lang"], lang)
        if not row_problems:
            employee = Employee(
                id=employee_id,
                name=name,
                department=department,
                hired=hired,
                lang=row_lang or "ja",
                email=email,
            )
            rows.append(RosterRow(start, employee, lang_given=row_lang is not None))
        else:
            bad_rows += 1
        problems += [t("csv.at_line", lang, line=start, problem=p) for p in row_problems]
    progress(Step(Phase.CHECKING, lines, lines))
    if problems:
        raise InputError(_summary(file, problems, bad_rows, lang, outcome), lang=lang)
    return ParsedImport(tuple(rows), tuple(ignored), frozenset(columns), delimiter)


def _count_lines(text: str) -> int:
    """The text's lines, whatever its line endings (CRLF, LF or CR alone)."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + (0 if text.endswith(("\n", "\r")) else 1)


def reject_existing(
    parsed: ParsedImport, existing: Iterable[str], file: str, lang: str = "en"
) -> None:
    """Refuse an import whose ids are already enrolled.

    Raises:
        InputError: one ``line N`` per row whose id already exists.
    """
    known = set(existing)
    problems = [
        t(
            "csv.at_line",
            lang,
            line=r.line,
            problem=t("csv.enrolled", lang, id=r.employee.id),
        )
        for r in parsed.rows
        if r.employee.id in known
    ]
    if problems:
        raise InputError(_summary(file, problems, len(problems), lang, "imported"), lang=lang)


def _summary(file: str, problems: list[str], n: int, lang: str, outcome: str) -> str:
    """``file: N bad rows; nothing was imported`` then the first problems, one a line.

    ``n`` is the number of bad rows (a row may have several problems); ``outcome`` is
    ``imported`` or ``changed`` (what did not happen).
    """
    listed = problems[:_MAX_LISTED]
    more = (
        [t("csv.more", lang, n=len(problems) - _MAX_LISTED)] if len(problems) > _MAX_LISTED else []
    )
    head = t(f"csv.bad_rows.{outcome}", lang, file=file, n=n, s="s" if n != 1 else "")
    return "\n".join([head, *(f"  {p}" for p in listed), *more])


def _records(reader: Any, file: str, lang: str) -> Iterator[list[str]]:  # noqa: ANN401
    """The reader's records; a malformed CSV becomes a located InputError."""
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(
            t("csv.malformed", lang, file=file, line=reader.line_num, reason=error), lang=lang
        ) from None
