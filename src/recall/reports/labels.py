"""Report labels in Japanese and English: column headings, titles, states.

Function :func:`label` looks a key up in the report's language (``ja`` or ``en``);
:func:`check_lang` validates ``--lang``.
"""

from __future__ import annotations

from recall.errors import InputError

__all__ = ["LANGUAGES", "LABELS", "check_lang", "label"]

LANGUAGES = ("ja", "en")

#: key → (Japanese, English)
LABELS: dict[str, tuple[str, str]] = {
    # report titles
    "overview": ("部署別 学習状況", "Training overview by department"),
    "employee": ("従業員別 学習記録", "Employee training record"),
    "incidents": ("インシデント別 再教育の状況", "Incident refreshers"),
    "audit": ("個人情報保護教育 実施記録", "Privacy-protection training record"),
    "coverage": ("監査期間の未受講項目", "Audit-period coverage gaps"),
    "incident": ("インシデント", "Incident"),
    # sections
    "summary": ("概要", "Summary"),
    "retention_by_topic": ("分野別 記憶保持率", "Retention per topic"),
    "assignments": ("再教育の割り当て", "Refresher assignments"),
    "history": ("回答履歴", "Review history"),
    "people": ("対象者", "People"),
    "reviews_per_week": ("週別 回答数", "Reviews per week"),
    # meta
    "organisation": ("組織", "Organisation"),
    "period": ("対象期間", "Period"),
    "generated": ("作成日時", "Generated"),
    "deck": ("教材", "Deck"),
    "source": ("出典", "Source"),
    "pass_mark": ("合格基準（正答率）", "Pass mark (correct rate)"),
    "fiscal_year_start": ("年度開始日", "Fiscal year start"),
    "total": ("全体", "All"),
    "none": ("なし", "none"),
    # columns
    "department": ("部署", "Department"),
    "employees": ("在籍者数", "Active employees"),
    "onboarded": ("導入教育 修了", "Onboarding finished"),
    "reviewed_7d": ("7日以内に学習", "Reviewed (7 days)"),
    "reviewed_30d": ("30日以内に学習", "Reviewed (30 days)"),
    "overdue": ("期限超過", "Overdue"),
    "retention": ("推定記憶保持率", "Est. retention"),
    "weakest_topics": ("弱い分野", "Weakest topics"),
    "employee_id": ("社員ID", "Employee ID"),
    "name": ("氏名", "Name"),
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
    # why a card was shown, and how it was answered (review-log codes)
    "reason.due": ("復習", "review"),
    "reason.new": ("新規", "new"),
    "reason.onboarding": ("入社時研修", "onboarding"),
    "reason.refresher": ("再教育", "refresher"),
    "reason.extra": ("追加", "extra"),
    "method.cli": ("端末（CLI）", "terminal (CLI)"),
    "method.api": ("連携（API）", "integration (API)"),
    "method.lms": ("LMS", "LMS"),
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
    "missing_cards": ("未受講の導入カード", "Missing onboarding cards"),
    "missing_topics": ("未学習の分野", "Missing topics"),
    "finished_on": ("完了日", "Finished on"),
    "progress": ("進捗", "Progress"),
    "note": ("備考", "Note"),
    # values
    "pass": ("合格", "pass"),
    "fail": ("不合格", "below pass mark"),
    "not_trained": ("未受講", "not trained"),
    "below_pass_mark": ("正答率不足", "below pass mark"),
    "coverage_gap": ("未学習分野あり", "coverage gap"),
    "done": ("完了", "done"),
    "late": ("期限後に完了", "done late"),
    "state_open": ("未完了", "open"),
    "state_overdue": ("期限超過", "overdue"),
    "kind_incident": ("インシデント", "incident"),
    "kind_coverage": ("監査期間の補講", "coverage"),
    "yes": ("正", "yes"),
    "no": ("誤", "no"),
    "chart_retention": ("分野別 推定記憶保持率（%）", "Estimated retention per topic (%)"),
    "chart_weeks": ("週別 回答数", "Answers per week"),
    "no_data": ("データなし", "no data"),
    "no_rows": ("該当なし", "Nothing to report"),
}


def check_lang(lang: str) -> str:
    """Validate a report language.

    Raises:
        InputError: not ``ja`` or ``en``.
    """
    if lang not in LANGUAGES:
        raise InputError(f"--lang {lang!r}: use ja or en")
    return lang


def label(key: str, lang: str) -> str:
    """The label for ``key`` in ``lang`` (the key itself if unknown)."""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
