"""Fixtures for the SCORM tests: decks from YAML strings, a local web server, Chromium.

The browser tests need Debian's Chromium (/usr/bin/chromium) and scorm-again from npm
(``npm ci --prefix tests/scorm``); ``.ci/run`` installs both.
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from recall.core.deck import Deck, parse_deck
from recall.scorm import ExportOptions, build_package, select_cards
from tests.needs import CHROMIUM, CHROMIUM_ARGS, need

HERE = Path(__file__).parent
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist"

TRICKY_PROMPT = '<script>window.injected = 1</script> "quoted" & <b>bold</b>'


def deck_yaml(
    n: int = 4,
    *,
    deck_id: str = "test-deck",
    onboarding: int = 2,
    languages: str = "[ja, en]",
    tricky: bool = False,
) -> str:
    """A valid deck with ``n`` cards: even cards single-choice (answer b), odd true-false.

    Topics: cards alternate between ``consent`` and ``email``; the topic ``unused`` has no
    cards. The first ``onboarding`` cards are onboarding cards.
    """
    en = "en" in languages
    lines = [
        f"id: {deck_id}",
        'version: "1.0"',
        "title: {ja: テストデッキ" + (", en: Test deck}" if en else "}"),
        f"languages: {languages}",
        "source: {title: Test source, publisher: Tester, year: 2025, url: 'https://example.com'}",
        "topics:",
        "  - {id: consent, name: {ja: 同意" + (", en: Consent}}" if en else "}}"),
        "  - {id: email, name: {ja: メール誤送信" + (", en: Misaddressed email}}" if en else "}}"),
        "  - {id: unused, name: {ja: 未使用" + (", en: Unused}}" if en else "}}"),
        "cards:",
    ]

    def texts(ja: str, en_text: str) -> str:
        import json

        if en:
            return (
                "{ja: " + json.dumps(ja, ensure_ascii=False) + ", en: " + json.dumps(en_text) + "}"
            )
        return "{ja: " + json.dumps(ja, ensure_ascii=False) + "}"

    for i in range(n):
        topic = "consent" if i % 2 == 0 else "email"
        prompt_ja = f"問題 {i + 1}：個人情報の扱いとして正しいものは？"
        prompt_en = f"Question {i + 1}: which handling of personal data is right?"
        if tricky and i == 0:
            prompt_ja = prompt_en = TRICKY_PROMPT
        lines += [
            f"  - id: card-{i + 1:03d}",
            f"    kind: {'single-choice' if i % 2 == 0 else 'true-false'}",
            f"    topics: [{topic}]",
            "    source: test",
            f"    onboarding: {'true' if i < onboarding else 'false'}",
            f"    prompt: {texts(prompt_ja, prompt_en)}",
        ]
        if i % 2 == 0:
            lines += [
                "    choices:",
                f"      a: {texts('本人の同意なく第三者に渡す', 'Pass it to a third party without consent')}",
                f"      b: {texts('利用目的の範囲で使う', 'Use it only for the stated purpose')}",
                f"      c: {texts('私用のメールに転送する', 'Forward it to a private mailbox')}",
                "    answer: b",
            ]
        else:
            lines.append("    answer: true")
        lines.append(f"    explanation: {texts(f'解説 {i + 1}', f'Explanation {i + 1}')}")
    return "\n".join(lines) + "\n"


def make_deck(n: int = 4, **kwargs: object) -> Deck:
    """Parse :func:`deck_yaml` through the public API."""
    return parse_deck(deck_yaml(n, **kwargs), f"{kwargs.get('deck_id', 'test-deck')}.yaml")  # type: ignore[arg-type]


def answer_of(deck: Deck, card_id: str) -> str:
    return deck.card(card_id).answer


def wrong_of(deck: Deck, card_id: str) -> str:
    card = deck.card(card_id)
    return next(c.key for c in card.choices if c.key != card.answer)


def lms_launch_data(manifest: bytes, learner_id: str = "learner-1") -> dict:
    """The data an LMS gives the SCO at launch, derived from the package's manifest.

    As an LMS does at import: SCORM 1.2's ``adlcp:masteryscore`` becomes
    ``cmi.student_data.mastery_score`` (with credit ``credit`` and mode ``normal``, so the
    rules apply); in 2004 the primary objective's ``minNormalizedMeasure`` becomes
    ``cmi.scaled_passing_score`` when ``satisfiedByMeasure`` is true (RTE 4.2.22) and
    ``adlcp:completionThreshold`` becomes ``cmi.completion_threshold`` (RTE 4.2.4).
    """
    from lxml import etree

    root = etree.fromstring(manifest)
    v12 = etree.QName(root).namespace == "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    if v12:
        data: dict = {
            "core": {"student_id": learner_id, "credit": "credit", "lesson_mode": "normal"}
        }
        for node in root.iter("{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore"):
            data["student_data"] = {"mastery_score": node.text.strip()}
        return data
    data = {"learner_id": learner_id, "credit": "credit", "mode": "normal"}
    imsss = "http://www.imsglobal.org/xsd/imsss"
    for primary in root.iter(f"{{{imsss}}}primaryObjective"):
        if primary.get("satisfiedByMeasure") == "true":
            measure = primary.findtext(f"{{{imsss}}}minNormalizedMeasure")
            data["scaled_passing_score"] = (measure or "1.0").strip()
    for node in root.iter("{http://www.adlnet.org/xsd/adlcp_v1p3}completionThreshold"):
        if node.get("completedByMeasure") == "true":
            data["completion_threshold"] = node.get("minProgressMeasure", "1.0")
    return data


def merged(base: dict, extra: dict | None) -> dict:
    """``base`` updated from ``extra``, nested mappings merged."""
    out = dict(base)
    for key, value in (extra or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class Site:
    """A folder served on 127.0.0.1: the host page, scorm-again and unzipped packages."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url
        self._count = 0

    def publish(self, zip_bytes: bytes) -> str:
        """Unzip a package into a new folder; return the URL path of its folder."""
        self._count += 1
        name = f"pkg{self._count}"
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
            archive.extractall(self.root / name)
        return f"/{name}/"

    def publish_deck(self, deck: Deck, **options: object) -> str:
        opts = ExportOptions(**options)  # type: ignore[arg-type]
        cards = select_cards(deck, opts.selection)
        return self.publish(build_package(deck, cards, opts))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    need((SCORM_AGAIN / "scorm12.js").is_file(), "scorm-again: run `npm ci --prefix tests/scorm`")
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SCORM_AGAIN, root / "scorm-again")
    shutil.copytree(HERE / "host", root / "host")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    need(CHROMIUM.exists(), "Debian's Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
