"""Property-based tests (Hypothesis): generated hostile values thrown at the service
layer and the CLI. Whatever comes in, recall answers with a clean error (exit code 1 or
2, a message naming the input) or a sane success, never a traceback, and a refused input
leaves the database exactly as it was (its full dump compared before and after)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from recall.cli.app import app
from recall.core.codes import Lang, Method
from recall.core.deck import parse_deck
from recall.core.employee import Employee
from recall.errors import DeckError, InputError, NotFoundError, RecallError
from recall.service import incidents, review, staff
from recall.store import Store
from tests.conftest import DECK, NOW, NOW_UTC, write_deck
from tests.security.conftest import dump

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: characters that have broken programs before: controls, ESC, bidi, NUL, fillers
_NASTY = "\x00\x01\x07\x1b\x7f\x85\x9b\u202e\u2066\u200b\u3000\ufeff\ud7ff\U0010fffd"
nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(_NASTY + "=+-@\t\r\n'\",;a1あ"), max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\u3000",
            "=cmd|' /C calc'!A0",
            "+SUM(1)",
            "@SUM(A1)",
            "-2+3",
            "A\x1b]0;pwned\x07\x1b[2J B",
            "\u202eevil",
            "x" * 30_000,
        ]
    ),
)
huge_int = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([-1, 0, 2**31, 2**63 - 1, 2**63, 2**64, 10**23]),
)
any_date = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
any_instant = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory) -> Iterator[Store]:
    """A real store with the sample deck, one employee and one answer, shared by the
    examples of the module (each example compares the dump around its own call)."""
    store = Store.open(tmp_path_factory.mktemp("svc") / "recall.db")
    store.sync_decks([parse_deck(DECK, "sample.yaml")], now=NOW_UTC)
    store.add_employees([Employee("E1", "A", "", date(2026, 1, 1))], now=NOW_UTC)
    review.answer(store, "E1", "c1", "b", NOW_UTC, response_ms=None, method=Method.API)
    yield store
    store.close()


def _refused_or_done(store: Store, call, *errors: type[Exception]) -> None:  # noqa: ANN001
    before = dump(store.path)
    try:
        call()
    except errors as error:
        assert str(error)  # a message, in words
        assert dump(store.path) == before  # nothing half-written


# --- the service layer ------------------------------------------------------------------


@SETTINGS
@given(
    employee_id=nasty_text, name=nasty_text, department=nasty_text, email=nasty_text, hired=any_date
)
def test_adding_an_employee(shared_store, employee_id, name, department, email, hired):
    store = shared_store
    _refused_or_done(
        store,
        lambda: staff.add(
            store,
            NOW_UTC,
            employee_id=employee_id,
            name=name,
            email=email,
            department=department,
            hired=hired,
            lang=Lang.JA,
        ),
        InputError,
    )


@SETTINGS
@given(card=nasty_text, choice=nasty_text, now=any_instant, ms=st.none() | huge_int)
def test_answering(shared_store, card, choice, now, ms):
    store = shared_store
    _refused_or_done(
        store,
        lambda: review.answer(store, "E1", card, choice, now, response_ms=ms, method=Method.API),
        InputError,
        NotFoundError,
    )


@SETTINGS
@given(title=nasty_text, occurred=any_date, deadline=st.none() | any_date, topic=nasty_text)
def test_recording_an_incident(shared_store, title, occurred, deadline, topic):
    from recall.core.incident import Scope

    store = shared_store
    _refused_or_done(
        store,
        lambda: incidents.record(
            store,
            NOW_UTC,
            title=title,
            occurred=occurred,
            topics=(topic or "consent",),
            scope=Scope(all=True),
            deadline=deadline,
            note=None,
            dry_run=False,
        ),
        InputError,
        NotFoundError,
    )


# --- the CLI ----------------------------------------------------------------------------


class _Cli:
    """One database and deck folder for every example of a test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "recall.db"
        self.decks = folder / "decks"
        write_deck(self.decks)
        added = self.run("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01")
        assert added[0] == 0
        # E1 reviews in English, so that answer's refusals name the input in English
        assert self.run("employee", "edit", "E1", "--lang", "en")[0] == 0

    def run(self, *args: str, now: str | None = NOW) -> tuple[int, str]:
        prefix = ["--db", str(self.db), "--decks", str(self.decks)]
        if now is not None:
            prefix += ["--now", now]
        result = CliRunner().invoke(
            app, [*prefix, *args], env={"RECALL_NOW": None, "RECALL_LANG": "en"}
        )
        # never a traceback: only a clean exit (SystemExit) or none
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.exception,
        )
        assert result.exit_code in (0, 1, 2), (args, result.output)
        return result.exit_code, result.output


def _check(cli: _Cli, names: str, *args: str, now: str | None = NOW) -> None:
    """Run; a refusal names the input (one of ``names``, /-separated) and writes nothing."""
    before = dump(cli.db)
    code, output = cli.run(*args, now=now)
    if code:
        assert any(name in output for name in names.split("/")), (args, output)
        assert dump(cli.db) == before


@pytest.fixture(scope="module")
def shared_cli(tmp_path_factory) -> _Cli:
    """One database and deck folder for the CLI examples of the module."""
    return _Cli(tmp_path_factory.mktemp("cli"))


@settings(SETTINGS, max_examples=30)
@given(ident=st.one_of(huge_int.map(str), nasty_text))
def test_cli_incident_show(shared_cli, ident):
    cli = shared_cli
    _check(cli, "ID/incident", "incident", "show", "--", ident)


@settings(SETTINGS, max_examples=30)
@given(now=st.one_of(any_instant.map(lambda d: d.isoformat()), nasty_text))
def test_cli_now(shared_cli, now):
    cli = shared_cli
    if now.strip() and "\x00" not in now:
        _check(cli, "--now", "status", "-e", "E1", "--json", now=now)


@settings(SETTINGS, max_examples=30)
@given(first=any_date, last=any_date)
def test_cli_audit_period(shared_cli, first, last):
    cli = shared_cli
    _check(
        cli,
        "--from/--to",
        "report",
        "audit",
        "--from",
        first.isoformat(),
        "--to",
        last.isoformat(),
        "--format",
        "csv",
    )


@settings(SETTINGS, max_examples=30)
@given(ms=huge_int, card=nasty_text.filter(lambda s: "\x00" not in s))
def test_cli_answer(shared_cli, ms, card):
    cli = shared_cli
    _check(
        cli,
        "--ms/card",
        "answer",
        "-e",
        "E1",
        "--card",
        card or "c2",
        "--choice",
        "false",
        "--ms",
        str(ms),
    )


@settings(SETTINGS, max_examples=30)
@given(
    name=nasty_text.filter(lambda s: "\x00" not in s),
    hired=st.one_of(any_date.map(date.isoformat), nasty_text.filter(lambda s: "\x00" not in s)),
)
def test_cli_employee_add(shared_cli, name, hired):
    cli = shared_cli
    _check(
        cli,
        "--name/--hired/ID/E2",
        "employee",
        "add",
        "E2",
        "--name",
        name or "x",
        "--hired",
        hired or "2026-01-01",
    )


@settings(SETTINGS, max_examples=30)
@given(title=nasty_text.filter(lambda s: "\x00" not in s), deadline=any_date, occurred=any_date)
def test_cli_incident_add(shared_cli, title, deadline, occurred):
    cli = shared_cli
    _check(
        cli,
        "--title/--deadline/--occurred/deadline",
        "incident",
        "add",
        "--title",
        title or "t",
        "--occurred",
        occurred.isoformat(),
        "--deadline",
        deadline.isoformat(),
        "--topics",
        "consent",
        "--all",
    )


# --- files: decks with aliases, malformed CSV -------------------------------------------


@settings(SETTINGS, max_examples=30)
@given(width=st.integers(1, 12), depth=st.integers(1, 12))
def test_decks_with_nested_aliases_are_bounded(width, depth):
    lines = ["id: sample", 'version: "1"', 'a0: &a0 ["lol"]']
    for level in range(1, depth + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = CliRunner().invoke(app, ["deck", "check", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1  # refused (too big, or simply not a deck): never a hang
        assert str(path) in result.output
        try:
            parse_deck(path.read_text(encoding="utf-8"), str(path))
        except DeckError as error:
            assert all(p.file == str(path) and p.line >= 1 for p in error.problems)


csv_bytes = st.one_of(
    st.binary(max_size=300),
    st.lists(st.lists(nasty_text.map(lambda s: s[:30]), min_size=1, max_size=6), max_size=6).map(
        lambda rows: ("id,name,department,hired\n" + "\r".join(",".join(r) for r in rows)).encode(
            "utf-8", "surrogatepass"
        )
    ),
)


@settings(SETTINGS, max_examples=40)
@given(data=csv_bytes)
def test_malformed_employee_csv(shared_cli, data):
    cli = shared_cli
    path = cli.folder / "staff.csv"
    path.write_bytes(data)
    _check(cli, "staff.csv", "employee", "import", str(path))


def test_recall_error_is_the_only_error_callers_see():
    assert issubclass(InputError, RecallError) and issubclass(NotFoundError, RecallError)


@settings(SETTINGS, max_examples=40)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        nasty_text.map(lambda s: ("id: x\nversion: '1'\ntitle: " + s).encode("utf-8", "replace")),
        st.sampled_from(
            [b"\xff\xfe\x00", b"a: &a [*a]", b"- - - - - - - - -", b"!!python/object:os.system ls"]
        ),
    )
)
def test_any_bytes_as_a_deck_file_is_a_located_problem(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.yaml"
        path.write_bytes(data)
        result = CliRunner().invoke(app, ["deck", "check", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code == 1
        assert f"{path}:" in result.output


_SETTINGS_NAMES = [
    "desired_retention",
    "maximum_interval",
    "daily_limit",
    "new_cards_per_day",
    "onboarding_days",
    "timezone",
    "seed",
    "fiscal_year_start",
    "pass_mark",
    "organisation",
]


@settings(SETTINGS, max_examples=40)
@given(
    name=st.sampled_from(_SETTINGS_NAMES),
    value=st.one_of(huge_int.map(str), st.floats().map(str), nasty_text).filter(
        lambda s: "\x00" not in s
    ),
)
def test_cli_settings_set(shared_cli, name, value):
    _check(shared_cli, f"{name}/setting/timezone", "settings", "set", name, value)
    # whatever was accepted, every command still works afterwards
    code, output = shared_cli.run("status", "-e", "E1", "--json")
    assert code == 0, output
    shared_cli.run("settings", "set", "timezone", "Asia/Tokyo")
    shared_cli.run("settings", "set", "fiscal_year_start", "04-01")


@settings(SETTINGS, max_examples=30)
@given(ident=nasty_text.filter(lambda s: "\x00" not in s and not s.startswith("-")))
def test_cli_lookups_by_id(shared_cli, ident):
    for args in (("report", "employee", ident), ("deck", "show", ident), ("status", "-e", ident)):
        _check(shared_cli, "employee/card/ID/--", *args)
