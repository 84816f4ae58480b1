"""``recall remind`` against a real SMTP server (aiosmtpd on a loopback port): messages in
each employee's language with a working link, one failure not stopping the others, at
most one reminder a day, a dry run sending nothing, and the record HR can read."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from recall.core.codes import Lang, LinkState
from recall.service import auth, staff
from recall.store import auth as sql
from tests.conftest import NOW_UTC


class Inbox:
    """An SMTP handler keeping every message; addresses in ``reject`` are refused."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.reject: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.reject:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _staff(store) -> None:
    for employee_id, mail, lang in [
        ("E0001", "hanako@example.co.jp", Lang.JA),
        ("E0002", "ken@example.co.jp", Lang.EN),
        ("E0003", None, Lang.JA),  # no work email: no reminder
        ("E0004", "gone@example.co.jp", Lang.JA),
    ]:
        staff.add(
            store,
            NOW_UTC,
            employee_id=employee_id,
            name=f"Name {employee_id}",
            email=mail,
            department="Sales",
            hired=date(2026, 4, 1),
            lang=lang,
        )


def _configure(cli, port: int) -> None:
    for name, value in [
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", str(port)),
        ("smtp_security", "none"),
        ("smtp_sender", "recall@example.co.jp"),
    ]:
        assert cli("settings", "set", name, value).exit_code == 0


def test_reminders_are_sent_once_a_day_and_recorded(cli, store, smtp):
    inbox, port = smtp
    _staff(store)
    _configure(cli, port)
    inbox.reject.add("gone@example.co.jp")
    base = ["remind", "--base-url", "https://recall.example.co.jp", "--lang", "en"]

    dry = cli("remind", "--dry-run", "--lang", "en")
    assert dry.exit_code == 0 and "Dry run: would remind 3 employee(s)" in dry.stdout
    assert inbox.messages == [] and sql.reminders(store) == []

    first = cli(*base)
    assert first.exit_code == 1  # one address failed
    assert "Reminders sent to 2 employee(s)" in first.stdout
    assert "Could not remind E0004 <gone@example.co.jp>" in first.stderr
    assert "550" in first.stderr
    by_to = {m["To"]: m for m in inbox.messages}
    assert set(by_to) == {"hanako@example.co.jp", "ken@example.co.jp"}
    ja = by_to["hanako@example.co.jp"]
    assert ja["Subject"].startswith("【個人情報保護】") and ja["From"] == "recall@example.co.jp"
    body = ja.get_content()
    assert "Name E0001 さん" in body and "今日の復習カードが" in body
    en = by_to["ken@example.co.jp"].get_content()
    assert "Dear Name E0002," in en and "card(s) are due today" in en
    [url] = re.findall(r"https://recall\.example\.co\.jp/signin/(\S+)", en)
    assert auth.link_state(store, url, NOW_UTC) is LinkState.VALID

    rows = sql.reminders(store, date(2026, 4, 1))
    assert [(r["employee_id"], r["error"] is None) for r in rows] == [
        ("E0001", True),
        ("E0002", True),
        ("E0004", False),
    ]
    assert all(r["due"] > 0 for r in rows)

    inbox.reject.clear()
    again = cli(*base)  # the same day: only the one that failed is tried again
    assert again.exit_code == 0 and "Reminders sent to 1 employee(s)" in again.stdout
    assert [m["To"] for m in inbox.messages[2:]] == ["gone@example.co.jp"]

    log = cli("remind", "--sent", "2026-04-01", "--lang", "en")
    assert log.exit_code == 0
    assert "hanako@example.co.jp" in log.stdout and "550" in log.stdout
    assert log.stdout.count("E0004") == 2  # failed, then delivered
    assert cli("remind", "--sent", "04/01").exit_code == 1

    next_day = cli(*base, now="2026-04-02T09:00:00+09:00")
    assert next_day.exit_code == 0 and len(inbox.messages) == 6


def test_remind_needs_smtp_settings_and_a_base_url(cli, store, smtp):
    _staff(store)
    unset = cli("remind", "--base-url", "https://r.example")
    assert unset.exit_code == 1 and "recall settings set smtp_host" in unset.stderr
    _configure(cli, smtp[1])
    no_url = cli("remind")
    assert no_url.exit_code == 1 and no_url.stderr == (
        "エラー: Web 復習のアドレスを指定してください: --base-url URL（または RECALL_BASE_URL）\n"
    )
    english = cli("remind", env={"RECALL_LANG": "en"})
    assert english.stderr == (
        "Error: give the web review's address: --base-url URL (or RECALL_BASE_URL)\n"
    )
    assert cli("settings", "set", "smtp_user", "mailer").exit_code == 0
    no_password = cli("remind", "--base-url", "https://r.example")
    assert no_password.exit_code == 1 and "RECALL_SMTP_PASSWORD" in no_password.stderr
    assert smtp[0].messages == []


def test_unreachable_smtp_server_is_one_clear_error(cli, store):
    _staff(store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here
    _configure(cli, port)
    result = cli("remind", "--base-url", "https://r.example", "--lang", "en")
    assert result.exit_code == 1
    assert f"SMTP server 127.0.0.1:{port}" in result.stderr and "nothing was sent" in result.stderr
    japanese = cli("remind", "--base-url", "https://r.example")
    assert (
        f"SMTP サーバー 127.0.0.1:{port}" in japanese.stderr
        and "何も送信していません" in japanese.stderr
    )
    assert sql.reminders(store) == []


def test_refreshers_past_their_deadline_are_named(cli, store, smtp):
    from recall.core.incident import Scope
    from recall.service import incidents

    inbox, port = smtp
    _staff(store)
    incidents.record(
        store,
        NOW_UTC,
        title="Misaddressed e-mail",
        occurred=date(2026, 4, 1),
        topics=("consent",),
        scope=Scope(employees=("E0002",)),
        deadline=date(2026, 4, 3),
        note=None,
        dry_run=False,
    )
    _configure(cli, port)
    result = cli("remind", "--base-url", "https://r.example", now="2026-04-06T09:00:00+09:00")
    assert result.exit_code == 0, result.output
    body = next(m for m in inbox.messages if m["To"] == "ken@example.co.jp").get_content()
    assert "refresher(s) are open (deadline 2026-04-03)" in body
    assert "past their deadline" in body


@pytest.mark.parametrize(
    ("security", "user", "calls"),
    [
        ("starttls", "mailer", ["SMTP", "starttls", "login mailer"]),
        ("tls", "", ["SMTP_SSL"]),
        ("none", "mailer", ["SMTP", "login mailer"]),
    ],
)
def test_a_connection_is_secured_and_logged_in_as_the_settings_say(
    monkeypatch, security, user, calls
):
    from recall.core.policy import Settings
    from recall.service import reminders

    seen: list[str] = []

    class Fake:
        def __init__(self, name: str) -> None:
            seen.append(name)

        def starttls(self, context) -> None:
            seen.append("starttls")

        def login(self, name: str, password: str) -> None:
            assert password == "secret"
            seen.append(f"login {name}")

    monkeypatch.setattr(reminders.smtplib, "SMTP", lambda *a, **k: Fake("SMTP"))
    monkeypatch.setattr(reminders.smtplib, "SMTP_SSL", lambda *a, **k: Fake("SMTP_SSL"))
    settings = Settings(smtp_host="mail.example", smtp_security=security, smtp_user=user)
    reminders._connect(settings, "secret")
    assert seen == calls
