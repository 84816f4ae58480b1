"""The one label catalogue: every text recall shows a person, in Japanese and English.

Keys are dotted by area (``review.*`` for the employee's review, ``hr.*`` for HR
messages, ``col.*`` for column headings, ``reason.*`` / ``method.*`` / ``progress.*`` /
``kind.*`` for the labels of the codes in :mod:`recall.core.codes`); report keys keep
their short names. One term per concept, in both languages:

=================  ============  ===================
concept            Japanese      English
=================  ============  ===================
refresher          再教育        refresher
onboarding core    入社時教育    onboarding
estimated recall   推定記憶率    estimated retention
employee           従業者        employee
=================  ============  ===================

Function :func:`t` (look up and format). The language check of options and fields is
:func:`recall.core.codes.check_lang` (this module imports nothing of recall's, so that
:mod:`recall.errors` can render its keyed messages with it).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["CATALOGUE", "Lang", "t"]


class Lang(StrEnum):
    """A language recall speaks: every card, label and message exists in each."""

    JA = "ja"
    EN = "en"


#: key → (Japanese, English). Placeholders are ``str.format`` fields.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- codes --------------------------------------------------------------------------
    "reason.due": ("復習", "review"),
    "reason.new": ("新規", "new"),
    "reason.onboarding": ("入社時教育", "onboarding"),
    "reason.refresher": ("再教育", "refresher"),
    "reason.extra": ("追加", "extra"),
    "method.cli": ("端末（CLI）", "terminal (CLI)"),
    "method.web": ("ブラウザ", "browser"),
    "method.api": ("連携（API）", "integration (API)"),
    "method.lms": ("LMS", "LMS"),
    "progress.done": ("完了", "done"),
    "progress.late": ("期限後に完了", "done late"),
    "progress.open": ("未完了", "open"),
    "progress.overdue": ("期限超過", "overdue"),
    "kind.incident": ("インシデント", "incident"),
    "kind.coverage": ("監査期間の補講", "coverage"),
    # --- the employee's review (terminal and web) ---------------------------------------
    "review.start": (
        "{name}さん、今日の復習は{n}枚です。",
        "{name}, you have {n} card(s) to review today.",
    ),
    "review.enrolled": (
        "{id} さんを登録しました（初回利用、言語 {language}）。氏名・部署は "
        "`recall employee edit {id} --name ... --department ...` で登録できます。",
        "Enrolled {id} (first use; language {language}). Add a name and department "
        "with `recall employee edit {id} --name ... --department ...`.",
    ),
    "review.nothing": ("今日の復習はもうありません。", "Nothing more to review today."),
    "review.again": ("間違えたカードをもう一度:", "Cards you missed, once more:"),
    "review.ask": ("番号で回答 (1-{n}、q で終了): ", "Answer with a number (1-{n}, q to quit): "),
    "review.invalid": (
        "1 から {n} の番号を入力してください (q で終了)。",
        "Type a number from 1 to {n} (q to quit).",
    ),
    "review.right": ("○ 正解", "✓ Correct"),
    "review.wrong": (
        "× 不正解 — 正解は {number}. {text}",
        "✗ Wrong — the answer is {number}. {text}",
    ),
    "review.summary": (
        "おつかれさまでした。{done}枚回答、{correct}枚正解。",
        "Well done. {done} card(s) answered, {correct} correct.",
    ),
    "review.next": ("次の復習: {when}", "Next review: {when}"),
    "review.next_now": ("次の復習: 今すぐ", "Next review: now"),
    "review.none": ("次の復習: 予定なし", "Next review: none scheduled"),
    "review.later": (
        "学習中のカードが{n}枚あります。{when} 以降にもう一度復習してください。",
        "{n} card(s) are in their learning steps: review again after {when}.",
    ),
    "review.stopped": (
        "中断しました。回答済みのカードは保存されています。",
        "Stopped. Every answer given so far is saved.",
    ),
    "review.card": ("カード {i}/{n}", "Card {i}/{n}"),
    "review.answer": ("正解", "Answer"),
    "review.correct": ("正解", "correct"),
    "review.incorrect": ("不正解（正解: {answer}）", "wrong (answer: {answer})"),
    "review.answered": (
        "{card}: {verdict}、評価 {rating}。次の復習 {when}",
        "{card}: {verdict}, rated {rating}; next due {when}",
    ),
    "review.due_count": ("{day} の復習: {n}枚", "{n} card(s) due on {day}"),
    "review.left": (
        "{id} さんは {day} に退職しています。退職後の復習・回答はできません（記録は保存されています）。",
        "employee {id} left on {day}; no reviews or answers after leaving (history is kept)",
    ),
    "rating.Again": ("もう一度", "Again"),
    "rating.Hard": ("難しい", "Hard"),
    "rating.Good": ("普通", "Good"),
    "rating.Easy": ("簡単", "Easy"),
    # --- the web review (recall serve) --------------------------------------------------
    "web.app_name": ("個人情報保護 復習", "Privacy training review"),
    "web.skip": ("本文へ移動", "Skip to content"),
    "web.nav": ("メニュー", "Menu"),
    "web.nav_review": ("今日の復習", "Today's review"),
    "web.nav_progress": ("学習状況", "My progress"),
    "web.signout": ("サインアウト", "Sign out"),
    "web.welcome_title": ("サインインしてください", "Please sign in"),
    "web.need_link": (
        "復習を始めるには、メールで届いた個人用リンクを開いてください。リンクがない場合は"
        "人事・個人情報保護の担当者に新しいリンクを依頼してください。",
        "To start your review, open the personal link you received by e-mail. If you have "
        "none, ask HR or the privacy officer for a new link.",
    ),
    "web.signed_out_title": ("サインインしていません", "You are not signed in"),
    "web.signed_out": (
        "サインアウトしました。次回はメールで届く新しいリンクから開いてください。",
        "You are signed out. Next time, open the new link you receive by e-mail.",
    ),
    "web.csrf_title": ("送信を受け付けられません", "This form could not be accepted"),
    "web.csrf": (
        "フォームの有効期限が切れたか、別の画面から送信されました。記録はしていません。"
        "今日の復習を開き直してください。",
        "The form has expired or was sent from another page; nothing was recorded. "
        "Open today's review again.",
    ),
    "web.csrf_signin": (
        "サインイン画面の有効期限が切れました。メールのリンクをもう一度開いてください。",
        "The sign-in page has expired. Open the link in your e-mail again.",
    ),
    "web.not_found_title": ("ページが見つかりません", "Page not found"),
    "web.not_found": (
        "このアドレスのページはありません。メールのリンクから開き直してください。",
        "There is no page at this address. Open the link in your e-mail again.",
    ),
    "web.error_title": ("エラー", "Error"),
    "web.error": (
        "処理できませんでした。しばらくしてからもう一度お試しください。続く場合は担当者に"
        "連絡してください。",
        "Something went wrong. Try again in a moment; if it goes on, tell HR or the "
        "privacy officer.",
    ),
    "web.signin_title": ("復習へのサインイン", "Sign in to your review"),
    "web.signin_lead": (
        "下のボタンを押すとサインインします。このリンクは一度だけ使えます。",
        "Press the button below to sign in. This link works once.",
    ),
    "web.signin_button": ("サインイン", "Sign in"),
    "web.link_used_title": ("このリンクは使用済みです", "This link has been used"),
    "web.link_used": (
        "サインイン用リンクは一度だけ使えます。人事・個人情報保護の担当者に新しいリンクを"
        "依頼するか、次のリマインダーメールのリンクを使ってください。",
        "A sign-in link works once. Ask HR or the privacy officer for a new link, or use "
        "the link in your next reminder e-mail.",
    ),
    "web.link_expired_title": ("このリンクは有効期限切れです", "This link has expired"),
    "web.link_expired": (
        "人事・個人情報保護の担当者に新しいリンクを依頼するか、次のリマインダーメールの"
        "リンクを使ってください。",
        "Ask HR or the privacy officer for a new link, or use the link in your next "
        "reminder e-mail.",
    ),
    "web.link_unknown_title": ("このリンクは無効です", "This link is not valid"),
    "web.link_unknown": (
        "リンクが途中で切れていないか確認してください。解決しない場合は人事・個人情報保護の"
        "担当者に新しいリンクを依頼してください。",
        "Check that the whole link was opened. If that does not help, ask HR or the "
        "privacy officer for a new link.",
    ),
    "web.link_left_title": ("サインインできません", "You cannot sign in"),
    "web.link_left": (
        "退職された方は復習できません。これまでの記録は保存されています。",
        "Reviews end when you leave the company. Your records are kept.",
    ),
    "web.card_title": ("今日の復習", "Today's review"),
    "web.left": ("今日の残り {n}枚", "{n} left today"),
    "web.keys_hint": (
        "キーボードでは 1〜{n} のキーでも回答できます。",
        "On a keyboard you can also answer with the keys 1-{n}.",
    ),
    "web.no_choice": ("選択肢を選んでください。", "Choose one of the answers."),
    "web.right": ("正解", "Correct"),
    "web.wrong": ("不正解", "Wrong"),
    "web.your_answer": ("あなたの回答", "Your answer"),
    "web.correct_answer": ("正解", "Correct answer"),
    "web.explanation": ("解説", "Explanation"),
    "web.comes_back": (
        "このカードは今日の復習の最後に、もう一度出題されます。",
        "This card will come back at the end of today's review.",
    ),
    "web.next": ("次へ", "Next"),
    "web.done_title": ("今日の復習は終わりです", "That's all for now"),
    "web.check_again": ("もう一度確認する", "Check again"),
    "web.left_employee": (
        "退職後の復習はありません。記録は保存されています。",
        "There are no reviews after leaving; your records are kept.",
    ),
    "web.progress_title": ("学習状況", "My progress"),
    "web.refreshers": ("未完了の再教育", "Open refreshers"),
    "web.no_refreshers": ("未完了の再教育はありません。", "No open refreshers."),
    # --- daily reminders (recall remind) ------------------------------------------------
    "remind.subject": (
        "【個人情報保護】今日の復習があります（{n}件）",
        "[Privacy training] Your review for today ({n})",
    ),
    "remind.greeting": ("{name} さん", "Dear {name},"),
    "remind.due": (
        "今日の復習カードが{n}枚あります（数分で終わります）。",
        "{n} card(s) are due today (a few minutes).",
    ),
    "remind.refreshers": (
        "未完了の再教育が{n}件あります（期限 {deadline}）。",
        "{n} refresher(s) are open (deadline {deadline}).",
    ),
    "remind.overdue": (
        "うち{n}件は期限を過ぎています。早めに回答してください。",
        "{n} of them are past their deadline: please answer them soon.",
    ),
    "remind.link": (
        "次のリンクから復習できます（一度だけ使えます。有効期間 {days}日）:",
        "Review in your browser with this link (it works once, for {days} days):",
    ),
    "remind.footer": (
        "このメールは自動送信です。心当たりがない場合は個人情報保護の担当者に連絡してください。",
        "This message was sent automatically. If it is not for you, tell the privacy officer.",
    ),
    "remind.col_sent": ("送信時刻", "sent"),
    "remind.col_error": ("エラー", "error"),
    "remind.sent": ("{n}名にリマインダーを送信しました", "Reminders sent to {n} employee(s)"),
    "remind.would": (
        "確認のみ: {n}名に送信します（送信・記録はしていません）",
        "Dry run: would remind {n} employee(s); nothing sent or recorded",
    ),
    "remind.failed": (
        "{id} <{email}> に送信できませんでした: {error}",
        "Could not remind {id} <{email}>: {error}",
    ),
    # --- status -------------------------------------------------------------------------
    "status.employee": ("従業者", "Employee"),
    "status.due": ("今日の復習", "Due today"),
    "status.overdue": ("期限切れ", "Overdue"),
    "status.next": ("次の復習", "Next review"),
    "status.onboarding": ("入社時教育", "Onboarding"),
    "status.introduced": ("学習済みカード", "Cards introduced"),
    "status.retention": ("推定記憶率", "Estimated retention"),
    "status.left": ("退職日", "Left on"),
    "status.now": ("今すぐ", "now"),
    "dash": ("—", "—"),
    # --- column headings of the terminal tables -----------------------------------------
    "col.number": ("#", "#"),
    "col.card": ("カード", "card"),
    "col.reason": ("理由", "reason"),
    "col.prompt": ("問題", "prompt"),
    "col.choices": ("選択肢", "choices"),
    "col.setting": ("設定", "setting"),
    "col.value": ("値", "value"),
    "col.meaning": ("説明", "meaning"),
    "col.cards": ("カード", "cards"),
    "col.employee": ("従業者", "employee"),
    "col.topic": ("分野", "topic"),
    "col.name": ("名称", "name"),
    "col.onboarding": ("入社時教育", "onboarding"),
    # --- HR messages --------------------------------------------------------------------
    "hr.enrolled": (
        "{id}（{name}）を登録しました。入社日 {hired}、言語 {lang}",
        "Enrolled {id} ({name}), hired {hired}, language {lang}",
    ),
    "hr.updated": (
        "{id} を更新しました: {name}、{department}、入社日 {hired}、言語 {lang}",
        "Updated {id}: {name}, {department}, hired {hired}, language {lang}",
    ),
    "hr.employee_count": ("{n}名", "{n} employees"),
    "hr.left": (
        "{id} は {day} に退職: 以降は復習なし。記録は保存されます",
        "{id} leaves on {day}: no reviews from then on; history is kept",
    ),
    "hr.assign_what": (
        "対象 {employees}名、カード {cards}枚、再教育 {assignments}件、期限 {deadline}",
        "{employees} employee(s), {cards} card(s), {assignments} refresher(s), deadline {deadline}",
    ),
    "hr.incident_dry_run": (
        "確認のみ: {what} を割り当てます。記録はしていません",
        "dry run: would assign {what}; nothing recorded",
    ),
    "hr.incident_recorded": (
        "インシデント {id} を記録しました: {what} を割り当て",
        "incident {id} recorded: assigned {what}",
    ),
    "hr.coverage_recorded": (
        "監査期間の補講 {id} を記録しました: {what} を割り当て",
        "coverage refresh {id} recorded: assigned {what}",
    ),
    "hr.everyone_covered": (
        "在籍者全員がこの監査期間の教育を満たしています。割り当てはありません",
        "every active employee is covered in this audit period; nothing to assign",
    ),
    "hr.gaps_already_assigned": (
        "この監査期間に不足のある従業者が{n}名いますが、不足分にはすべて未完了の再教育が"
        "割り当て済みです。新たな割り当てはありません（`recall report coverage` と "
        "`recall incident list` を参照）",
        "{n} employee(s) are still short in this audit period, and every gap already has "
        "an open refresher; nothing new to assign (see `recall report coverage` and "
        "`recall incident list`)",
    ),
    "hr.refresh_what": (
        "何を補講するか指定してください: --coverage（`recall refresh --help` を参照）",
        "say what to refresh: --coverage (see `recall refresh --help`)",
    ),
    "hr.wrote": ("{path} に書き出しました", "wrote {path}"),
    "deck.ok": (
        "OK: 教材 {decks}件、カード {cards}枚、問題なし",
        "OK: {decks} deck(s), {cards} cards, no problems",
    ),
    # --- HR: values, CSV files, import and the roster sync ----------------------------
    "date.bad": (
        "{what} '{value}' は日付ではありません（YYYY-MM-DD、YYYY/M/D、YYYY年M月D日）",
        "{what} '{value}' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
    ),
    "value.control": (
        "{what} に制御文字（{code}）が含まれています",
        "{what} contains a control character ({code})",
    ),
    "value.bidi": (
        "{what} に文字の向きを変える制御文字（{code}）が含まれています（保存内容と違って表示されるおそれがあります）",
        "{what} contains a text-direction control ({code}) that can make it show differently from what is stored",
    ),
    "value.empty": ("{what} がありません", "missing {what}"),
    "value.invisible": ("{what} に表示される文字がありません", "{what} has no visible character"),
    "value.long": (
        "{what} が {n} 文字あります（{max} 文字まで）",
        "{what} is {n} characters long (at most {max})",
    ),
    "value.email": (
        "{what} '{value}' はメールアドレスではありません",
        "{what} '{value}' is not an email address",
    ),
    "value.id": (
        "{what} '{value}' は使えません（英数字と . _ @ - のみ、64 文字まで）",
        "{what} '{value}' is not valid: use letters, digits, '.', '_', '@', '-' (at most 64)",
    ),
    "value.lang": (
        "言語 '{value}' は使えません（ja または en）",
        "unknown language '{value}' (use ja or en)",
    ),
    "edit.hired_after_left": (
        "--hired {hired} は退職日 {left_on} より後です",
        "--hired {hired} is after the leaving date {left_on}",
    ),
    "column.id": ("社員番号", "employee id"),
    "column.name": ("氏名", "name"),
    "column.email": ("メールアドレス", "email"),
    "column.department": ("部署", "department"),
    "column.hired": ("入社日", "hire date"),
    "column.lang": ("言語", "language"),
    "csv.unreadable": ("{file}: 読み込めません（{reason}）", "{file}: cannot be read ({reason})"),
    "csv.empty": ("{file}: ファイルが空です", "{file}: the file is empty"),
    "csv.bad_bom": (
        "{file}: {encoding} の BOM で始まっていますが、正しい {encoding} ではありません（{byte} バイト目）",
        "{file}: starts with a {encoding} byte-order mark but is not valid {encoding} (byte {byte})",
    ),
    "csv.utf16_nobom": (
        "{file}: BOM のない UTF-16 のようです。CSV（UTF-8、または BOM 付き UTF-16）で保存し直してください",
        "{file}: looks like UTF-16 without a byte-order mark; save the export as CSV in UTF-8 (or UTF-16 with BOM)",
    ),
    "csv.nul": (
        "{file}: {line}行目: NUL バイトが含まれています。テキスト（CSV）ファイルではありません",
        "{file}: line {line}: contains NUL bytes; this is not a text (CSV) file",
    ),
    "csv.mixed": (
        "{file}: 文字コードが混在しています（{utf8_line}行目は UTF-8、{other_line}行目は UTF-8 ではありません）。文字化けした氏名を保存しないよう、何も読み込んでいません。ファイル全体を一つの文字コード（UTF-8）で保存してください",
        "{file}: mixes encodings (line {utf8_line} is UTF-8, line {other_line} is not); nothing was read, so that no garbled name is stored. Save the whole file in one encoding (UTF-8)",
    ),
    "csv.encoding": (
        "{file}: {line}行目: UTF-8、UTF-16、Shift_JIS のいずれでもありません。CSV（UTF-8 または Shift_JIS）で保存し直してください",
        "{file}: line {line}: not UTF-8, UTF-16 or Shift_JIS text; save the export as CSV in UTF-8 or Shift_JIS",
    ),
    "csv.columns": (
        "{file}: 1行目: 必要な列 {missing} がありません（見出しの例 — {expected}）",
        "{file}: line 1: missing column(s) {missing} (expected headers — {expected})",
    ),
    "csv.columns_one": (
        "{file}: 1行目: 必要な列 {missing} がありません（見出しの例 — {expected}）。列が一つしか見つかりません。列はカンマ、セミコロン、タブのいずれかで区切ります",
        "{file}: line 1: missing column(s) {missing} (expected headers — {expected}); only one column was found: separate columns with commas, semicolons or tabs",
    ),
    "csv.malformed": (
        "{file}: {line}行目: CSV として読めません（{reason}）",
        "{file}: line {line}: not valid CSV ({reason})",
    ),
    "csv.at_line": ("{line}行目: {problem}", "line {line}: {problem}"),
    "csv.duplicate": (
        "社員番号 {id} が重複しています（最初は {first}行目）",
        "duplicate employee id {id} (first on line {first})",
    ),
    "csv.enrolled": ("社員番号 {id} は登録済みです", "employee id {id} is already enrolled"),
    "csv.more": ("… ほか {n} 件", "... and {n} more"),
    "csv.bad_rows.imported": (
        "{file}: 不正な行が {n} 行あります。何も取り込んでいません",
        "{file}: {n} bad row{s}; nothing was imported",
    ),
    "csv.bad_rows.changed": (
        "{file}: 不正な行が {n} 行あります。何も変更していません",
        "{file}: {n} bad row{s}; nothing was changed",
    ),
    "csv.ignored": ("無視した列: {columns}", "Ignored columns: {columns}"),
    "import.dry_run": (
        "ドライラン: {n} 名を取り込めます（{encoding}）。何も変更していません",
        "Dry run: {n} employees would be imported ({encoding}); no change",
    ),
    "import.done": (
        "{file}（{encoding}）から {n} 名を登録しました",
        "Imported {n} employees from {file} ({encoding})",
    ),
    "sync.empty_mark": (
        "{file}: エクスポートに一人も載っていません。--leavers mark では全員が退職として記録されてしまうため、何も変更していません",
        "{file}: the export lists nobody; with --leavers mark everyone would be recorded as leaving, so nothing was changed",
    ),
    "sync.dry_run": (
        "{file}（{encoding}）のドライラン: 何も変更していません。",
        "Dry run of {file} ({encoding}): nothing was changed.",
    ),
    "sync.done": (
        "{file}（{encoding}）で名簿を同期しました。",
        "Synchronised the roster with {file} ({encoding}).",
    ),
    "sync.counts": (
        "新規 {new} 名、変更 {changed} 名、エクスポートにない在籍者 {missing} 名、変更なし {unchanged} 名",
        "{new} new, {changed} changed, {missing} missing, {unchanged} unchanged",
    ),
    "sync.section.new": ("新規（{n} 名）:", "New ({n}):"),
    "sync.new_row": (
        "{line}行目: {id} {name}（{department}、入社日 {hired}、{language}）",
        "line {line}: {id} {name} ({department}, hired {hired}, {language})",
    ),
    "sync.section.changed": ("変更（{n} 名）:", "Changed ({n}):"),
    "sync.changed_row": ("{line}行目: {id}: {diffs}", "line {line}: {id}: {diffs}"),
    "sync.diff": ("{field} {old} → {new}", "{field} {old} → {new}"),
    "sync.diff_sep": ("、", "; "),
    "sync.none": ("（なし）", "(none)"),
    "sync.section.missing": (
        "エクスポートにない在籍者（{n} 名）:",
        "Missing from the export ({n}):",
    ),
    "sync.missing_row": ("{id} {name}（{department}）", "{id} {name} ({department})"),
    "sync.future_hire": (
        "入社日 {hired} が先のため退職として記録しません",
        "not recorded as leaving: hired {hired}, still to come",
    ),
    "sync.leavers.ignore": (
        "退職としては記録していません。{today} 付けの退職として記録するには --leavers mark を付けて実行します。",
        "Not recorded as leaving; run with --leavers mark to record them as leaving on {today}.",
    ),
    "sync.leavers.plan": (
        "{n} 名を {today} 付けの退職として記録します。",
        "{n} will be recorded as leaving on {today}.",
    ),
    "sync.leavers.done": (
        "{n} 名を {today} 付けの退職として記録しました。",
        "{n} recorded as leaving on {today}.",
    ),
    "sync.section.hired": (
        "入社日の相違（{n} 名、反映していません）。エクスポートが正しい場合は `recall employee edit ID --hired 日付` で修正します:",
        "Hire date differs, not applied ({n}); if the export is right, correct it with `recall employee edit ID --hired DATE`:",
    ),
    "sync.hired_row": (
        "{line}行目: {id}: recall では {recorded}、エクスポートでは {exported}",
        "line {line}: {id}: {recorded} in recall, {exported} in the export",
    ),
    "sync.section.warnings": ("警告（{n} 件）:", "Warnings ({n}):"),
    "sync.typo_file": (
        "{line}行目: {id} は {other_line}行目の {other} と大文字・小文字だけが違います（入力ミスの可能性）",
        "line {line}: {id} differs from {other} (line {other_line}) only in letter case: a typo?",
    ),
    "sync.typo_roster": (
        "{line}行目: {id} は登録済みの {other} と大文字・小文字だけが違います（入力ミスの可能性）",
        "line {line}: {id} differs from the enrolled {other} only in letter case: a typo?",
    ),
    "sync.listed_leaver": (
        "{line}行目: {id} は {left_on} に退職済みとして記録されています（再登録はしません）",
        "line {line}: {id} is recorded as having left on {left_on}; not re-activated",
    ),
    # --- the SCORM course (shown by sco.js; placeholders filled in the browser) --------
    "sco.preview": (
        "プレビューモード：LMS が見つからないため、進捗と結果は保存されません。",
        "Preview mode: no LMS was found, so progress and results are not saved.",
    ),
    "sco.progress": ("{done} / {total} 問 完了", "{done} of {total} cards done"),
    "sco.correct": ("正解です", "Correct"),
    "sco.wrong": ("不正解です", "Not quite"),
    "sco.answer": ("正解：", "Answer: "),
    "sco.comeBack": (
        "このカードはこのあともう一度出題されます。",
        "This card will come back later in this session.",
    ),
    "sco.next": ("次へ", "Next"),
    "sco.results": ("結果を見る", "Show results"),
    "sco.doneTitle": ("おつかれさまでした", "Well done"),
    "sco.score": (
        "スコア：{score} 点（{first} / {total} 問を 1 回目で正解）",
        "Score: {score} ({first} of {total} right at the first try)",
    ),
    "sco.passed": ("合格です（合格点 {pass} 点）。", "You passed (pass mark {pass})."),
    "sco.failed": (
        "合格点（{pass} 点）に届きませんでした。もう一度受講してください。",
        "You did not reach the pass mark ({pass}). Please take the course again.",
    ),
    "sco.completed": ("受講が完了しました。", "You have completed the course."),
    "sco.close": ("このウィンドウを閉じてかまいません。", "You can close this window now."),
    "sco.resumed": ("前回の続きから再開します。", "Welcome back: continuing where you stopped."),
    "sco.again": ("もう一度学習する", "Study again"),
    "sco.lmsError": (
        "LMS がデータを受け付けませんでした（エラー {code}）。",
        "The LMS did not accept the data (error {code}).",
    ),
    "sco.choices": ("選択肢", "Choices"),
    "scorm.selection.onboarding": ("入社時教育", "Onboarding"),
    "scorm.selection.all": ("全カード", "All cards"),
    "scorm.selection.topic": ("{topic}", "{topic}"),
    "scorm.selection.incident": ("インシデント #{id} の再教育", "Incident #{id} refresher"),
    # --- recall optimize --------------------------------------------------------------
    "optimize.log": (
        "回答記録: {reviews} 件。日をまたぐ {fitted} 件で推定し、推定に使っていない従業者の "
        "{held_out} 件で確認しました（{optimizer}）。",
        "Review log: {reviews} reviews; fitted on {fitted} cross-day reviews, checked on "
        "{held_out} of held-out employees ({optimizer}).",
    ),
    "optimize.col.parameters": ("パラメータ", "parameters"),
    "optimize.col.log_loss": ("対数損失", "log loss"),
    "optimize.col.rmse": ("RMSE（ビン）", "RMSE (bins)"),
    "optimize.defaults": ("FSRS の既定値", "FSRS defaults"),
    "optimize.fitted": ("推定値", "fitted"),
    "optimize.advice": (
        "推奨する desired_retention: {recommended}（覚えているカード1枚あたりの復習時間が最少）。"
        "現在の設定は {current} で、変更していません（変更は `recall settings set "
        "desired_retention 値`）。",
        "Recommended desired retention: {recommended} (least review time per card "
        "remembered; the setting is {current} and is not changed: `recall settings set "
        "desired_retention VALUE` to change it).",
    ),
    "optimize.dry_run": ("確認のみ: 何も保存していません。", "Dry run: nothing stored."),
    "optimize.stored": (
        "推定 {id} として保存しました。以後のスケジュールはこのパラメータを使います（予定済みの"
        "期日はそのまま、各カードの次の復習から適用）。",
        "Stored as fit {id}: the scheduler uses these parameters from now on (cards keep "
        "their due dates; each card's next review uses them).",
    ),
    # --- settings (what each one does) -------------------------------------------------
    "setting.desired_retention": (
        "カードを再出題するときに FSRS が目標とする想起確率（0.7〜0.99）",
        "probability of recall FSRS aims for when a card comes back (0.7-0.99)",
    ),
    "setting.maximum_interval": (
        "カードが再出題されるまでの最長日数（1〜365）",
        "longest gap in days before a card comes back (1-365)",
    ),
    "setting.daily_limit": (
        "1人1日あたりのカード数（再教育を除く、1〜500）。新しいカードの枠を先に確保し、残りを復習に充てます",
        "cards per employee per day, refreshers excluded (1-500); new cards' quota comes out "
        "of it first, due reviews get the rest",
    ),
    "setting.new_cards_per_day": (
        "1日に新しく出題する（入社時教育以外の）カード数（0〜100）。復習に押し出されず、daily_limit の内数です",
        "new (non-onboarding) cards introduced per day (0-100), kept free of due reviews "
        "(within daily_limit)",
    ),
    "setting.onboarding_days": (
        "新入社員が入社時教育のカードをすべて学ぶまでの営業日数（1〜120）",
        "working days within which a new hire sees the whole onboarding core (1-120)",
    ),
    "setting.timezone": (
        "組織のタイムゾーン（「今日」の始まりと終わり）",
        "the organisation's timezone: where 'today' starts and ends",
    ),
    "setting.seed": (
        "FSRS の間隔のゆらぎの乱数シード（スケジュールの再現性）",
        "seed for FSRS interval fuzzing (reproducible schedules)",
    ),
    "setting.fiscal_year_start": (
        "監査期間の初日（MM-DD）",
        "first day of the audit period, MM-DD",
    ),
    "setting.pass_mark": (
        "監査報告で理解度ありとする正答率（%、0〜100）",
        "correct rate (percent) that counts as understanding in audit reports (0-100)",
    ),
    "setting.organisation": ("報告書に印字する組織名", "organisation name printed on reports"),
    "setting.link_days": (
        "ブラウザ用サインインリンクの有効日数（1〜90）",
        "days a browser sign-in link stays valid (1-90)",
    ),
    "setting.smtp_host": (
        "リマインダーを送る SMTP サーバー（空: 送信しない）",
        "SMTP server for reminders (empty: none sent)",
    ),
    "setting.smtp_port": ("SMTP サーバーのポート（1〜65535）", "SMTP server port (1-65535)"),
    "setting.smtp_security": (
        "SMTP の暗号化: starttls、tls、none",
        "SMTP encryption: starttls, tls or none",
    ),
    "setting.smtp_user": (
        "SMTP の認証ユーザー（空: 認証なし。パスワードは環境変数 RECALL_SMTP_PASSWORD）",
        "SMTP user (empty: no login; the password only from RECALL_SMTP_PASSWORD)",
    ),
    "setting.smtp_sender": ("リマインダーの差出人アドレス", "sender address of reminders"),
    # --- reports: titles, sections, meta, columns, values --------------------------------
    "overview": ("部署別 学習状況", "Training overview by department"),
    "employee": ("従業者別 学習記録", "Employee training record"),
    "incidents": ("インシデント別 再教育の状況", "Incident refreshers"),
    "audit": ("個人情報保護教育 実施記録", "Privacy-protection training record"),
    "coverage": ("監査期間の未受講項目", "Audit-period coverage gaps"),
    "incident": ("インシデント", "Incident"),
    "summary": ("概要", "Summary"),
    "retention_by_topic": ("分野別 推定記憶率", "Estimated retention per topic"),
    "assignments": ("再教育の割り当て", "Refresher assignments"),
    "history": ("回答履歴", "Review history"),
    "people": ("対象者", "People"),
    "reviews_per_week": ("週別 回答数", "Reviews per week"),
    "organisation": ("組織", "Organisation"),
    "period": ("対象期間", "Period"),
    "generated": ("作成日時", "Generated"),
    "deck": ("教材", "Deck"),
    "source": ("出典", "Source"),
    "pass_mark": ("合格基準（正答率）", "Pass mark (correct rate)"),
    "fiscal_year_start": ("年度開始日", "Fiscal year start"),
    "total": ("全体", "All"),
    "none": ("なし", "none"),
    "department": ("部署", "Department"),
    "employees": ("在籍者数", "Active employees"),
    "onboarded": ("入社時教育 修了", "Onboarding finished"),
    "reviewed_7d": ("7日以内に学習", "Reviewed (7 days)"),
    "reviewed_30d": ("30日以内に学習", "Reviewed (30 days)"),
    "overdue": ("期限超過", "Overdue"),
    "retention": ("推定記憶率", "Est. retention"),
    "weakest_topics": ("弱い分野", "Weakest topics"),
    "employee_id": ("社員ID", "Employee ID"),
    "name": ("氏名", "Name"),
    "email": ("メールアドレス", "Email"),
    "lang": ("言語", "Language"),
    "hired": ("入社日", "Hired"),
    "left_on": ("退職日", "Left"),
    "topic": ("分野", "Topic"),
    "cards_reviewed": ("学習済みカード", "Cards reviewed"),
    "id": ("ID", "ID"),
    "kind": ("種別", "Kind"),
    "title": ("件名", "Title"),
    "occurred": ("発生日", "Occurred"),
    "topics": ("分野", "Topics"),
    "scope": ("対象", "Scope"),
    "deadline": ("期限", "Deadline"),
    "assigned": ("割当", "Assigned"),
    "finished": ("完了", "Finished"),
    "open": ("未完了", "Open"),
    "completion": ("完了率", "Completion"),
    "overdue_people": ("期限超過者", "Past deadline"),
    "card": ("カード", "Card"),
    "assigned_at": ("割当日時", "Assigned at"),
    "done_at": ("完了日時", "Done at"),
    "status": ("状況", "Status"),
    "answered_at": ("回答日時", "Answered at"),
    "deck_version": ("教材版", "Deck version"),
    "choice": ("選択", "Choice"),
    "correct": ("正誤", "Correct"),
    "reason": ("理由", "Reason"),
    "method": ("方法", "Method"),
    "training_dates": ("受講日", "Training dates"),
    "reviews": ("回答数", "Answers"),
    "cards": ("カード数", "Cards"),
    "topics_covered": ("分野数", "Topics"),
    "decks": ("教材・版", "Deck and version"),
    "methods": ("実施方法", "Method"),
    "correct_rate": ("正答率", "Correct rate"),
    "understanding": ("理解度確認", "Understanding"),
    "shortfall": ("不足", "Shortfall"),
    "follow_up": ("フォローアップ", "Follow-up"),
    "incident_refreshers": ("インシデント再教育", "Incident refreshers"),
    "missing_cards": ("未受講の入社時教育カード", "Missing onboarding cards"),
    "missing_topics": ("未学習の分野", "Missing topics"),
    "finished_on": ("完了日", "Finished on"),
    "progress": ("進捗", "Progress"),
    "note": ("備考", "Note"),
    "short": ("不足あり", "short"),
    "pass": ("合格", "pass"),
    "fail": ("不合格", "below pass mark"),
    "not_trained": ("未受講", "not trained"),
    "below_pass_mark": ("正答率不足", "below pass mark"),
    "coverage_gap": ("未学習分野あり", "coverage gap"),
    "yes": ("正", "yes"),
    "no": ("誤", "no"),
    "chart_retention": ("分野別 推定記憶率（%）", "Estimated retention per topic (%)"),
    "chart_weeks": ("週別 回答数", "Answers per week"),
    "no_data": ("データなし", "no data"),
    "no_rows": ("該当なし", "Nothing to report"),
    # --- item analysis (recall report cards) ---------------------------------------------
    "item_analysis": ("カード別 設問分析", "Item analysis per card"),
    "min_learners": ("判定に必要な初見の学習者数", "First-sight learners needed for a flag"),
    "learners": ("学習者数", "Learners"),
    "first_sight": ("初見の回答数", "First-sight answers"),
    "chance": ("偶然の正答率", "Chance rate"),
    "first_right": ("初見の正答率", "Right at first sight"),
    "later_answers": ("復習の回答数", "Later answers"),
    "later_right": ("復習の正答率", "Right in later reviews"),
    "lapses": ("忘却（正答後の誤答）", "Lapses"),
    "median_seconds": ("回答時間の中央値（秒）", "Median time (s)"),
    "discrimination": ("識別力", "Discrimination"),
    "flag": ("見直し", "Flag"),
    "flag.confusing": ("紛らわしい（偶然以下）", "confusing (below chance)"),
    "flag.too_hard": ("難しすぎる", "too hard"),
    "flag.guessed": ("推測で解ける", "guessed"),
}

# --- safety of the training record: the database guard, the clock rule, value ranges ---
CATALOGUE.update(
    {
        "hr.unknown_suffix": (
            "-o {path}: 拡張子 {suffix} の形式は書けません。.csv .json .html .txt のいずれかに"
            "するか、--format で形式を指定してください",
            "-o {path}: recall cannot write a {suffix} file; use .csv, .json, .html or .txt, "
            "or give --format",
        ),
        "deck.none": (
            "デッキファイル（*.yaml）がありません。デッキが読み込まれていません。"
            "--decks でデッキのフォルダーを指定してください",
            "no deck file (*.yaml) here: no deck is loaded; give the deck folder with --decks",
        ),
        "deck.none_using_stored": (
            "警告: {folder} にデッキファイルがありません。前回読み込んだデッキを使います。",
            "Warning: no deck file in {folder}; using the decks as last loaded.",
        ),
        "review.busy": (
            "データベースが別の処理で使用中のため、回答を記録できませんでした。"
            "同じカードにもう一度回答してください。",
            "The database is busy (another process is writing), so the answer was not "
            "recorded. Answer the same card again.",
        ),
        "value.range": (
            "{what} {value} は範囲外です（{first} から {last} まで）",
            "{what} {value} is out of range ({first} to {last})",
        ),
        "clock.system": ("システム時計", "the system clock"),
        "clock.past": (
            "--now {now} は記録済みの最新の時刻 {latest} より前です。受講記録をさかのぼって"
            "書き込むことはできません（テストでは --allow-past または RECALL_ALLOW_PAST=1）",
            "--now {now} is earlier than the latest time already recorded ({latest}); the "
            "training record cannot be backdated (for tests: --allow-past or "
            "RECALL_ALLOW_PAST=1)",
        ),
        "clock.behind": (
            "システム時計が記録済みの最新の時刻 {latest} より前です。時計を確認してください。"
            "何も記録していません",
            "the system clock is earlier than the latest time already recorded ({latest}); "
            "check the clock. Nothing was recorded",
        ),
        "clock.before_hire": (
            "従業者 {id} の入社日は {hired} です。{day} の回答は記録できません",
            "employee {id} was hired on {hired}; an answer on {day} cannot be recorded",
        ),
        "store.cannot_open": (
            "データベース {path} を開けません（{reason}）",
            "cannot open database {path}: {reason}",
        ),
        "store.unusable": (
            "{path} は使用できる recall のデータベースではありません: {reason}",
            "{path} is not a usable recall database: {reason}",
        ),
        "store.no_folder": (
            "データベース {path} を作成できません: フォルダー {folder} がありません"
            "（--db の入力ミス？）。先にフォルダーを作成してください",
            "cannot create database {path}: the folder {folder} does not exist (a mistyped "
            "--db?); create the folder first",
        ),
        "store.foreign": (
            "{path} は recall のデータベースではありません（別のプログラムの SQLite ファイル）。"
            "変更せずに終了しました。--db で recall のデータベースを指定してください",
            "{path} is not a recall database (a SQLite file of another program); it was "
            "left unchanged. Give recall's database with --db",
        ),
        "store.damaged": (
            "{path} は破損しています: recall のテーブル {tables} がありません。"
            "バックアップから復元してください",
            "{path} is damaged: recall's table(s) {tables} are missing; restore it from a backup",
        ),
        "store.read_only": (
            "{path} は読み取り専用です（ファイル、フォルダー、またはファイルシステム）。"
            "このコマンドは書き込みが必要です。レポートと status は使えます",
            "{path} is read-only (file, folder or file system): this command needs to write; "
            "reports and status still work",
        ),
        "store.read_only_wal": (
            "{path} は読み取り専用の場所にあり、{wal} に未反映の記録があるため読めません。"
            "フォルダーごと書き込める場所にコピーしてから開いてください",
            "{path} is in a read-only place and {wal} holds records not yet merged into it; "
            "copy the folder somewhere writable and open the copy",
        ),
        "store.read_only_upgrade": (
            "{path} は古い recall のデータベースで、読み取り専用のため更新できません",
            "{path} is from an older recall and cannot be upgraded: it is read-only",
        ),
        "store.busy": (
            "データベース {path} は別の処理が書き込み中です。何も記録していません。"
            "しばらくしてからもう一度お試しください",
            "the database {path} is busy (another process is writing); nothing was "
            "recorded: try again in a moment",
        ),
        "store.full": (
            "ディスクがいっぱいで {path} に書き込めません。何も記録していません",
            "the disk is full: nothing was written to {path}",
        ),
        "store.write_failed": (
            "{path} に書き込めません（{reason}）。何も記録していません",
            "cannot write to {path} ({reason}); nothing was recorded",
        ),
    }
)

# --- deck files, SCORM export, the web server and the errors' labels (issue 9) ---------
CATALOGUE.update(
    {
        "error.label": ("エラー", "Error"),
        "error.problems_found": ("{n}件の問題があります", "{n} problem{s} found"),
        "deck.warning": ("警告: {message}", "warning: {message}"),
        "deck.ok_warnings": (
            "OK: 教材 {decks}件、カード {cards}枚、問題なし。警告 {n}件",
            "OK: {decks} deck(s), {cards} cards, no problems; {n} warning{s}",
        ),
        "deck.strict_failed": (
            "教材 {decks}件、カード {cards}枚、問題なし。警告 {n}件（--strict のため失敗）",
            "{decks} deck(s), {cards} cards, no problems; {n} warning{s} (--strict)",
        ),
        "deck.list_head": ("{id} 版 {version} — {ja} / {en}", "{id} v{version} — {ja} / {en}"),
        "deck.list_cards": (
            "  カード {n}枚（入社時教育 {core}枚、その他 {other}枚）、言語: {languages}",
            "  {n} cards ({core} onboarding core, {other} other), languages: {languages}",
        ),
        "deck.list_source": (
            "  出典: {title}（{publisher}、{year}年）",
            "  source: {title} ({publisher}, {year})",
        ),
        "deck.list_items": (
            "  出典の項目: {n}件、うちカードが引用 {covered}件。すべてのカードが出典の項目を引用",
            "  source items: {n}, {covered} cited by cards; every card cites one",
        ),
        "deck.no_card": (
            "カード '{id}' はどの教材にもありません（`recall deck list` を参照）",
            "no card '{id}' in any deck (see `recall deck list`)",
        ),
        "deck.file_missing": ("ファイルもフォルダーもありません", "no such file or folder"),
        "deck.not_utf8": (
            "UTF-8 のテキストではありません（{reason}）",
            "not UTF-8 text ({reason})",
        ),
        "deck.unreadable": ("読み込めません: {reason}", "cannot be read: {reason}"),
        "deck.cue.nth": ("{n}番目", "{n}th"),
        "deck.cue.longest": (
            "単一選択カード{n}枚のうち{count}枚で、正解が最も長い選択肢です（{lang}）。"
            "偶然なら{expected}枚程度です: {ids}",
            "the answer is the longest choice ({lang}) in {count} of {n} single-choice cards; "
            "chance would give {expected}: {ids}",
        ),
        "deck.cue.position": (
            "選択肢が{place}個以上ある単一選択カード{eligible}枚のうち{count}枚で、正解が"
            "{nth}の選択肢です。偶然なら{expected}枚程度です: {ids}",
            "the answer is the {nth} choice in {count} of {eligible} single-choice cards with "
            "{place} or more choices; chance would give {expected}: {ids}",
        ),
        "deck.cue.true_false": (
            "カード{cards}枚のうち{tf}枚（{share}）が正誤問題で、上限の{limit}を超えています。"
            "正誤問題は当て推量でも半分は正解します",
            "{tf} of {cards} cards ({share}) are true-false, more than {limit}; a true-false "
            "card is guessed right half the time",
        ),
        "deck.cue.unnamed_rule": (
            "解説（{lang}）がカードのルール（{names}）のどれにも触れていません",
            "the {lang} explanation names none of the card's rules ({names})",
        ),
        "deck.what.deck": ("教材", "the deck"),
        "deck.what.source": ("出典（source）", "source"),
        "deck.what.a_topic": ("分野", "a topic"),
        "deck.what.topic": ("分野 '{id}'", "topic '{id}'"),
        "deck.what.a_rule": ("ルール", "a rule"),
        "deck.what.rule": ("ルール '{id}'", "rule '{id}'"),
        "deck.what.card": ("カード", "the card"),
        "deck.what.choice": ("選択肢 '{key}'", "choice '{key}'"),
        "deck.p.unknown_key": (
            "{what}に不明なキー '{key}' があります",
            "unknown key '{key}' in {what}",
        ),
        "deck.p.missing": (
            "{what}に必須の項目 '{key}' がありません",
            "missing field '{key}' in {what}",
        ),
        "deck.p.not_text": (
            "{what}の '{key}' はテキストで書いてください",
            "'{key}' in {what} must be a text",
        ),
        "deck.p.empty": ("{what}の '{key}' が空です", "empty text in '{key}' of {what}"),
        "deck.p.not_texts": (
            "{what}の '{key}' は言語ごとのテキスト（ja: …、en: …）で書いてください",
            "'{key}' in {what} must map languages to texts",
        ),
        "deck.p.unknown_language_in": (
            "{what}の '{key}' に不明な言語 '{lang}' があります",
            "unknown language '{lang}' in '{key}' of {what}",
        ),
        "deck.p.too_long": (
            "'{key}' は{n}文字あります。上限は{limit}文字です（カードは短く保ちます）",
            "'{key}' has {n} characters; the limit is {limit} (cards stay short)",
        ),
        "deck.p.language_missing": (
            "{what}の '{key}' に言語 '{lang}' がありません",
            "language '{lang}' missing in '{key}' of {what}",
        ),
        "deck.p.deck_not_map": (
            "教材ファイルは id、title、topics、cards を持つマッピングで書いてください",
            "a deck file must be a mapping with id, title, topics and cards",
        ),
        "deck.p.deck_slug": (
            "教材 ID '{id}' はスラッグ（a-z、0-9、ハイフン）にしてください",
            "deck id '{id}' must be a slug (a-z, 0-9, hyphens)",
        ),
        "deck.p.cards_not_list": (
            "'cards' はカードのリストで書いてください",
            "'cards' must be a list of cards",
        ),
        "deck.p.duplicate_card": (
            "カード ID が重複しています（最初は{line}行目）",
            "duplicate card id (first at line {line})",
        ),
        "deck.p.no_cards": ("教材にカードがありません", "the deck has no cards"),
        "deck.p.item_uncited": (
            "出典の項目 '{item}' を引用するカードがありません",
            "source item '{item}' is cited by no card",
        ),
        "deck.p.card_not_map": (
            "カードは id、kind、prompt、answer などを持つマッピングで書いてください",
            "a card must be a mapping with id, kind, prompt, answer, ...",
        ),
        "deck.p.card_slug": (
            "カード ID は英小文字・数字・ハイフンのスラッグにしてください",
            "card id must be a slug of lowercase letters, digits and hyphens",
        ),
        "deck.p.unknown_kind": (
            "不明な種類 '{kind}' です（使える種類: {known}）",
            "unknown kind '{kind}' (known: {known})",
        ),
        "deck.p.no_topics": (
            "'topics' には分野を1つ以上挙げてください",
            "'topics' must list at least one topic",
        ),
        "deck.p.unknown_topic": ("不明な分野 '{topic}' です", "unknown topic '{topic}'"),
        "deck.p.unknown_item": (
            "不明な出典の項目 '{item}' です（教材の出典の項目にありません）",
            "unknown source item '{item}' (not in the deck's source items)",
        ),
        "deck.p.onboarding_bool": (
            "'onboarding' は true か false で書いてください",
            "'onboarding' must be true or false",
        ),
        "deck.p.tf_choices": (
            "正誤問題のカードには選択肢を書きません（正解は true か false）",
            "a true-false card has no choices (its answer is true or false)",
        ),
        "deck.p.tf_answer": (
            "正誤問題のカードの正解は true か false で書いてください",
            "the answer of a true-false card must be true or false",
        ),
        "deck.p.choices_not_map": (
            "'choices' は選択肢のキー（a、b、c…）とテキストの対応で書いてください",
            "'choices' must map choice keys (a, b, c, ...) to texts",
        ),
        "deck.p.choice_key": (
            "選択肢のキー '{key}' は短い英小文字か数字にしてください",
            "choice key '{key}' must be short lowercase letters or digits",
        ),
        "deck.p.few_choices": (
            "単一選択のカードには選択肢が2つ以上必要です（現在{n}つ）",
            "a single-choice card needs at least 2 choices (has {n})",
        ),
        "deck.p.duplicate_choice": (
            "選択肢が重複しています: '{key}' と '{other}' の{lang}のテキストが同じです",
            "duplicate choice: '{key}' and '{other}' have the same {lang} text",
        ),
        "deck.p.answer_not_choice": (
            "正解 '{answer}' が選択肢（{keys}）にありません",
            "answer '{answer}' is not among the choices ({keys})",
        ),
        "deck.p.none": ("なし", "none"),
        "deck.p.duplicate_deck": (
            "教材 ID '{id}' が重複しています（{other}）",
            "duplicate deck id '{id}' ({other})",
        ),
        "deck.p.duplicate_card_across": (
            "カード ID が重複しています（{where} にもあります）",
            "duplicate card id (also in {where})",
        ),
        "deck.p.languages_not_list": (
            "'languages' は [ja, en] のようなリストで書いてください",
            "'languages' must be a list such as [ja, en]",
        ),
        "deck.p.unknown_language": (
            "不明な言語 '{lang}' です（使える言語: ja、en）",
            "unknown language '{lang}' (supported: ja, en)",
        ),
        "deck.p.needs_ja": (
            "'languages' には ja を含めてください（日本語は必須です）",
            "'languages' must include ja (Japanese is required)",
        ),
        "deck.p.source_not_map": (
            "'source' には title、publisher、year、url を書いてください",
            "'source' must have title, publisher, year and url",
        ),
        "deck.p.year": (
            "source の 'year' は 2025 のような西暦年で書いてください",
            "'year' in source must be a year such as 2025",
        ),
        "deck.p.items_not_list": (
            "source の 'items' は項目名のリストで書いてください",
            "'items' in source must be a list of labels",
        ),
        "deck.p.item_empty": (
            "出典の項目（source の items）が空です",
            "empty text in source items",
        ),
        "deck.p.item_duplicate": (
            "出典の項目 '{item}' が重複しています",
            "duplicate source item '{item}'",
        ),
        "deck.p.topics_not_list": (
            "'topics' は {id, name} のリストで書いてください",
            "'topics' must be a list of {id, name}",
        ),
        "deck.p.topic_not_map": (
            "分野には id と name が必要です",
            "a topic must have an id and a name",
        ),
        "deck.p.topic_slug": (
            "分野 ID '{id}' はスラッグにしてください",
            "topic id '{id}' must be a slug",
        ),
        "deck.p.topic_duplicate": (
            "分野 ID '{id}' が重複しています",
            "duplicate topic id '{id}'",
        ),
        "deck.p.rules_empty": (
            "'rules' には {id, name} を1つ以上挙げてください",
            "'rules' must list at least one {id, name}",
        ),
        "deck.p.rule_not_map": (
            "ルールには id と name が必要です",
            "a rule must have an id and a name",
        ),
        "deck.p.rule_slug": (
            "ルール ID '{id}' はスラッグにしてください",
            "rule id '{id}' must be a slug",
        ),
        "deck.p.rule_duplicate": ("ルール ID '{id}' が重複しています", "duplicate rule id '{id}'"),
        "deck.p.terms_not_map": (
            "{what}の 'terms' は言語ごとの語のリストで書いてください",
            "'terms' of {what} must map languages to lists",
        ),
        "deck.p.terms_language": (
            "{what}の 'terms' に不明な言語 '{lang}' があります",
            "unknown language '{lang}' in 'terms' of {what}",
        ),
        "deck.p.terms_not_list": (
            "{what}の 'terms.{lang}' は語のリストで書いてください",
            "'terms.{lang}' of {what} must be a list of words",
        ),
        "deck.p.term_empty": (
            "{what}の 'terms.{lang}' に空または不正な語があります",
            "empty or invalid word in 'terms.{lang}' of {what}",
        ),
        "deck.p.card_rules_missing": (
            "カードに必須の項目 'rules' がありません（教材がルールを定めています）",
            "missing field 'rules' in the card (the deck declares rules)",
        ),
        "deck.p.card_rules_empty": (
            "'rules' にはルールを1つ以上挙げてください",
            "'rules' must list at least one rule",
        ),
        "deck.p.rule_undeclared": (
            "不明なルール '{rule}' です（教材がルールを定めていません）",
            "unknown rule '{rule}' (the deck declares no rules)",
        ),
        "deck.p.unknown_rule": ("不明なルール '{rule}' です", "unknown rule '{rule}'"),
        "deck.p.too_many_values": (
            "教材が展開すると {limit} 個を超える YAML の値になります（エイリアスの入れ子?）。"
            "カードを直接書いてください",
            "the deck expands to more than {limit} YAML values (aliases of aliases?); "
            "write the cards out instead",
        ),
        "deck.p.too_deep": (
            "値の入れ子が {limit} 段を超えています（再帰するエイリアス?）",
            "values nested more than {limit} deep (a recursive alias?)",
        ),
        "deck.p.key_not_text": ("キーはテキストで書いてください", "a key must be text"),
        "deck.p.duplicate_key": ("キー '{key}' が重複しています", "duplicate key '{key}'"),
        "deck.p.bad_value": ("値を読み込めません: {reason}", "cannot read value: {reason}"),
        "deck.p.malformed_at": (
            "YAML の書式が正しくありません（{column}桁目）: {reason}",
            "malformed YAML (column {column}): {reason}",
        ),
        "deck.p.malformed": (
            "YAML の書式が正しくありません: {reason}",
            "malformed YAML: {reason}",
        ),
        "deck.p.unparsable": ("解析できません", "cannot be parsed"),
        "deck.p.empty_file": ("ファイルが空です", "the file is empty"),
        # --- recall export (the messages follow the course's language) -----------------
        "export.usage": (
            "onboarding、all、topic:分野、incident:ID のいずれかで指定してください",
            "use onboarding, all, topic:TOPIC or incident:ID",
        ),
        "export.bad_topic_id": (
            "--cards {raw}: '{value}' は分野の ID ではありません（{usage}）",
            "--cards {raw}: '{value}' is not a topic id ({usage})",
        ),
        "export.bad_incident_id": (
            "--cards {raw}: インシデントの ID は {max} 以下の正の整数で指定してください（{usage}）",
            "--cards {raw}: the incident id must be a positive number up to {max} ({usage})",
        ),
        "export.bad_selection": (
            "--cards {raw} はカードの選び方として正しくありません（{usage}）",
            "--cards {raw} is not a card selection ({usage})",
        ),
        "export.where": ("教材 '{id}'（{file}）", "deck '{id}' ({file})"),
        "export.no_file": ("ファイルなし", "no file"),
        "export.none": ("なし", "none"),
        "export.no_onboarding": (
            "--cards onboarding: {where} に onboarding: true のカードがありません",
            "--cards onboarding: no card in {where} is marked onboarding: true",
        ),
        "export.no_topic": (
            "--cards {selection}: {where} に分野 '{topic}' はありません（分野: {known}）",
            "--cards {selection}: {where} has no topic '{topic}' (its topics: {known})",
        ),
        "export.topic_empty": (
            "--cards {selection}: {where} に分野 '{topic}' のカードがありません",
            "--cards {selection}: topic '{topic}' has no cards in {where}",
        ),
        "export.incident_topics_missing": (
            "--cards {selection}: インシデントの分野が渡されていません",
            "--cards {selection}: the incident's topics were not given",
        ),
        "export.incident_empty": (
            "--cards {selection}: {where} にインシデントの分野（{topics}）を扱うカードがありません",
            "--cards {selection}: no card in {where} covers the incident's topics ({topics})",
        ),
        "export.unknown_kind": (
            "--cards {selection}: 不明な選び方 '{kind}' です",
            "--cards {selection}: unknown selection kind '{kind}'",
        ),
        "export.bad_standard": (
            "--standard {value}: 1.2 か 2004 を指定してください",
            "--standard {value}: use 1.2 or 2004",
        ),
        "export.bad_lang": (
            "--lang {value}: {allowed} のいずれかを指定してください",
            "--lang {value}: use {allowed}",
        ),
        "export.lang_missing": (
            "--lang {lang}: {where} には {lang} のテキストがありません（教材の言語: {languages}）",
            "--lang {lang}: {where} has no {lang} texts (its languages: {languages})",
        ),
        "export.passing_score": (
            "--passing-score {value}: 0 から 100 の間で指定してください",
            "--passing-score {value}: must be between 0 and 100",
        ),
        "export.bad_status": (
            "--status {value}: {allowed} のいずれかを指定してください",
            "--status {value}: use {allowed}",
        ),
        "export.title_empty": ("--title: 空にはできません", "--title: must not be empty"),
        "export.title_long": (
            "--title: {n}文字あります。コースのタイトルは{max}文字までです",
            "--title: {n} characters; a course title has at most {max}",
        ),
        "export.title_unsafe": (
            "--title {title}: {why}。コースのタイトルはプレーンテキストにしてください"
            "（この文字を削除してください）",
            "--title {title}: {why}; a course title must be plain text (remove it)",
        ),
        "export.no_cards": (
            "--cards {selection}: 選んだカードがありません",
            "--cards {selection}: the selection has no cards",
        ),
        "export.too_many_scorm12": (
            "--standard 1.2: カード{n}枚は SCORM 1.2 の進捗記録（4,096文字）に収まりません"
            "（最大{max}枚）。--standard 2004 を使うか、カードを減らしてください",
            "--standard 1.2: {n} cards do not fit SCORM 1.2's 4,096-character progress record "
            "(at most {max}); use --standard 2004 or fewer cards",
        ),
        "export.field_version": ("版", "version"),
        "export.field_title": ("タイトル（{lang}）", "title ({lang})"),
        "export.field_topic": ("分野 '{topic}' の名称（{lang}）", "topic '{topic}' name ({lang})"),
        "export.manifest_unsafe": (
            "{where}: {field} {text}: {why}。この値はパッケージのマニフェストに入るため、"
            "プレーンテキストにしてください（タイトルは --title で置き換えられます）",
            "{where}: {field} {text}: {why}; it goes into the package's manifest, which must "
            "hold plain text (pass --title to replace the title)",
        ),
        "export.cannot_write": (
            "-o {folder}: {name} を書き込めません: {reason}",
            "-o {folder}: cannot write {name}: {reason}",
        ),
        "export.no_such_file": ("{path}: ファイルがありません", "{path}: no such file"),
        "export.unreadable": (
            "{path}: 読み込めません: {reason}",
            "{path}: cannot be read: {reason}",
        ),
        "export.invalid": (
            "{path} は正しい SCORM パッケージではありません（問題 {n}件）:",
            "{path} is not a valid SCORM package ({n} problem{s}):",
        ),
        "export.no_decks": ("{where} に教材ファイルがありません", "no deck files in {where}"),
        "export.several_decks": (
            "--deck: {where} には複数の教材（{ids}）があります。--deck で1つを指定してください",
            "--deck: {where} holds several decks ({ids}); name one with --deck",
        ),
        "export.no_deck": (
            "--deck {id}: {where} にその教材はありません（教材: {ids}）",
            "--deck {id}: no such deck in {where} (decks: {ids})",
        ),
        "export.needs_db": (
            "--cards incident:ID にはデータベースが必要です",
            "--cards incident:ID needs the database",
        ),
        "export.ok_valid": (
            "OK: 正しい SCORM {standard} パッケージです",
            "OK: valid SCORM {standard} package",
        ),
        "export.ok_package": (
            "OK: {path} は正しい SCORM パッケージです",
            "OK: {path} is a valid SCORM package",
        ),
        # --- recall serve, recall link, recall remind (console) -------------------------
        "serve.deck_problems": (
            "警告: 教材ファイルに{n}件の問題があります（`recall deck check` で確認できます）。"
            "前回読み込んだ教材で提供を続けます。",
            "Warning: the deck files have {n} problem(s) (run `recall deck check`); serving "
            "the decks as last loaded.",
        ),
        "serve.serving": (
            "recall: {db} を http://{address} で提供中（リンク: {url}/signin/...）。"
            "Ctrl-C で停止します",
            "recall: serving {db} on http://{address} (links: {url}/signin/...); Ctrl-C stops",
        ),
        "serve.stopped": ("recall: 停止しました", "recall: stopped"),
        "serve.bad_host": ("--host {host}: {reason}", "--host {host}: {reason}"),
        "serve.port_in_use": (
            "{host} のポート {port} は使用中です（別の recall serve が動いていませんか?）。"
            "停止するか、--port で別のポートを指定してください",
            "port {port} on {host} is already in use (is another recall serve running?); "
            "stop it or choose another port with --port",
        ),
        "serve.cannot_listen": (
            "{host}:{port} で待ち受けできません: {reason}",
            "cannot listen on {host}:{port}: {reason}",
        ),
        "link.valid": (
            "1回だけ使えます。有効期限 {until}（{zone}）",
            "valid once, until {until} ({zone})",
        ),
        "remind.no_base_url": (
            "Web 復習のアドレスを指定してください: --base-url URL（または RECALL_BASE_URL）",
            "give the web review's address: --base-url URL (or RECALL_BASE_URL)",
        ),
    }
)


# --- HR in the browser (issue 11): the /hr/ pages, roles and the admins' trail ---------
CATALOGUE.update(
    {
        "role.hr": ("人事（変更可）", "HR (may change)"),
        "role.viewer": ("閲覧のみ", "viewer (read only)"),
        "hr.app_name": ("個人情報保護教育 管理", "Privacy training admin"),
        "hr.nav_dashboard": ("概要", "Dashboard"),
        "hr.nav_employees": ("従業者", "Employees"),
        "hr.nav_incidents": ("事故", "Incidents"),
        "hr.nav_audit": ("監査期間", "Audit period"),
        "hr.nav_settings": ("設定", "Settings"),
        "hr.nav_trail": ("操作記録", "Trail"),
        "hr.forbidden_title": ("このページは開けません", "You cannot open this page"),
        "hr.not_admin": (
            "管理ページは人事担当者のアカウント（recall admin add）でのみ使えます。",
            "The HR pages are only for HR accounts (recall admin add).",
        ),
        "hr.need_link": (
            "人事担当者用のサインインリンクを開いてください（recall admin add）。",
            "Open your HR sign-in link (recall admin add).",
        ),
        "hr.viewer": (
            "閲覧のみのアカウントでは変更できません。",
            "A viewer account cannot change anything.",
        ),
        "hr.no_file": (
            "人事データのファイルがありません。もう一度アップロードしてください",
            "no HR export uploaded: upload the file again",
        ),
        "hr.job_title": ("処理状況", "Progress"),
        "hr.job_running": (
            "処理中です。このページは自動で更新されます。",
            "Working; this page refreshes itself.",
        ),
        "hr.job_done": ("完了しました。", "Done."),
        "hr.job_failed": ("失敗しました。何も記録していません。", "Failed; nothing was recorded."),
        "hr.job_sync_running": ("名簿を同期しています…", "Synchronising the roster…"),
        "hr.job_incident_running": ("再教育を割り当てています…", "Assigning refreshers…"),
        "hr.busy_title": ("処理中です", "Already running"),
        "hr.busy": (
            "同じ処理がまだ実行中です。終わってからもう一度お試しください。",
            "The same work is still running; try again when it has finished.",
        ),
        "hr.sync_title": ("人事データから名簿を同期", "Sync the roster from an HR export"),
        "hr.sync_hint": (
            "人事データ（CSV）をアップロードすると、まず変更内容を表示します。確定するまで何も記録しません。",
            "Upload the HR export (CSV): you see what would change first; nothing is "
            "recorded until you confirm.",
        ),
        "hr.export_file": ("人事データ（CSV）", "HR export (CSV)"),
        "hr.leavers": ("データにいない人", "People missing from the export"),
        "hr.leavers_ignore": ("一覧に表示するだけ", "only list them"),
        "hr.leavers_mark": ("本日付で退職として記録", "record them as leaving today"),
        "hr.sync_new": ("新規", "New"),
        "hr.sync_changed": ("変更", "Changed"),
        "hr.sync_missing": ("データにいない人", "Missing from the export"),
        "hr.sync_leaving": ("退職として記録", "Recorded as leaving"),
        "hr.sync_hire_dates": (
            "入社日の相違（適用しません）",
            "Hire dates that differ (not applied)",
        ),
        "hr.sync_typos": ("入力ミスの可能性がある ID", "Ids that are likely typos"),
        "hr.sync_nothing": ("変更はありません。", "Nothing to change."),
        "hr.sync_done": (
            "新規 {new} 人、変更 {changed} 人、データにいない人 {missing} 人、退職として記録 {leaving} 人。",
            "{new} new, {changed} changed, {missing} missing, {leaving} recorded as leaving.",
        ),
        "hr.incident_done": (
            "{employees} 人に {cards} 枚、計 {assignments} 件の再教育を割り当てました。",
            "{assignments} refreshers assigned: {cards} cards to {employees} employees.",
        ),
        "hr.no_topics": ("トピックを 1 つ以上指定してください", "give at least one topic"),
        "hr.reminded_title": ("リマインダー", "Reminders"),
        "hr.reminded": ("送信 {sent} 件、失敗 {failed} 件。", "{sent} sent, {failed} failed."),
        "hr.back": ("戻る", "Back"),
        "hr.reviewed_today": ("今日復習した人", "Reviewed today"),
        "hr.overdue": ("復習が遅れている人", "Overdue"),
        "hr.past_deadline": ("期限切れの未完了再教育", "Open refreshers past deadline"),
        "hr.coverage": ("監査期間の網羅率", "Audit-period coverage"),
        "hr.search": ("検索（ID・氏名・メール）", "Search (id, name, e-mail)"),
        "hr.search_button": ("検索", "Search"),
        "hr.all_departments": ("すべての部署", "All departments"),
        "hr.email": ("メール", "E-mail"),
        "hr.preview": ("内容を確認", "Preview"),
        "hr.confirm": ("確定して記録", "Confirm and record"),
        "hr.leave_title": ("退職の記録", "Record leaving"),
        "hr.leave_on": ("退職日（空欄は本日）", "Leaving date (empty: today)"),
        "hr.leave_button": ("退職を記録", "Record leaving"),
        "hr.incident_new": ("事故を記録", "Record an incident"),
        "hr.occurred": ("発生日", "Occurred on"),
        "hr.scope": ("対象", "Who"),
        "hr.scope_departments": ("部署", "Departments"),
        "hr.scope_employees": ("従業者（ID）", "Employees (ids)"),
        "hr.scope_all": ("全員", "Everyone"),
        "hr.scope_who": ("部署名または ID（カンマ区切り）", "Departments or ids (comma-separated)"),
        "hr.assignments": ("再教育の件数", "Refreshers"),
        "hr.remind_now": (
            "未完了・期限切れの人に今すぐリマインダーを送る",
            "Send a reminder now to those open or overdue",
        ),
        "hr.download_html": ("監査記録（印刷用 HTML）", "Audit record (HTML for printing)"),
        "hr.download_csv": ("監査記録（Excel 用 CSV）", "Audit record (CSV for Excel)"),
        "hr.refresh_short": (
            "不足している全員に再教育を割り当てる",
            "Assign refreshers to everyone short",
        ),
        "hr.saved": ("保存しました。", "Saved."),
        "hr.save": ("保存", "Save"),
        "hr.trail_hint": (
            "管理者による変更の記録です（追記のみ、変更・削除できません）。",
            "Every change made by an admin (append-only: never changed or deleted).",
        ),
        "admin_trail": ("管理者の操作記録", "Admins' trail"),
        "trail_at": ("日時", "When"),
        "trail_actor": ("実施者", "Who"),
        "trail_action": ("操作", "What"),
        "trail_subject": ("対象", "About"),
        "trail_counts": ("件数", "Counts"),
        "trail_action.sync": ("名簿の同期", "roster sync"),
        "trail_action.incident": ("事故の記録", "incident"),
        "trail_action.coverage": ("監査期間の再教育", "coverage refresh"),
        "trail_action.settings": ("設定の変更", "settings"),
        "trail_action.leave": ("退職の記録", "leave"),
        "trail_action.edit": ("従業者情報の変更", "employee edit"),
        "hr.edit_title": ("従業者情報の変更", "Edit employee"),
        "hr.edit_button": ("変更を保存", "Save changes"),
        "hr.language": ("言語", "Language"),
    }
)

# --- long work in the background: progress, uploads kept between preview and confirm,
# incident scope errors in the admin's language (the jobs branch) ----------------------
CATALOGUE.update(
    {
        "job.phase.reading": ("ファイルを読み込んでいます…", "Reading the file…"),
        "job.phase.checking": (
            "{done} / {total} 行を確認しました",
            "{done} / {total} lines checked",
        ),
        "job.phase.comparing": (
            "{done} / {total} 行を名簿と照合しました",
            "{done} / {total} rows compared with the roster",
        ),
        "job.phase.writing": (
            "{done} / {total} 件を書き込みました",
            "{done} / {total} rows written",
        ),
        "job.phase.finding": ("対象者を調べています…", "Finding who is concerned…"),
        "job.phase.assigning": (
            "{done} / {total} 人に再教育を割り当てました",
            "{done} / {total} people given their refreshers",
        ),
        "job.phase.saving": ("記録を確定しています…", "Saving…"),
        "job.waiting": ("開始を待っています…", "Waiting to start…"),
        "job.coverage_running": (
            "監査期間の再教育を割り当てています…",
            "Assigning audit-period refreshers…",
        ),
        "job.busy": (
            "データベースが別の処理（CLI での取り込みなど）で長く使用中だったため中止しました。"
            "何も記録していません。しばらくしてからもう一度お試しください。",
            "Stopped: the database was busy with other work (a CLI import?) for too long. "
            "Nothing was recorded; try again in a moment.",
        ),
        "job.gone_title": ("処理の記録がありません", "No record of this work"),
        "job.gone": (
            "この処理の状況はもうありません（サーバーが再起動した可能性があります）。"
            "何が記録されたかは操作履歴で確認できます。",
            "This work's status is no longer kept (the server may have restarted); the "
            "admins' trail shows what was recorded.",
        ),
        "upload.kept": (
            "アップロードしたファイルは確定のために{minutes}分間だけ保管し、その後削除します。",
            "The uploaded file is kept {minutes} minutes for this confirmation, then deleted.",
        ),
        "upload.gone_title": (
            "アップロードしたファイルはもうありません",
            "The uploaded file is no longer kept",
        ),
        "upload.gone": (
            "アップロードした人事データは、{minutes}分以内に確定されなかったか、サーバーが"
            "再起動したため削除しました。何も変更していません。もう一度アップロードしてください。",
            "The uploaded HR export was deleted: it was not confirmed within {minutes} "
            "minutes, or the server restarted. Nothing was changed; upload the file again.",
        ),
        "upload.again": ("もう一度アップロードする", "Upload again"),
    }
)


# --- errors in the reader's language: keyed errors (recall.errors), rendered by the CLI or web
CATALOGUE.update(
    {
        "error.none": ("なし", "none"),
        "error.bad_lang": (
            "{what} {value}: ja または en を指定してください",
            "{what} {value}: use ja or en",
        ),
        "error.no_employee": (
            "従業者 '{id}' は登録されていません（`recall employee list` で確認できます）",
            "no employee '{id}' (see `recall employee list`)",
        ),
        "error.no_employee_or_email": (
            "社員番号またはメールアドレスが {value} の従業者はいません",
            "no employee with id or email {value}",
        ),
        "error.already_enrolled": ("既に登録されています: {ids}", "already enrolled: {ids}"),
        "error.leave_future": (
            "従業者 {id}: 退職日 {on} は未来の日付です（本日は {today}）。退職日当日に記録してください",
            "employee {id}: leaving date {on} is in the future (today is {today}); record it "
            "on the day",
        ),
        "error.leave_before_hire": (
            "従業者 {id}: 退職日 {on} が入社日 {hired} より前です",
            "employee {id}: leaving date {on} is before the hire date {hired}",
        ),
        "error.employee_id": (
            "社員番号 {id} は使えません（英数字と . _ @ - のみ）",
            "employee id {id} is not valid: use letters, digits, '.', '_', '@', '-'",
        ),
        "error.employee_no_name": ("従業者 {id}: 氏名が空です", "employee {id}: the name is empty"),
        "error.employee_email": (
            "従業者 {id}: {email} はメールアドレスではありません",
            "employee {id}: {email} is not an email address",
        ),
        "error.employee_lang": (
            "従業者 {id}: 言語 '{lang}' は使えません（ja または en）",
            "employee {id}: unknown language '{lang}' (use ja or en)",
        ),
        "error.login_name": (
            "ログイン名 {name} は社員番号として使えません。--employee ID を指定するか、"
            "RECALL_EMPLOYEE を設定してください",
            "the login name {name} cannot be an employee id; pass --employee ID or set "
            "RECALL_EMPLOYEE",
        ),
        "error.no_card": (
            "カード '{id}' はありません（`recall deck list` で確認できます）",
            "no card '{id}' (see `recall deck list`)",
        ),
        "error.no_card_short": ("カード '{id}' はありません", "no card '{id}'"),
        "error.no_card_version": (
            "カード '{id}' に版 {version} はありません",
            "card '{id}' has no version {version}",
        ),
        "error.card_of_other_deck": (
            "{file}:{line}: カード {id}: この ID はデータベース内の別の教材のカードで使われています。"
            "カード ID は重複できません",
            "{file}:{line}: card {id}: this id already belongs to another deck in the "
            "database; card ids must stay unique",
        ),
        "error.card_changed": (
            "カード {id} は表示された後に変更されました（表示時の版 {shown}、現在の版 {version}）。"
            "何も記録していません。もう一度表示してください",
            "card {id} changed since it was shown (version {shown}, now {version}); nothing "
            "was recorded — show it again",
        ),
        "error.not_shown": (
            "このカードはあなたに表示されたものではありません。今日の復習をもう一度開いてください",
            "this card was not shown to you; open today's review again",
        ),
        "error.no_incident": (
            "インシデント {id} はありません（`recall incident list` で確認できます）",
            "no incident {id} (see `recall incident list`)",
        ),
        "error.no_title": ("インシデントには --title が必要です", "the incident needs a --title"),
        "error.no_topics": (
            "--topics TOPIC[,TOPIC] で分野を1つ以上指定してください",
            "give at least one topic with --topics TOPIC[,TOPIC]",
        ),
        "error.incident_kind": (
            "インシデントの種類 '{kind}' は不明です",
            "unknown incident kind '{kind}'",
        ),
        "error.occurred_future": (
            "--occurred {occurred} は未来の日付です（本日は {today}）",
            "--occurred {occurred} is in the future (today is {today})",
        ),
        "error.deadline_before_occurred": (
            "期限 {deadline} がインシデントの発生日（{occurred}）より前です",
            "the deadline {deadline} is before the incident occurred ({occurred})",
        ),
        "error.deadline_passed": (
            "期限 {deadline} は既に過ぎています（本日は {today}）",
            "the deadline {deadline} has already passed (today is {today})",
        ),
        "error.deadline_and_within": (
            "--deadline と --within はどちらか一方だけを指定してください",
            "give either --deadline or --within, not both",
        ),
        "error.within": (
            "--within {value}: 1d から {max}d までの日数または週数を指定してください（例: 7d、2w）",
            "--within {value}: give a number of days or weeks from 1d to {max}d, e.g. 7d or 2w",
        ),
        "error.scope_empty": (
            "対象が指定されていません: --all、--department 部署、--employee ID のいずれかを"
            "指定してください",
            "the scope is empty: give --all, or --department D, or --employee ID",
        ),
        "error.scope_several": (
            "--all、--department、--employee はどれか1つだけを指定してください",
            "give only one of --all, --department and --employee",
        ),
        "error.scope_nobody": (
            "対象（{scope}）には、これらの分野の教材に登録された在籍中の従業者がいません。"
            "何も記録していません",
            "the scope ({scope}) has no active employee enrolled in a deck with these "
            "topics; nothing was recorded",
        ),
        "error.unknown_topics": (
            "分野 {topics} のカードがありません（カードのある分野: {known}）。何も記録していません",
            "no card has topic{s} {topics} (topics with cards: {known}); nothing was recorded",
        ),
        "error.unknown_departments": (
            "部署 {departments} は不明です（在籍者のいる部署: {known}）。何も記録していません",
            "unknown department {departments} (departments with active employees: {known}); "
            "nothing was recorded",
        ),
        "error.scope_no_employees": (
            "従業者 {ids} は登録されていません（`recall employee list` で確認できます）。"
            "何も記録していません",
            "no employee {ids} (see `recall employee list`); nothing was recorded",
        ),
        "error.left_entry": ("'{id}'（{day} 退職）", "'{id}' (left {day})"),
        "error.scope_left": (
            "退職済みの従業者が含まれています: {employees}。何も記録していません",
            "employee {employees} has left; nothing was recorded",
        ),
        "error.period_reversed": (
            "期間の終わり（{end}）が始まり（{start}）より前です",
            "the period ends ({end}) before it starts ({start})",
        ),
        "error.fiscal_year_start": (
            "fiscal_year_start {value} は MM-DD 形式で指定してください（例: 04-01）",
            "fiscal_year_start {value} must be MM-DD, e.g. 04-01",
        ),
        "error.to_before_from": (
            "--to {last} が --from {first} より前です",
            "--to {last} is before --from {first}",
        ),
        "error.format": (
            "--format {value}: {formats} のいずれかを指定してください",
            "--format {value}: use one of {formats}",
        ),
        "error.cannot_write": (
            "{path} に書き込めません: {reason}",
            "cannot write {path}: {reason}",
        ),
        "error.bad_now": (
            "--now / RECALL_NOW: {value} は 2000〜2100 年の ISO 8601 形式の日時ではありません"
            "（例: 2026-04-01T09:00:00+09:00）",
            "--now / RECALL_NOW: {value} is not an ISO-8601 date-time within years 2000-2100 "
            "(e.g. 2026-04-01T09:00:00+09:00)",
        ),
        "error.empty_path": ("{what}: パスが空です", "{what}: the path is empty"),
        "error.windows_path": (
            "{what} {path}: バックスラッシュを含むパスです（Windows のパス？）。このシステムでは"
            "フォルダーを / で区切ります（例: ~/recall/recall.db）",
            "{what} {path}: a path with backslashes (a Windows path?); on this system "
            "folders are separated by / (e.g. ~/recall/recall.db)",
        ),
        "error.busy_timeout": (
            "RECALL_BUSY_TIMEOUT {value}: 0 から 600 までの秒数を指定してください（既定値 10）",
            "RECALL_BUSY_TIMEOUT {value}: give seconds from 0 to 600 (default 10)",
        ),
        "error.admin_email": (
            "メールアドレス {email} は業務用のメールアドレスではありません",
            "email {email}: not a work email address",
        ),
        "error.no_admin": ("管理者 {email} は登録されていません", "no admin {email}"),
        "error.smtp_unset": (
            "先に SMTP サーバーを設定してください: recall settings set smtp_host HOST; "
            "recall settings set smtp_sender ADDRESS",
            "set the SMTP server first: recall settings set smtp_host HOST; "
            "recall settings set smtp_sender ADDRESS",
        ),
        "error.smtp_password": (
            "smtp_user が {user} に設定されています。パスワードを RECALL_SMTP_PASSWORD で"
            "指定してください",
            "smtp_user is {user}: give its password in RECALL_SMTP_PASSWORD",
        ),
        "error.smtp_failed": (
            "SMTP サーバー {host}:{port}: {reason}。何も送信していません",
            "SMTP server {host}:{port}: {reason}; nothing was sent",
        ),
        "error.at_least": ("{what} は {n} 以上にしてください", "{what} must be at least {n}"),
        "error.no_cards_in": ("{folder} にカードがありません", "no cards in {folder}"),
        "error.out_unwritable": (
            "--out {out}: 書き込めません（{reason}）",
            "--out {out}: cannot write there ({reason})",
        ),
        "error.schema_not_shipped": (
            "スキーマの検証で、同梱されていない {url} を読み込もうとしました",
            "schema validation tried to load {url}, which is not shipped",
        ),
        "store.newer": (
            "{path} は新しい版の recall で書かれています（スキーマの版 {version}。この recall は "
            "{known} まで）。recall を更新してから使ってください",
            "{path} was written by a newer recall (schema version {version}; this recall "
            "knows up to {known}). Upgrade recall to use it.",
        ),
        "deck.problems_using_stored": (
            "警告: 教材ファイルに{n}件の問題があります（`recall deck check` で確認できます）。"
            "前回読み込んだ教材を使います。",
            "Warning: the deck files have {n} problem(s) (run `recall deck check`); using the "
            "decks as last loaded.",
        ),
    }
)


# --- the upload's check as a job, a job waiting for the database (the jobs2 branch) ------
CATALOGUE.update(
    {
        "job.preview_running": (
            "人事データ {file} を確認しています（まだ何も記録しません）…",
            "Checking the HR export {file} (nothing is recorded yet)…",
        ),
        "job.previewed": (
            "確認しました: 新規 {new} 人、変更 {changed} 人、データにいない人 {missing} 人。"
            "確定するまで何も記録していません。",
            "Checked: {new} new, {changed} changed, {missing} missing. Nothing is "
            "recorded until the upload's admin confirms.",
        ),
        "job.preview_cut": (
            "一覧はそれぞれ最初の {shown} 件だけを表示しています（件数は全件）。",
            "Each list shows its first {shown} rows only (the counts are of all rows).",
        ),
        "job.incident_preview_running": (
            "割り当てる再教育を数えています（まだ何も記録しません）…",
            "Counting the refreshers to assign (nothing is recorded yet)…",
        ),
        "job.incident_previewed": (
            "数えました: {employees} 人に {cards} 枚、計 {assignments} 件。確定するまで"
            "何も記録していません。",
            "Counted: {assignments} refreshers, {cards} cards to {employees} employees. "
            "Nothing is recorded until it is confirmed.",
        ),
        "job.database": (
            "データベースの空きを待っています（別の処理が書き込み中です）…",
            "Waiting for the database (another process is writing to it)…",
        ),
    }
)


# --- the audit period's preview as a job (the auditjob branch) ------------------------
CATALOGUE.update(
    {
        "job.phase.searching": (
            "{done} / {total} 人の監査期間の回答を確認しました",
            "{done} / {total} people's answers in the audit period looked at",
        ),
        "job.coverage_preview_running": (
            "監査期間に不足のある人と割り当てる再教育を数えています（まだ何も記録しません）…",
            "Finding who is short in the audit period and counting their refreshers "
            "(nothing is recorded yet)…",
        ),
        "job.coverage_previewed": (
            "数えました: 不足のある {employees} 人に {cards} 枚、計 {assignments} 件を"
            "割り当てます。確定するまで何も記録していません。",
            "Counted: {employees} employees short in the audit period would get "
            "{assignments} refreshers of {cards} cards. Nothing is recorded until it is "
            "confirmed.",
        ),
    }
)


# --- settings refused (review r4) ---------------------------------------------------------
CATALOGUE.update(
    {
        "settings.between": (
            "{name} は {low} から {high} までの範囲で指定してください",
            "{name} must be between {low} and {high}",
        ),
        "settings.between_days": (
            "{name} は {low} から {high} 日までの範囲で指定してください",
            "{name} must be between {low} and {high} days",
        ),
        "settings.between_working_days": (
            "{name} は {low} から {high} 営業日までの範囲で指定してください",
            "{name} must be between {low} and {high} working days",
        ),
        "settings.organisation": (
            "organisation は 200 文字以内の表示可能な文字で指定してください",
            "organisation must be printable text of at most 200 characters",
        ),
        "settings.timezone": (
            "timezone {value} は不明なタイムゾーンです（例: Asia/Tokyo）",
            "timezone {value} is unknown (e.g. Asia/Tokyo)",
        ),
        "settings.fiscal_year_start": (
            "fiscal_year_start は MM-DD で指定してください（例: 04-01）",
            "fiscal_year_start must be MM-DD, e.g. 04-01",
        ),
        "settings.smtp_security": (
            "smtp_security は starttls、tls、none のいずれかです",
            "smtp_security must be starttls, tls or none",
        ),
        "settings.unknown": (
            "不明な設定 '{name}' です（設定: {known}）",
            "unknown setting '{name}' (known: {known})",
        ),
        "settings.not_a": (
            "設定 {name}: {value} は {kind} ではありません",
            "setting {name}: {value} is not a {kind}",
        ),
        "settings.and": ("{first}。{rest}", "{first}; {rest}"),
        "grading.no_such_choice": (
            "カード {card}: 選択肢 '{choice}' はありません（選択肢: {keys}）",
            "card {card}: choice '{choice}' is not one of {keys}",
        ),
    }
)


# --- `recall admin` in the terminal (review r3) ---------------------------------------
CATALOGUE.update(
    {
        "admin.column.role": ("権限", "role"),
        "admin.column.added": ("追加日", "added"),
        "admin.link_valid": (
            "{email}（{role}）: リンクは1回だけ使えます。有効期限 {until}（{zone}）",
            "{email} ({role}): link valid once, until {until} ({zone})",
        ),
        "admin.removed": ("{email} を削除しました", "removed {email}"),
    }
)


def t(key: str, lang: str, /, **values: object) -> str:
    """The text for ``key`` in ``lang`` (Japanese unless ``en``), formatted with ``values``.

    An unknown key is returned as it is, so that a missing label shows up instead of
    failing (the catalogue test checks every key used in the code exists).
    """
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == Lang.EN else pair[0]
    return text.format(**values) if values else text
