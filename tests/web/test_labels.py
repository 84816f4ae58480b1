"""Every label the web pages and reminders use is in the catalogue, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import recall.web
from recall.core.codes import LinkState
from recall.i18n import CATALOGUE

WEB = Path(recall.web.__file__).parent
SOURCES = [
    WEB / "app.py",
    WEB / "hr.py",
    WEB.parent / "service" / "reminders.py",
    WEB.parent / "cli" / "remind.py",
]


def test_every_web_label_exists_in_japanese_and_english():
    used = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"""_\(["']([a-z_.]+)["']""", template.read_text("utf-8")))
    for source in SOURCES:
        used |= set(re.findall(r'"((?:web|remind|hr)\.[a-z_]+)"', source.read_text("utf-8")))
    used |= {f"web.link_{s}{end}" for s in LinkState if s != "valid" for end in ("", "_title")}
    assert len(used) > 40
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert missing == []
    assert all(CATALOGUE[k][0] and CATALOGUE[k][1] for k in used)
