"""The codes recall stores and accepts, as ``StrEnum``s: one definition each.

A code's value is what is stored in the database and accepted on the command line; its
label, in Japanese and English, is in :mod:`recall.i18n` under ``"<enum key>.<value>"``
(for example ``reason.refresher``).

Classes: :class:`Lang`, :class:`Reason`, :class:`Method`, :class:`ProgressState`,
:class:`IncidentKind`, :class:`ReportFormat`, :class:`LinkState`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "IncidentKind",
    "Lang",
    "LinkState",
    "Method",
    "ProgressState",
    "Reason",
    "ReportFormat",
]


class Lang(StrEnum):
    """A language recall speaks: every card, label and message exists in each."""

    JA = "ja"
    EN = "en"


class Reason(StrEnum):
    """Why a card was shown (today's queue and the review log)."""

    REFRESHER = "refresher"
    DUE = "due"
    ONBOARDING = "onboarding"
    NEW = "new"
    EXTRA = "extra"


class Method(StrEnum):
    """How an answer reached recall (the audit record's method column)."""

    CLI = "cli"
    WEB = "web"
    API = "api"
    LMS = "lms"


class ProgressState(StrEnum):
    """Where one person stands on the refreshers of one incident."""

    DONE = "done"
    LATE = "late"
    OPEN = "open"
    OVERDUE = "overdue"


class IncidentKind(StrEnum):
    """What created a set of refresher assignments."""

    INCIDENT = "incident"
    COVERAGE = "coverage"


class ReportFormat(StrEnum):
    """How a report is rendered."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


class LinkState(StrEnum):
    """What a browser sign-in link is worth (web review, issue 10)."""

    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    LEFT = "left"
