"""HR messages in Japanese and English: value checks, CSV exports, the roster sync.

Function :func:`text` formats a message by key in ``ja`` or ``en`` (unknown languages
fall back to Japanese). Both languages have the same keys (a test checks it). Pure data.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "MESSAGES", "text"]

LANGUAGES = ("ja", "en")

_EN: dict[str, str] = {
    # dates and values
    "date.bad": "{what} '{value}' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
    "date.range": "{what} {value} is out of range ({first} to {last})",
    "value.control": "{what} contains a control character ({code})",
    "value.bidi": "{what} contains a text-direction control ({code}) that can make it show "
    "differently from what is stored",
    "value.empty": "missing {what}",
    "value.invisible": "{what} has no visible character",
    "value.long": "{what} is {n} characters long (at most {max})",
    "value.email": "{what} '{value}' is not an email address",
    "value.id": "{what} '{value}' is not valid: use letters, digits, '.', '_', '@', '-' "
    "(at most 64)",
    "value.lang": "unknown language '{value}' (use ja or en)",
    "edit.hired_after_left": "--hired {hired} is after the leaving date {left_on}",
    # CSV columns
    "column.id": "employee id",
    "column.name": "name",
    "column.email": "email",
    "column.department": "department",
    "column.hired": "hire date",
    "column.lang": "language",
    # CSV files
    "csv.unreadable": "{file}: cannot be read ({reason})",
    "csv.empty": "{file}: the file is empty",
    "csv.bad_bom": "{file}: starts with a {encoding} byte-order mark but is not valid "
    "{encoding} (byte {byte})",
    "csv.utf16_nobom": "{file}: looks like UTF-16 without a byte-order mark; save the export "
    "as CSV in UTF-8 (or UTF-16 with BOM)",
    "csv.nul": "{file}: line {line}: contains NUL bytes; this is not a text (CSV) file",
    "csv.mixed": "{file}: mixes encodings (line {utf8_line} is UTF-8, line {other_line} is "
    "not); nothing was read, so that no garbled name is stored. Save the whole file in one "
    "encoding (UTF-8)",
    "csv.encoding": "{file}: line {line}: not UTF-8, UTF-16 or Shift_JIS text; save the "
    "export as CSV in UTF-8 or Shift_JIS",
    "csv.columns": "{file}: line 1: missing column(s) {missing} (expected headers — {expected})",
    "csv.columns_one": "{file}: line 1: missing column(s) {missing} (expected headers — "
    "{expected}); only one column was found: separate columns with commas, semicolons or tabs",
    "csv.malformed": "{file}: line {line}: not valid CSV ({reason})",
    "csv.at_line": "line {line}: {problem}",
    "csv.duplicate": "duplicate employee id {id} (first on line {first})",
    "csv.enrolled": "employee id {id} is already enrolled",
    "csv.more": "... and {n} more",
    "csv.bad_rows.imported": "{file}: {n} bad row{s}; nothing was imported",
    "csv.bad_rows.changed": "{file}: {n} bad row{s}; nothing was changed",
    "csv.ignored": "Ignored columns: {columns}",
    "import.dry_run": "Dry run: {n} employees would be imported ({encoding}); no change",
    "import.done": "Imported {n} employees from {file} ({encoding})",
    # roster sync
    "sync.empty_mark": "{file}: the export lists nobody; with --leavers mark everyone would "
    "be recorded as leaving, so nothing was changed",
    "sync.dry_run": "Dry run of {file} ({encoding}): nothing was changed.",
    "sync.done": "Synchronised the roster with {file} ({encoding}).",
    "sync.counts": "{new} new, {changed} changed, {missing} missing, {unchanged} unchanged",
    "sync.section.new": "New ({n}):",
    "sync.new_row": "line {line}: {id} {name} ({department}, hired {hired}, {language})",
    "sync.section.changed": "Changed ({n}):",
    "sync.changed_row": "line {line}: {id}: {diffs}",
    "sync.diff": "{field} {old} → {new}",
    "sync.diff_sep": "; ",
    "sync.none": "(none)",
    "sync.section.missing": "Missing from the export ({n}):",
    "sync.missing_row": "{id} {name} ({department})",
    "sync.future_hire": "not recorded as leaving: hired {hired}, still to come",
    "sync.leavers.ignore": "Not recorded as leaving; run with --leavers mark to record them "
    "as leaving on {today}.",
    "sync.leavers.plan": "{n} will be recorded as leaving on {today}.",
    "sync.leavers.done": "{n} recorded as leaving on {today}.",
    "sync.section.hired": "Hire date differs, not applied ({n}); if the export is right, "
    "correct it with `recall employee edit ID --hired DATE`:",
    "sync.hired_row": "line {line}: {id}: {recorded} in recall, {exported} in the export",
    "sync.section.warnings": "Warnings ({n}):",
    "sync.typo_file": "line {line}: {id} differs from {other} (line {other_line}) only in "
    "letter case: a typo?",
    "sync.typo_roster": "line {line}: {id} differs from the enrolled {other} only in letter "
    "case: a typo?",
    "sync.listed_leaver": "line {line}: {id} is recorded as having left on {left_on}; "
    "not re-activated",
}

_JA: dict[str, str] = {
    "date.bad": "{what} '{value}' は日付ではありません（YYYY-MM-DD、YYYY/M/D、YYYY年M月D日）",
    "date.range": "{what} {value} は範囲外です（{first} から {last} まで）",
    "value.control": "{what} に制御文字（{code}）が含まれています",
    "value.bidi": "{what} に文字の向きを変える制御文字（{code}）が含まれています"
    "（保存内容と違って表示されるおそれがあります）",
    "value.empty": "{what} がありません",
    "value.invisible": "{what} に表示される文字がありません",
    "value.long": "{what} が {n} 文字あります（{max} 文字まで）",
    "value.email": "{what} '{value}' はメールアドレスではありません",
    "value.id": "{what} '{value}' は使えません（英数字と . _ @ - のみ、64 文字まで）",
    "value.lang": "言語 '{value}' は使えません（ja または en）",
    "edit.hired_after_left": "--hired {hired} は退職日 {left_on} より後です",
    "column.id": "社員番号",
    "column.name": "氏名",
    "column.email": "メールアドレス",
    "column.department": "部署",
    "column.hired": "入社日",
    "column.lang": "言語",
    "csv.unreadable": "{file}: 読み込めません（{reason}）",
    "csv.empty": "{file}: ファイルが空です",
    "csv.bad_bom": "{file}: {encoding} の BOM で始まっていますが、正しい {encoding} "
    "ではありません（{byte} バイト目）",
    "csv.utf16_nobom": "{file}: BOM のない UTF-16 のようです。CSV（UTF-8、または BOM 付き "
    "UTF-16）で保存し直してください",
    "csv.nul": "{file}: {line}行目: NUL バイトが含まれています。テキスト（CSV）ファイルでは"
    "ありません",
    "csv.mixed": "{file}: 文字コードが混在しています（{utf8_line}行目は UTF-8、{other_line}"
    "行目は UTF-8 ではありません）。文字化けした氏名を保存しないよう、何も読み込んでいません。"
    "ファイル全体を一つの文字コード（UTF-8）で保存してください",
    "csv.encoding": "{file}: {line}行目: UTF-8、UTF-16、Shift_JIS のいずれでもありません。"
    "CSV（UTF-8 または Shift_JIS）で保存し直してください",
    "csv.columns": "{file}: 1行目: 必要な列 {missing} がありません（見出しの例 — {expected}）",
    "csv.columns_one": "{file}: 1行目: 必要な列 {missing} がありません（見出しの例 — "
    "{expected}）。列が一つしか見つかりません。列はカンマ、セミコロン、タブのいずれかで区切ります",
    "csv.malformed": "{file}: {line}行目: CSV として読めません（{reason}）",
    "csv.at_line": "{line}行目: {problem}",
    "csv.duplicate": "社員番号 {id} が重複しています（最初は {first}行目）",
    "csv.enrolled": "社員番号 {id} は登録済みです",
    "csv.more": "… ほか {n} 件",
    "csv.bad_rows.imported": "{file}: 不正な行が {n} 行あります。何も取り込んでいません",
    "csv.bad_rows.changed": "{file}: 不正な行が {n} 行あります。何も変更していません",
    "csv.ignored": "無視した列: {columns}",
    "import.dry_run": "ドライラン: {n} 名を取り込めます（{encoding}）。何も変更していません",
    "import.done": "{file}（{encoding}）から {n} 名を登録しました",
    "sync.empty_mark": "{file}: エクスポートに一人も載っていません。--leavers mark では全員が"
    "退職として記録されてしまうため、何も変更していません",
    "sync.dry_run": "{file}（{encoding}）のドライラン: 何も変更していません。",
    "sync.done": "{file}（{encoding}）で名簿を同期しました。",
    "sync.counts": "新規 {new} 名、変更 {changed} 名、エクスポートにない在籍者 {missing} 名、"
    "変更なし {unchanged} 名",
    "sync.section.new": "新規（{n} 名）:",
    "sync.new_row": "{line}行目: {id} {name}（{department}、入社日 {hired}、{language}）",
    "sync.section.changed": "変更（{n} 名）:",
    "sync.changed_row": "{line}行目: {id}: {diffs}",
    "sync.diff": "{field} {old} → {new}",
    "sync.diff_sep": "、",
    "sync.none": "（なし）",
    "sync.section.missing": "エクスポートにない在籍者（{n} 名）:",
    "sync.missing_row": "{id} {name}（{department}）",
    "sync.future_hire": "入社日 {hired} が先のため退職として記録しません",
    "sync.leavers.ignore": "退職としては記録していません。{today} 付けの退職として記録するには "
    "--leavers mark を付けて実行します。",
    "sync.leavers.plan": "{n} 名を {today} 付けの退職として記録します。",
    "sync.leavers.done": "{n} 名を {today} 付けの退職として記録しました。",
    "sync.section.hired": "入社日の相違（{n} 名、反映していません）。エクスポートが正しい場合は "
    "`recall employee edit ID --hired 日付` で修正します:",
    "sync.hired_row": "{line}行目: {id}: recall では {recorded}、エクスポートでは {exported}",
    "sync.section.warnings": "警告（{n} 件）:",
    "sync.typo_file": "{line}行目: {id} は {other_line}行目の {other} と大文字・小文字だけが"
    "違います（入力ミスの可能性）",
    "sync.typo_roster": "{line}行目: {id} は登録済みの {other} と大文字・小文字だけが違います"
    "（入力ミスの可能性）",
    "sync.listed_leaver": "{line}行目: {id} は {left_on} に退職済みとして記録されています"
    "（再登録はしません）",
}

#: language → key → message template
MESSAGES: dict[str, dict[str, str]] = {"ja": _JA, "en": _EN}


def text(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (``ja`` or ``en``), filled with ``values``.

    Raises:
        KeyError: no such message (a programming error).
    """
    return MESSAGES.get(lang, _JA)[key].format(**values)
