"""The codes recall stores and accepts, as ``StrEnum``s: one definition each.

A code's value is what is stored in the database and accepted on the command line; its
label, in Japanese and English, is in :mod:`recall.i18n` under ``"<enum key>.<value>"``
(for example ``reason.refresher``).

Classes: :class:`Lang` (from :mod:`recall.i18n`), :class:`Reason`, :class:`Method`,
:class:`ProgressState`, :class:`IncidentKind`, :class:`ReportFormat`, :class:`ScormStandard`,
:class:`StatusMode`, :class:`LinkState`; function :func:`check_lang` (the one language check).
"""

from __future__ import annotations

from enum import StrEnum

from recall.errors import InputError
from recall.i18n import Lang  # defined beside the catalogue, which needs it

__all__ = [
    "IncidentKind",
    "Lang",
    "check_lang",
    "Method",
    "ProgressState",
    "Reason",
    "ReportFormat",
    "LinkState",
    "ScormStandard",
    "StatusMode",
    "AdminRole",
    "TrailAction",
]


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


class ScormStandard(StrEnum):
    """The SCORM edition a package is built for."""

    V12 = "1.2"
    V2004 = "2004"


class StatusMode(StrEnum):
    """What the LMS records at the end of a SCORM course (README, ``--status``)."""

    PASSED_FAILED = "passed-failed"
    PASSED_INCOMPLETE = "passed-incomplete"
    COMPLETED = "completed"


class LinkState(StrEnum):
    """What a browser sign-in link is worth (web review, issue 10)."""

    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    UNKNOWN = "unknown"
    LEFT = "left"


class AdminRole(StrEnum):
    """What an HR account may do in the browser (issue 11)."""

    HR = "hr"  # read every HR page and change things
    VIEWER = "viewer"  # read every HR page, change nothing


class TrailAction(StrEnum):
    """A change recorded in the admins' trail (issue 11)."""

    SYNC = "sync"
    INCIDENT = "incident"
    COVERAGE = "coverage"
    SETTINGS = "settings"
    LEAVE = "leave"
    EDIT = "edit"


def check_lang(lang: str | None, what: str = "--lang") -> Lang | None:
    """The one language check: ``None`` stays ``None``; anything else must be ja or en.

    Raises:
        InputError: an unknown language, naming ``what`` (the option or field).
    """
    if lang is None:
        return None
    try:
        return Lang(lang)
    except ValueError:
        raise InputError.of("error.bad_lang", what=what, value=repr(lang)) from None
