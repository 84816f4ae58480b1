"""The ``imsmanifest.xml`` of a package, for SCORM 1.2 or SCORM 2004 4th Edition.

Functions: :func:`build_manifest` (→ XML bytes, built with lxml) and
:func:`identifiers` (the stable identifiers derived from what the package contains).

One organization with one item, launching one SCO resource that lists every file. A pass
mark, when given, is ``adlcp:masteryscore`` (1.2) or the primary objective's
``imsss:minNormalizedMeasure`` with ``satisfiedByMeasure="true"`` (2004). A runtime that
applies the standards' rules then decides passed/failed from the score itself (SCORM 1.2
RTE 3.4.4 ``cmi.core.lesson_status``; SCORM 2004 RTE 4.2.22 ``cmi.scaled_passing_score``),
so the manifest carries a pass mark only when the course's record is passed/failed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from recall.core.codes import ScormStandard

__all__ = [
    "NAMESPACES_12",
    "NAMESPACES_2004",
    "STANDARDS",
    "TITLE_MAX",
    "Identifiers",
    "build_manifest",
    "identifiers",
    "schema_locations",
    "xml_unsafe",
]

STANDARDS = tuple(ScormStandard)

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES_12 = {
    None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xsi": XSI,
}
NAMESPACES_2004 = {
    None: "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "xsi": XSI,
}
_SCHEMA_LOCATIONS_12 = (
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"
)
_SCHEMA_LOCATIONS_2004 = (
    "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
    "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
    "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"
)
TITLE_MAX = 200  # characters of a course title; --title may not be longer


_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def xml_unsafe(text: str) -> str | None:
    """Why ``text`` may not go into the manifest, or None when it may.

    Refused: control characters other than tab, line feed and carriage return (XML 1.0
    cannot hold most of them, and the others are invisible in an LMS), lone surrogates
    (what undecodable bytes on a command line become), the non-characters U+FFFE and
    U+FFFF, and bidirectional controls (which can make a title read differently).

    Args:
        text: the text.

    Returns:
        For example ``"character U+0001 (a control character) at position 2"``.
    """
    for position, char in enumerate(text, 1):
        code = ord(char)
        if char in "\t\n\r":
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F:
            kind = "a control character"
        elif 0xD800 <= code <= 0xDFFF:
            kind = "not valid text: undecodable input"
        elif code in (0xFFFE, 0xFFFF):
            kind = "a non-character"
        elif char in _BIDI_CONTROLS:
            kind = "a bidirectional control"
        else:
            continue
        return f"character U+{code:04X} ({kind}) at position {position}"
    return None


def schema_locations(standard: str) -> list[str]:
    """The XSD file names the manifest's ``xsi:schemaLocation`` points to, for ``standard``."""
    pairs = (_SCHEMA_LOCATIONS_12 if standard == "1.2" else _SCHEMA_LOCATIONS_2004).split()
    return pairs[1::2]


@dataclass(frozen=True)
class Identifiers:
    """The manifest's identifiers; equal for every export of the same selection."""

    manifest: str
    organization: str
    item: str
    resource: str
    objective: str


def identifiers(deck_id: str, selection: str, lang: str, standard: str) -> Identifiers:
    """Identifiers derived only from what the package is (never from time or chance).

    Re-exporting the same deck, selection, language and standard gives the same
    identifiers, so an LMS that re-imports the package updates the existing course.

    Args:
        deck_id: the deck's id (a slug).
        selection: the selection's slug, e.g. ``onboarding`` or ``topic-consent``.
        lang: ``ja`` or ``en``.
        standard: ``1.2`` or ``2004``.

    Returns:
        The identifiers (valid XML IDs).
    """
    key = f"{deck_id}|{selection}|{lang}|{standard}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    base = f"recall.{deck_id}.{selection}.{lang}.scorm{standard.replace('.', '')}"
    return Identifiers(
        manifest=f"{base}.{digest}",
        organization=f"ORG-{digest}",
        item=f"ITEM-{digest}",
        resource=f"SCO-{digest}",
        objective=f"recall.{deck_id}.{selection}.mastery",
    )


def build_manifest(
    *,
    standard: str,
    ids: Identifiers,
    title: str,
    version: str,
    passing_score: int | None,
    launch: str,
    files: Sequence[str],
) -> bytes:
    """Build ``imsmanifest.xml``.

    Args:
        standard: ``1.2`` or ``2004`` (4th Edition).
        ids: from :func:`identifiers`.
        title: the course title shown by the LMS.
        version: the manifest version (the deck's version).
        passing_score: the pass mark, 0-100, for the runtime to decide passed/failed from
            the score; None for no pass mark (then the runtime keeps the status the SCO
            reports).
        launch: the SCO's launch file (relative path).
        files: every file of the SCO (relative paths), including ``launch``.

    Returns:
        The manifest as UTF-8 XML bytes with an XML declaration.

    The options are checked once, by :meth:`recall.scorm.package.ExportOptions.check`.
    """
    title = " ".join(title.split())[:TITLE_MAX] or ids.manifest
    ns = NAMESPACES_12 if standard == "1.2" else NAMESPACES_2004
    cp = ns[None]
    adlcp = ns["adlcp"]

    def el(
        parent: etree._Element, tag: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        node = etree.SubElement(parent, tag, attrs)
        if text is not None:
            node.text = text
        return node

    root = etree.Element(f"{{{cp}}}manifest", nsmap=ns)
    root.set("identifier", ids.manifest)
    root.set("version", version)
    root.set(
        f"{{{XSI}}}schemaLocation",
        _SCHEMA_LOCATIONS_12 if standard == "1.2" else _SCHEMA_LOCATIONS_2004,
    )
    metadata = el(root, f"{{{cp}}}metadata")
    el(metadata, f"{{{cp}}}schema", "ADL SCORM")
    el(metadata, f"{{{cp}}}schemaversion", "1.2" if standard == "1.2" else "2004 4th Edition")

    organizations = el(root, f"{{{cp}}}organizations", default=ids.organization)
    organization = el(organizations, f"{{{cp}}}organization", identifier=ids.organization)
    el(organization, f"{{{cp}}}title", title)
    item = el(
        organization,
        f"{{{cp}}}item",
        identifier=ids.item,
        identifierref=ids.resource,
        isvisible="true",
    )
    el(item, f"{{{cp}}}title", title)
    if passing_score is None:
        pass
    elif standard == "1.2":
        el(item, f"{{{adlcp}}}masteryscore", str(passing_score))
    else:
        imsss = ns["imsss"]
        sequencing = el(item, f"{{{imsss}}}sequencing")
        objectives = el(sequencing, f"{{{imsss}}}objectives")
        primary = el(
            objectives,
            f"{{{imsss}}}primaryObjective",
            objectiveID=ids.objective,
            satisfiedByMeasure="true",
        )
        el(primary, f"{{{imsss}}}minNormalizedMeasure", _measure(passing_score))

    resources = el(root, f"{{{cp}}}resources")
    resource = el(resources, f"{{{cp}}}resource", identifier=ids.resource, type="webcontent")
    resource.set(f"{{{adlcp}}}scormtype" if standard == "1.2" else f"{{{adlcp}}}scormType", "sco")
    resource.set("href", launch)
    for name in files:
        el(resource, f"{{{cp}}}file", href=name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _measure(passing_score: int) -> str:
    """A pass mark 0-100 as a normalized measure 0.0-1.0 (``80`` → ``0.8``)."""
    text = f"{passing_score / 100:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text
