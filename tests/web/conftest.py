"""Fixtures for the web review: a real database in tmp_path with the sample deck, a
settable clock, the app in-process (Starlette's TestClient over httpx), and helpers that
sign an employee in through a real personal link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from recall.core.codes import Lang
from recall.service import auth, staff
from recall.service.workspace import open_store, sync_decks
from recall.web import create_app
from tests.conftest import DECK, write_deck

START = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Site:
    """The database, the clock and a way to make employees and links."""

    def __init__(self, db_path: Path, decks: Path, clock: Clock) -> None:
        self.db_path = db_path
        self.decks = decks
        self.clock = clock

    def store(self):
        return open_store(self.db_path)

    def add(
        self,
        employee_id: str,
        lang: Lang = Lang.EN,
        email: str | None = None,
        hired: date | None = None,
        *,
        name: str | None = None,
        department: str = "Sales",
    ) -> None:
        store = self.store()
        try:
            staff.add(
                store,
                self.clock(),
                employee_id=employee_id,
                name=name or f"Name {employee_id}",
                email=email,
                department=department,
                hired=hired,
                lang=lang,
            )
        finally:
            store.close()

    def link(self, employee_id: str) -> str:
        """A fresh sign-in link's path (/signin/TOKEN)."""
        store = self.store()
        try:
            return "/signin/" + auth.issue_link(store, employee_id, self.clock()).token
        finally:
            store.close()

    def log_rows(self, employee_id: str) -> list:
        store = self.store()
        try:
            return store.reviews(employee_id)
        finally:
            store.close()


def deck_dir(tmp_path: Path, text: str = DECK) -> Path:
    folder = tmp_path / "decks"
    write_deck(folder, text)
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Site:
    decks = deck_dir(tmp_path)
    db_path = tmp_path / "recall.db"
    store = open_store(db_path)
    sync_decks(store, decks, START)
    store.close()
    return Site(db_path, decks, Clock())


def make_client(site: Site, **options) -> TestClient:
    base_url = options.pop("base_url", "http://testserver")
    app = create_app(site.db_path, site.decks, base_url=base_url, now=site.clock, **options)
    scheme = base_url.split(":", 1)[0]
    return TestClient(app, base_url=f"{scheme}://testserver", follow_redirects=False)


@pytest.fixture
def client(site: Site) -> Iterator[TestClient]:
    with make_client(site) as c:
        yield c


def field(html: str, name: str) -> str:
    """The value of the hidden input ``name`` in a page."""
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no field {name} in page"
    return match.group(1)


def sign_in(client: TestClient, site: Site, employee_id: str) -> None:
    """Open a fresh link and press the sign-in button."""
    path = site.link(employee_id)
    page = client.get(path)
    assert page.status_code == 200
    done = client.post(path, data={"csrf": field(page.text, "csrf")})
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/review"


def choices(html: str) -> list[tuple[str, str]]:
    """(key, text) of each choice button on a card page, in the order shown."""
    return re.findall(
        r'name="choice" value="([^"]*)"[^>]*>.*?<span class="text">(.*?)</span>', html, re.S
    )


@pytest.fixture
def server(site: Site) -> Iterator[str]:
    """The app under a real uvicorn server on a loopback port; its base URL."""
    from tests.web.chromium import serving

    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium in a thread of its own (a BrowserThread), one per test module."""
    from tests.needs import CHROMIUM, need
    from tests.web.chromium import BrowserThread

    need(CHROMIUM.exists(), "Debian's Chromium: apt-get install chromium")
    thread = BrowserThread()
    try:
        yield thread
    finally:
        thread.stop()
