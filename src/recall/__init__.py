"""recall's public Python API: what an integrator may import.

Everything in ``__all__`` is a use case of :mod:`recall.service` (the CLI and the web app
call the same functions), its result types, the codes they take, the store they run on,
and the errors they raise. Names load on first use, so ``import recall`` stays cheap::

    from datetime import UTC, datetime
    import recall

    store = recall.open_store("recall.db")
    recall.sync_decks(store, Path("decks"), datetime.now(UTC))
    today = recall.today(store, "E0001", datetime.now(UTC))
    card = today.cards[0]
    recall.answer(store, "E0001", card.card_id, card.choices[0].key, datetime.now(UTC),
                  response_ms=None, method=recall.Method.API)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: public name → "module:attribute"
_EXPORTS: dict[str, str] = {
    # the database
    "Store": "recall.store:Store",
    "open_store": "recall.service.workspace:open_store",
    "sync_decks": "recall.service.workspace:sync_decks",
    # the employee's review
    "Answered": "recall.service.review:Answered",
    "Enrolment": "recall.service.review:Enrolment",
    "Status": "recall.service.review:Status",
    "Summary": "recall.service.review:Summary",
    "Today": "recall.service.review:Today",
    "answer": "recall.service.review:answer",
    "employee_for": "recall.service.review:employee_for",
    "queue": "recall.service.review:queue",
    "status": "recall.service.review:status",
    "summary": "recall.service.review:summary",
    "today": "recall.service.review:today",
    # the roster
    "ImportOutcome": "recall.service.staff:ImportOutcome",
    "SyncOptions": "recall.service.roster:SyncOptions",
    "SyncResult": "recall.service.roster:SyncResult",
    "add_employee": "recall.service.staff:add",
    "edit_employee": "recall.service.staff:edit",
    "import_employees": "recall.service.staff:import_csv",
    "leave": "recall.service.staff:leave",
    "list_employees": "recall.service.staff:roster",
    "sync_roster": "recall.service.roster:sync_roster",
    # incidents and coverage
    "CoverageOutcome": "recall.service.incidents:CoverageOutcome",
    "deadline_from": "recall.service.incidents:deadline_from",
    "record_incident": "recall.service.incidents:record",
    "refresh_coverage": "recall.service.incidents:refresh_coverage",
    # reports (recall.reports.Report; render with recall.reports.render)
    "audit_period": "recall.service.reports:audit_period",
    "report_audit": "recall.service.reports:audit",
    "report_coverage": "recall.service.reports:coverage",
    "report_employee": "recall.service.reports:employee",
    "report_incident": "recall.service.reports:incident",
    "report_incidents": "recall.service.reports:incidents",
    "report_overview": "recall.service.reports:overview",
    # settings
    "change_settings": "recall.service.settings:change",
    "current_settings": "recall.service.settings:current",
    # codes
    "IncidentKind": "recall.core.codes:IncidentKind",
    "Lang": "recall.core.codes:Lang",
    "Method": "recall.core.codes:Method",
    "ProgressState": "recall.core.codes:ProgressState",
    "Reason": "recall.core.codes:Reason",
    "ReportFormat": "recall.core.codes:ReportFormat",
    # errors
    "DeckError": "recall.errors:DeckError",
    "ExportError": "recall.errors:ExportError",
    "InputError": "recall.errors:InputError",
    "NotFoundError": "recall.errors:NotFoundError",
    "RecallError": "recall.errors:RecallError",
    "StoreError": "recall.errors:StoreError",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any exported object
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'recall' has no attribute {name!r}")
    module, attribute = target.split(":")
    value = getattr(import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
