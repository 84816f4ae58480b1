"""Build a SCORM package (zip) from a deck's selected cards.

Classes: :class:`ExportOptions` (standard, selection, language, pass mark, status mode,
title). Functions: :func:`package_name`, :func:`course_data`, :func:`course_script`,
:func:`build_package` (→ zip bytes) and :func:`write_package` (→ file).

A package holds ``imsmanifest.xml``, the XSD files its ``xsi:schemaLocation`` names
(with the files they include), unmodified, at the root as SCORM's content packaging
asks, and one SCO: ``index.html``, ``sco.css`` and ``sco.js`` (package data in
``recall/scorm/sco``) plus ``course.js``, the selected cards as JSON. It never holds
employee data. The zip is deterministic: the same deck and
options give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree

from recall.core.codes import StatusMode
from recall.core.deck import SUPPORTED_LANGUAGES, Card, Deck
from recall.errors import ExportError
from recall.i18n import t
from recall.scorm.manifest import (
    STANDARDS,
    TITLE_MAX,
    build_manifest,
    identifiers,
    schema_locations,
    xml_unsafe,
)
from recall.scorm.selection import Selection

__all__ = [
    "DESCRIPTION_MAX",
    "LAUNCH",
    "MAX_CARDS_SCORM12",
    "SCO_FILES",
    "STATUS_MODES",
    "ExportOptions",
    "build_package",
    "course_data",
    "course_script",
    "manifest_passing_score",
    "package_name",
    "schema_files",
    "write_package",
]

STATUS_MODES = tuple(StatusMode)
LAUNCH = "index.html"
SCO_FILES = ("index.html", "sco.css", "sco.js")
COURSE_FILE = "course.js"
DESCRIPTION_MAX = 250  # SCORM 2004 interaction description: smallest permitted maximum
MAX_CARDS_SCORM12 = 12_000  # 3 cards per suspend_data character, 4,096 characters
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_XS = "http://www.w3.org/2001/XMLSchema"
#: the SCO's labels (keys of the ``sco.*`` entries in :mod:`recall.i18n`)
_SCO_LABELS = (
    "preview",
    "progress",
    "correct",
    "wrong",
    "answer",
    "comeBack",
    "next",
    "results",
    "doneTitle",
    "score",
    "passed",
    "failed",
    "completed",
    "close",
    "resumed",
    "again",
    "lmsError",
    "choices",
)


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how the LMS should grade it."""

    selection: Selection = field(default_factory=lambda: Selection("onboarding"))
    standard: str = "1.2"
    lang: str = "ja"
    passing_score: int = 80
    status: str = "passed-failed"
    title: str | None = None

    def check(self, deck: Deck, lang: str = "en") -> None:
        """Reject options that cannot make a package of ``deck``; messages in ``lang``.

        Raises:
            ExportError: naming the option and the allowed values.
        """
        if self.standard not in STANDARDS:
            message = t("export.bad_standard", lang, value=repr(self.standard))
            raise ExportError(message, lang=lang)
        if self.lang not in SUPPORTED_LANGUAGES:
            allowed = (" or " if lang == "en" else "、").join(SUPPORTED_LANGUAGES)
            message = t("export.bad_lang", lang, value=repr(self.lang), allowed=allowed)
            raise ExportError(message, lang=lang)
        if self.lang not in deck.languages:
            where = t("export.where", lang, id=deck.id, file=deck.file or t("export.no_file", lang))
            languages = ", ".join(deck.languages)
            message = t(
                "export.lang_missing", lang, lang=self.lang, where=where, languages=languages
            )
            raise ExportError(message, lang=lang)
        if isinstance(self.passing_score, bool) or not 0 <= self.passing_score <= 100:
            raise ExportError(t("export.passing_score", lang, value=self.passing_score), lang=lang)
        if self.status not in STATUS_MODES:
            allowed = ", ".join(STATUS_MODES)
            message = t("export.bad_status", lang, value=repr(self.status), allowed=allowed)
            raise ExportError(message, lang=lang)
        if self.title is not None and not self.title.strip():
            raise ExportError(t("export.title_empty", lang), lang=lang)
        if self.title is not None and len(" ".join(self.title.split())) > TITLE_MAX:
            n = f"{len(' '.join(self.title.split())):,}"
            raise ExportError(t("export.title_long", lang, n=n, max=TITLE_MAX), lang=lang)
        if self.title is not None and (why := xml_unsafe(self.title)):
            message = t("export.title_unsafe", lang, title=repr(self.title), why=why)
            raise ExportError(message, lang=lang)


def manifest_passing_score(options: ExportOptions) -> int | None:
    """The pass mark the manifest gives the LMS: only with ``--status passed-failed``.

    With a pass mark in the manifest, a runtime that follows the standard turns the score
    into passed/failed on its own (1.2: the mastery score; 2004: the scaled passing score),
    whatever status the course reports. ``passed-incomplete`` must never end ``failed`` and
    ``completed`` must end ``completed`` with no success status, so their manifests carry
    no pass mark; the course itself compares the score with the mark.

    Args:
        options: the export options.

    Returns:
        The pass mark 0-100, or None.
    """
    return options.passing_score if options.status == "passed-failed" else None


def package_name(deck: Deck, options: ExportOptions) -> str:
    """The zip's file name: deck, selection, language and standard.

    Args:
        deck: the deck.
        options: the export options.

    Returns:
        For example ``privacy-incidents_onboarding_ja_scorm12.zip``.
    """
    standard = "scorm12" if options.standard == "1.2" else "scorm2004"
    return f"{deck.id}_{options.selection.slug}_{options.lang}_{standard}.zip"


def _title(deck: Deck, options: ExportOptions) -> str:
    if options.title:
        return " ".join(options.title.split())
    lang = options.lang
    selection = options.selection
    key = f"scorm.selection.{selection.kind}"
    if selection.kind == "topic":
        label = t(key, lang, topic=deck.topic_name(selection.value, lang))
    elif selection.kind == "incident":
        label = t(key, lang, id=selection.value)
    else:
        label = t(key, lang)
    deck_title = deck.title.get(lang) or deck.title["ja"]
    return f"{deck_title} — {label}"


def _response_codes(card: Card) -> dict[str, str]:
    """SCORM 1.2 choice responses are single characters: map each choice key to one."""
    keys = [c.key for c in card.choices]
    if all(len(k) == 1 for k in keys):
        return {k: k for k in keys}
    firsts = [k[0] for k in keys]
    if len(set(firsts)) == len(firsts):
        return dict(zip(keys, firsts, strict=True))
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return {k: alphabet[i % len(alphabet)] for i, k in enumerate(keys)}


def _course_key(deck: Deck, cards: Sequence[Card], options: ExportOptions) -> str:
    """Changes when the card list changes, so that saved progress is not misapplied."""
    raw = "|".join([deck.id, options.selection.slug, *(c.id for c in cards)])
    return hashlib.sha256(raw.encode()).hexdigest()[:8]


def course_data(deck: Deck, cards: Sequence[Card], options: ExportOptions) -> dict[str, Any]:
    """What the SCO needs: the texts of the selected cards in one language, and the rules.

    Args:
        deck: the deck the cards come from.
        cards: the selected cards (in the order they are first shown).
        options: the export options.

    Returns:
        A JSON-serialisable mapping (no employee data).
    """
    lang = options.lang
    items = []
    for card in cards:
        prompt = card.text("prompt", lang)
        items.append(
            {
                "id": card.id,
                "prompt": prompt,
                "choices": [
                    {"key": c.key, "text": c.text.get(lang) or c.text["ja"]} for c in card.choices
                ],
                "answer": card.answer,
                # Shown in a per-learner order, except true-false cards, whose order
                # (true, false) is part of the question's form, as in core.presentation.
                "shuffle": card.kind != "true-false",
                "explanation": card.text("explanation", lang),
                "description": prompt[:DESCRIPTION_MAX],
                "r12": _response_codes(card),
            }
        )
    return {
        "format": 1,
        "key": _course_key(deck, cards, options),
        "deck": deck.id,
        "deckVersion": deck.version,
        "selection": str(options.selection),
        "standard": options.standard,
        "lang": lang,
        "ui": {key: t(f"sco.{key}", lang) for key in _SCO_LABELS},
        "title": _title(deck, options),
        "passingScore": options.passing_score,
        "status": options.status,
        "source": {
            "title": deck.source.title,
            "publisher": deck.source.publisher,
            "year": deck.source.year,
            "url": deck.source.url,
        },
        "cards": items,
    }


def course_script(data: dict[str, Any]) -> str:
    """``course.js``: the course data as a JSON literal that no text can break out of.

    ``<``, ``>`` and ``&`` are escaped (no ``</script>`` or HTML comment can form), and so
    are U+2028 and U+2029 (line terminators in older JavaScript).

    Args:
        data: from :func:`course_data`.

    Returns:
        The script text.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return f'"use strict";\nwindow.RECALL_COURSE = {text};\n'


def _sco_file(name: str) -> bytes:
    return (resources.files("recall.scorm") / "sco" / name).read_bytes()


def build_package(
    deck: Deck, cards: Sequence[Card], options: ExportOptions, lang: str = "en"
) -> bytes:
    """Build the zip of a SCORM package.

    Args:
        deck: the deck the cards come from.
        cards: the selected cards (see :func:`recall.scorm.selection.select_cards`).
        options: the export options.
        lang: the language of the error messages (ja or en).

    Returns:
        The zip's bytes (the same bytes for the same inputs).

    Raises:
        ExportError: bad options, no cards, or too many cards for SCORM 1.2.
    """
    options.check(deck, lang)
    if not cards:
        raise ExportError(t("export.no_cards", lang, selection=options.selection), lang=lang)
    if options.standard == "1.2" and len(cards) > MAX_CARDS_SCORM12:
        message = t("export.too_many_scorm12", lang, n=len(cards), max=MAX_CARDS_SCORM12)
        raise ExportError(message, lang=lang)
    _check_deck_text(deck, options, lang)
    data = course_data(deck, cards, options)
    files: dict[str, bytes] = {name: _sco_file(name) for name in SCO_FILES}
    files[COURSE_FILE] = course_script(data).encode()
    ids = identifiers(deck.id, options.selection.slug, options.lang, options.standard)
    manifest = build_manifest(
        standard=options.standard,
        ids=ids,
        title=data["title"],
        version=deck.version,
        passing_score=manifest_passing_score(options),
        launch=LAUNCH,
        files=list(files),
    )
    buffer = io.BytesIO()
    entries = [("imsmanifest.xml", manifest), *schema_files(options.standard).items()]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in [*entries, *files.items()]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _check_deck_text(deck: Deck, options: ExportOptions, lang: str = "en") -> None:
    """Refuse deck text that the manifest cannot carry (title, topic name, version): what
    :func:`~recall.scorm.manifest.xml_unsafe` refuses. Card texts go into ``course.js`` as
    JSON, which escapes every character (and YAML cannot produce lone surrogates).

    Raises:
        ExportError: naming the deck file, the field and the character.
    """
    where = t("export.where", lang, id=deck.id, file=deck.file or t("export.no_file", lang))
    course = options.lang
    in_manifest = [(t("export.field_version", lang), deck.version)]
    if options.title is None:
        title = deck.title.get(course) or deck.title["ja"]
        in_manifest.append((t("export.field_title", lang, lang=course), title))
        if options.selection.kind == "topic":
            topic = options.selection.value
            name = deck.topic_name(topic, course)
            in_manifest.append((t("export.field_topic", lang, topic=topic, lang=course), name))
    for field_name, text in in_manifest:
        if why := xml_unsafe(text):
            message = t(
                "export.manifest_unsafe",
                lang,
                where=where,
                field=field_name,
                text=repr(text),
                why=why,
            )
            raise ExportError(message, lang=lang)


def schema_files(standard: str) -> dict[str, bytes]:
    """The shipped XSD files a package of ``standard`` carries: those the manifest names
    and, transitively, the local files they include or import (web URLs are left out).

    Returns:
        File name (relative to the package root) → the file's bytes, unmodified.
    """
    folder = (
        resources.files("recall.scorm")
        / "xsd"
        / ("scorm12" if standard == "1.2" else "scorm2004-4th")
    )
    # recover: SCORM 1.2's ims_xml.xsd is not namespace-well-formed (see xsd/README.md)
    lenient = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    found: dict[str, bytes] = {}
    pending = list(schema_locations(standard))
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found[name] = (folder / name).read_bytes()
        tree = etree.fromstring(found[name], lenient)
        for ref in tree.iter(f"{{{_XS}}}include", f"{{{_XS}}}import"):
            location = ref.get("schemaLocation", "")
            if location and "://" not in location:
                pending.append(location)
    return dict(sorted(found.items()))


def write_package(
    deck: Deck, cards: Sequence[Card], options: ExportOptions, out_dir: Path, lang: str = "en"
) -> Path:
    """Build a package and write it to ``out_dir`` (created if needed).

    Args:
        deck: the deck the cards come from.
        cards: the selected cards.
        options: the export options.
        out_dir: the folder to write to.
        lang: the language of the error messages (ja or en).

    Returns:
        The path of the zip (named by :func:`package_name`).

    Raises:
        ExportError: bad options, or the file cannot be written.
    """
    data = build_package(deck, cards, options, lang)
    path = out_dir / package_name(deck, options)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        message = t(
            "export.cannot_write", lang, folder=out_dir, name=path.name, reason=error.strerror
        )
        raise ExportError(message, lang=lang) from None
    return path
