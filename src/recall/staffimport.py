"""Employee import from an HR system's CSV export: decoding, header aliases, row checks.

Functions: :func:`decode_csv` (bytes → text: UTF-8 with or without BOM, or Shift_JIS /
cp932), :func:`parse_employee_csv` (text → employees, or one :class:`InputError` that
lists every bad row by line number), :func:`reject_existing` (rows whose id is already
enrolled) and :func:`read_employee_csv` (the only function here that touches a file).

Headers may be English or Japanese (社員番号, 氏名, メールアドレス, 部署, 入社日, 言語);
columns recall does not use are ignored. Line numbers are those of the file, the header
being line 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recall.core.employee import Employee, is_email, parse_date
from recall.errors import InputError

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
_LANGUAGES = {
    "": "ja",
    "ja": "ja",
    "jp": "ja",
    "japanese": "ja",
    "日本語": "ja",
    "en": "en",
    "english": "en",
    "英語": "en",
}
_JA_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_MAX_LISTED = 50


@dataclass(frozen=True)
class ImportRow:
    """One good row: its line in the file and the employee it describes."""

    line: int
    employee: Employee


@dataclass(frozen=True)
class ParsedImport:
    """A parsed export: the good rows and the columns that were ignored."""

    rows: tuple[ImportRow, ...]
    ignored_columns: tuple[str, ...]

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


def decode_csv(data: bytes, file: str) -> tuple[str, str]:
    """Decode an export: UTF-8 (with or without BOM) first, then Shift_JIS (cp932).

    Returns:
        The text and the encoding that worked (``utf-8`` or ``cp932``).

    Raises:
        InputError: the bytes are neither.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError as error:
        raise InputError(
            f"{file}: not UTF-8 or Shift_JIS text (byte {error.start}); "
            "save the export as CSV in UTF-8 or Shift_JIS"
        ) from None


def read_employee_csv(path: Path) -> tuple[str, str]:
    """Read an export file and decode it (see :func:`decode_csv`).

    Raises:
        InputError: the file cannot be read or decoded.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    return decode_csv(data, str(path))


def _date(text: str, what: str) -> object:
    match = _JA_DATE.match(text or "")
    if match:
        text = "-".join(f"{int(x):02d}" for x in match.groups())
    return parse_date(text, what)


def parse_employee_csv(text: str, file: str) -> ParsedImport:
    """Parse an employee export. Every bad row is reported; none means all are good.

    Args:
        text: the decoded CSV text.
        file: the file name, used in messages.

    Returns:
        The good rows and the ignored columns.

    Raises:
        InputError: a required column is missing, or any row is bad (missing id or name,
            bad id, bad date, duplicate id, unknown language, bad email). The message
            lists each bad row as ``line N: ...``.
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(f"{file}: the file is empty") from None
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        field = _ALIAS_OF.get(_normal(name))
        if field is None or field in columns:
            if name.strip():
                ignored.append(name.strip())
            continue
        columns[field] = index
    missing = [f for f in _REQUIRED if f not in columns]
    if missing:
        expected = "; ".join(f"{f}: {' / '.join(COLUMN_ALIASES[f])}" for f in missing)
        raise InputError(
            f"{file}: line 1: missing column(s) {', '.join(missing)} (expected headers — {expected})"
        )

    rows: list[ImportRow] = []
    problems: list[str] = []
    first_line: dict[str, int] = {}
    line = 1
    for record in _records(reader, file):
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue

        def cell(field: str, record: list[str] = record) -> str:
            index = columns.get(field)
            if index is None or index >= len(record):
                return ""
            return unicodedata.normalize("NFKC", record[index]).strip()

        row_problems: list[str] = []
        employee_id = cell("id")
        if not employee_id:
            row_problems.append("missing employee id")
        elif employee_id in first_line:
            row_problems.append(
                f"duplicate employee id {employee_id} (first on line {first_line[employee_id]})"
            )
        else:
            first_line[employee_id] = line
        name = record[columns["name"]].strip() if columns["name"] < len(record) else ""
        if not name:
            row_problems.append("missing name")
        try:
            hired = _date(cell("hired"), "hire date")
        except InputError as error:
            row_problems.append(str(error))
            hired = None
        lang_text = cell("lang").lower()
        lang = _LANGUAGES.get(lang_text)
        if lang is None:
            row_problems.append(f"unknown language {cell('lang')!r} (use ja or en)")
        email = cell("email") or None
        if email is not None and not is_email(email):
            row_problems.append(f"email {email!r} is not an email address")
        if not row_problems:
            try:
                employee = Employee(
                    id=employee_id,
                    name=name,
                    department=record[columns["department"]].strip()
                    if "department" in columns and columns["department"] < len(record)
                    else "",
                    hired=hired,  # type: ignore[arg-type]
                    lang=lang or "ja",
                    email=email,
                )
            except InputError as error:
                row_problems.append(str(error))
            else:
                rows.append(ImportRow(line, employee))
        problems += [f"line {line}: {p}" for p in row_problems]
    if problems:
        raise InputError(_summary(file, problems))
    return ParsedImport(tuple(rows), tuple(ignored))


def reject_existing(parsed: ParsedImport, existing: Iterable[str], file: str) -> None:
    """Refuse an import whose ids are already enrolled.

    Raises:
        InputError: one ``line N`` per row whose id already exists.
    """
    known = set(existing)
    problems = [
        f"line {r.line}: employee id {r.employee.id} is already enrolled"
        for r in parsed.rows
        if r.employee.id in known
    ]
    if problems:
        raise InputError(_summary(file, problems))


def _summary(file: str, problems: list[str]) -> str:
    n = len({p.split(":", 1)[0] for p in problems})
    listed = problems[:_MAX_LISTED]
    more = [f"... and {len(problems) - _MAX_LISTED} more"] if len(problems) > _MAX_LISTED else []
    head = f"{file}: {n} bad row{'s' if n != 1 else ''}; nothing was imported"
    return "\n".join([head, *(f"  {p}" for p in listed), *more])


def _records(reader: Any, file: str) -> Iterator[list[str]]:  # noqa: ANN401 - a csv reader
    """The reader's records; a malformed CSV becomes a located InputError."""
    try:
        yield from reader
    except csv.Error as error:
        raise InputError(f"{file}: line {reader.line_num}: not valid CSV ({error})") from None
