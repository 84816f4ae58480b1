"""Honest screens: Ctrl-C exits 130 after saying answers are saved; a busy database does
not end a review; explanations wrap at words; the source line follows the language;
help shows names, not type names; the learning step is what the README says."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import fsrs

from recall.core.policy import Policy
from recall.core.queue import LEARN_AHEAD
from tests.conftest import DECK, NOW, write_deck

LONG = (
    "Personal information handed to a third party without the person's consent breaks "
    "the rules unless an exception such as a legal obligation applies to the situation"
)
ENGLISH_DECK = DECK.replace("en: The person's consent is needed", f'en: "{LONG}"').replace(
    "source: {title: 事例集,", 'source: {title: 事例集, title_en: "Casebook",'
)


def test_ctrl_c_in_review_exits_130_after_saying_answers_are_saved(tmp_path, deck_dir):
    db = tmp_path / "r.db"
    base = [sys.executable, "-m", "recall", "--db", str(db), "--decks", str(deck_dir), "--now", NOW]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "RECALL_LANG": "en"}
    env.pop("RECALL_EMPLOYEE", None)
    added = subprocess.run(
        [*base, "employee", "add", "E1", "--name", "K", "--lang", "en"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    proc = subprocess.Popen(
        [*base, "review", "-e", "E1"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen = ""
    deadline = time.monotonic() + 60
    while "q to quit" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.read(1)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Stopped. Every answer given so far is saved." in out


def test_quitting_with_q_exits_0(cli):
    assert cli("employee", "add", "E1", "--name", "K", "--lang", "en").exit_code == 0
    result = cli("review", "-e", "E1", input="q\n")
    assert result.exit_code == 0
    assert "Stopped. Every answer given so far is saved." in result.stdout


def test_a_busy_database_does_not_end_the_review(cli, db_path):
    assert cli("employee", "add", "E1", "--name", "K", "--lang", "en").exit_code == 0
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(1.0, lambda: holder.execute("ROLLBACK"))
    releaser.start()
    try:
        result = cli(
            "review", "-e", "E1", input="2\n" * 40 + "q\n", env={"RECALL_BUSY_TIMEOUT": "0.2"}
        )
    finally:
        releaser.join()
        holder.close()
    assert result.exit_code == 0, result.output
    assert (
        "The database is busy (another process is writing), so the answer was not "
        "recorded. Answer the same card again." in result.stdout
    )
    assert "card(s) answered" in result.stdout


def test_english_explanations_wrap_at_words_and_cite_the_english_source(cli, deck_dir):
    write_deck(deck_dir, ENGLISH_DECK)
    assert cli("employee", "add", "E1", "--name", "K", "--lang", "en").exit_code == 0
    keys = "".join(f"{n}\n" for n in (1, 2, 3)) + "q\n"
    result = cli("review", "-e", "E1", "--limit", "1", input=keys, env={"COLUMNS": "36"})
    assert result.exit_code == 0, result.output
    words = set(LONG.split())
    lines = result.stdout.splitlines()
    text_lines = [ln.strip() for ln in lines if ln and set(ln.split()) <= words]
    # wrapped by recall to the width (a soft-wrapped line would be cut by the terminal
    # wherever the column ends, mid-word), and every line holds whole words only
    assert len(text_lines) > 1 and all(len(ln) <= 36 for ln in text_lines)
    assert " ".join(text_lines) == LONG
    assert any(ln.startswith("Source: Casebook") for ln in lines)


def test_help_names_values_instead_of_type_names(cli):
    for args in (("review",), ("answer",), ("incident", "show"), ("incident", "add")):
        shown = cli(*args, "--help", env={"COLUMNS": "200"}).stdout
        assert "int range" not in shown and "list[str]" not in shown, args


def test_a_wrong_answer_comes_back_after_the_step_the_readme_gives():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())  # as read, whatever the line breaks
    assert (
        "it waits for its short FSRS learning step (1 minute, whether the card was still "
        "being learnt or had been learnt)" in text
    )
    assert "every one whose step ends within 20 minutes is shown at once" in text
    assert "A right first answer to a new card does not come back that day" in text
    assert LEARN_AHEAD == timedelta(minutes=20)
    scheduler = Policy().scheduler
    assert scheduler.learning_steps == (timedelta(minutes=1),)  # a right answer graduates
    assert scheduler.relearning_steps == (timedelta(minutes=1),)
    card, _ = scheduler.review_card(fsrs.Card(), fsrs.Rating.Again)
    assert card.due - card.last_review == timedelta(minutes=1)
    card, _ = scheduler.review_card(fsrs.Card(), fsrs.Rating.Good)
    assert card.state == fsrs.State.Review and card.due - card.last_review >= timedelta(days=1)
