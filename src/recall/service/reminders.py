"""Daily reminders: an e-mail to each active employee with cards due or a refresher open,
in their language, with a fresh sign-in link; at most one a day per person.

SMTP settings come from the organisation's settings (``smtp_host``, ``smtp_port``,
``smtp_security``, ``smtp_user``, ``smtp_sender``); the password only from the caller (the
CLI reads the environment variable ``RECALL_SMTP_PASSWORD``), never stored. Every attempt
is recorded in the ``reminders`` table (who, when, why, and the error if it failed); a
failure for one address does not stop the others.

Classes: :class:`Reminder`, :class:`RemindOutcome`. Functions: :func:`plan`, :func:`send`.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from recall.core.codes import ProgressState
from recall.core.employee import Employee
from recall.core.incident import past_deadline
from recall.core.policy import Settings
from recall.errors import InputError
from recall.i18n import t
from recall.service import auth, review
from recall.store import Store
from recall.store import auth as sql

__all__ = ["RemindOutcome", "Reminder", "SentReminder", "for_incident", "plan", "send", "sent"]


@dataclass(frozen=True)
class Reminder:
    """Who is reminded and why: cards due today, refreshers open and past their deadline."""

    employee: Employee
    due: int
    refreshers: int
    overdue: int
    nearest_deadline: date | None


@dataclass
class RemindOutcome:
    """What :func:`send` did."""

    sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SentReminder:
    """A reminder as recorded: who, when, why, and the error if it was not delivered."""

    employee_id: str
    sent_at: datetime
    email: str
    due: int
    refreshers: int
    overdue: int
    error: str | None


def sent(store: Store, day: date) -> list[SentReminder]:
    """The reminders recorded on ``day`` (organisation's calendar), in the order sent."""
    return [
        SentReminder(
            employee_id=str(r["employee_id"]),
            sent_at=datetime.fromisoformat(str(r["sent_at"])),
            email=str(r["email"]),
            due=int(r["due"]),  # type: ignore[call-overload]
            refreshers=int(r["refreshers"]),  # type: ignore[call-overload]
            overdue=int(r["overdue"]),  # type: ignore[call-overload]
            error=None if r["error"] is None else str(r["error"]),
        )
        for r in sql.reminders(store, day)
    ]


def plan(store: Store, now: datetime, only: set[str] | None = None) -> list[Reminder]:
    """The reminders due now: active employees with a work email, something to do today,
    and no reminder delivered yet today (organisation's calendar); among the employee ids
    ``only`` when given.

    Returns:
        One :class:`Reminder` per employee, by department and id.
    """
    today = store.policy().local_date(now)
    result = []
    for employee in store.employees():
        if only is not None and employee.id not in only:
            continue
        if not employee.email or not employee.active_on(today):
            continue
        if sql.reminded_on(store, employee.id, today):
            continue
        due = len(review.queue(store, employee.id, now))
        open_ = [a for a in store.assignments_of(employee.id) if a.done_at is None]
        deadlines = [a.deadline for a in open_ if a.deadline is not None]
        overdue = sum(1 for d in deadlines if past_deadline(d, today))
        if due or open_:
            result.append(
                Reminder(employee, due, len(open_), overdue, min(deadlines, default=None))
            )
    return result


def for_incident(store: Store, incident_id: int, now: datetime) -> list[Reminder]:
    """The reminders due now for the people who have not finished one incident's
    refreshers (open or past the deadline), as :func:`plan` builds them.

    Raises:
        NotFoundError: no such incident.
    """
    store.incident(incident_id)
    unfinished = {
        p.employee_id
        for p in store.incident_progress(incident_id, now)
        if p.status in (ProgressState.OPEN, ProgressState.OVERDUE)
    }
    return plan(store, now, unfinished)


def send(
    store: Store,
    now: datetime,
    *,
    base_url: str,
    password: str | None,
    reminders: list[Reminder] | None = None,
) -> RemindOutcome:
    """E-mail each reminder of :func:`plan` (or ``reminders``) with a fresh sign-in link.

    Args:
        store: the open store.
        now: the current instant (aware UTC).
        base_url: the web review's public address (links are built on it).
        password: the SMTP password (None: no login, or ``smtp_user`` is empty).
        reminders: what to send; default :func:`plan`.

    Returns:
        Who was reminded and who could not be, with the SMTP error.

    Raises:
        InputError: no SMTP server or sender is set, a user is set without a password, or
            the SMTP server cannot be reached or refuses the login (nothing is recorded).
    """
    settings = store.settings()
    if not settings.smtp_host or not settings.smtp_sender:
        raise InputError.of("error.smtp_unset")
    if settings.smtp_user and not password:
        raise InputError.of("error.smtp_password", user=repr(settings.smtp_user))
    todo = plan(store, now) if reminders is None else reminders
    outcome = RemindOutcome()
    if not todo:
        return outcome
    today = store.policy().local_date(now)
    try:
        smtp = _connect(settings, password)
    except (OSError, smtplib.SMTPException) as error:
        raise InputError.of(
            "error.smtp_failed", host=settings.smtp_host, port=settings.smtp_port, reason=error
        ) from None
    try:
        for reminder in todo:
            link = auth.issue_link(store, reminder.employee.id, now)
            message = _message(reminder, link.url(base_url), settings.smtp_sender, store, now)
            error: str | None = None
            try:
                refused = smtp.send_message(message)
                if refused:
                    error = "; ".join(f"{a}: {c} {m!r}" for a, (c, m) in refused.items())
            except smtplib.SMTPServerDisconnected as failure:
                error = str(failure) or "disconnected"
                try:  # go on with the next address on a new connection
                    smtp = _connect(settings, password)
                except (OSError, smtplib.SMTPException):
                    pass  # every following send fails and is recorded as such
            except (smtplib.SMTPException, OSError) as failure:
                error = str(failure)
            sql.add_reminder(
                store,
                employee_id=reminder.employee.id,
                day=today,
                now=now,
                email=reminder.employee.email or "",
                due=reminder.due,
                refreshers=reminder.refreshers,
                overdue=reminder.overdue,
                error=error,
            )
            if error is None:
                outcome.sent.append(reminder)
            else:
                outcome.failed.append((reminder, error))
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return outcome


def _connect(settings: Settings, password: str | None) -> smtplib.SMTP:
    """A connection to the settings' SMTP server, logged in when a user is set."""
    host, port, security = settings.smtp_host, settings.smtp_port, settings.smtp_security
    context = ssl.create_default_context()
    if security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=30, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=30)
        if security == "starttls":
            smtp.starttls(context=context)
    if settings.smtp_user:
        smtp.login(settings.smtp_user, password or "")
    return smtp


def _message(
    reminder: Reminder, url: str, sender: str, store: Store, now: datetime
) -> EmailMessage:
    employee = reminder.employee
    lang = employee.lang
    lines = [t("remind.greeting", lang, name=employee.name), ""]
    if reminder.due:
        lines.append(t("remind.due", lang, n=reminder.due))
    if reminder.refreshers:
        deadline = reminder.nearest_deadline.isoformat() if reminder.nearest_deadline else "—"
        lines.append(t("remind.refreshers", lang, n=reminder.refreshers, deadline=deadline))
    if reminder.overdue:
        lines.append(t("remind.overdue", lang, n=reminder.overdue))
    days = store.settings().link_days
    lines += ["", t("remind.link", lang, days=days), url, "", t("remind.footer", lang)]
    message = EmailMessage()
    message["Subject"] = t("remind.subject", lang, n=reminder.due + reminder.refreshers)
    message["From"] = sender
    message["To"] = employee.email or ""
    message["Date"] = formatdate(now.timestamp(), localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines))
    return message
