"""Packages and manifests: XSD-valid for every selection, language and standard; stable."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from lxml import etree

from recall.errors import ExportError
from recall.scorm import (
    ExportOptions,
    Selection,
    build_package,
    check_zip,
    course_script,
    package_name,
    select_cards,
    validate_manifest,
)

from .conftest import TRICKY_PROMPT, make_deck

SELECTIONS = [
    (Selection("onboarding"), None, ["card-001", "card-002"]),
    (Selection("all"), None, ["card-001", "card-002", "card-003", "card-004", "card-005"]),
    (Selection("topic", "email"), None, ["card-002", "card-004"]),
    (Selection("incident", "7"), {"consent"}, ["card-001", "card-003", "card-005"]),
]


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def course_of(data: bytes) -> dict:
    """The course data a package's ``course.js`` holds."""
    return json.loads(unzip(data)["course.js"].decode().split("= ", 1)[1].rstrip(";\n"))


@pytest.mark.parametrize("standard", ["1.2", "2004"])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("selection", "topics", "card_ids"), SELECTIONS, ids=str)
def test_manifest_is_valid_for_every_selection(standard, lang, selection, topics, card_ids):
    deck = make_deck(5)
    cards = select_cards(deck, selection, topics)
    assert [c.id for c in cards] == card_ids
    options = ExportOptions(selection=selection, standard=standard, lang=lang)
    data = build_package(deck, cards, options)
    files = unzip(data)

    assert validate_manifest(files["imsmanifest.xml"]) == []
    assert check_zip(data) == []
    course = json.loads(files["course.js"].decode().split("= ", 1)[1].rstrip(";\n"))
    # the course's labels come from recall's catalogue, in the course's language
    assert course["ui"]["next"] == {"ja": "次へ", "en": "Next"}[course["lang"]]
    assert [c["id"] for c in course["cards"]] == card_ids
    assert course["lang"] == lang and course["standard"] == standard


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_manifest_content(standard):
    deck = make_deck(5)
    options = ExportOptions(
        selection=Selection("topic", "consent"), standard=standard, passing_score=75
    )
    data = build_package(deck, select_cards(deck, options.selection), options)
    files = unzip(data)
    root = etree.fromstring(files["imsmanifest.xml"])
    ns = {"cp": root.nsmap[None], "adlcp": root.nsmap["adlcp"]}

    assert root.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    version = root.findtext("cp:metadata/cp:schemaversion", namespaces=ns)
    assert version == ("1.2" if standard == "1.2" else "2004 4th Edition")
    assert len(root.findall("cp:organizations/cp:organization", ns)) == 1
    items = root.findall("cp:organizations/cp:organization/cp:item", ns)
    assert len(items) == 1
    resources = root.findall("cp:resources/cp:resource", ns)
    assert len(resources) == 1
    resource = resources[0]
    assert items[0].get("identifierref") == resource.get("identifier")
    assert resource.get("href") == "index.html"
    listed = sorted(f.get("href") for f in resource.findall("cp:file", ns))
    # The SCO's resource lists every file of the SCO; the schemas belong to the package.
    assert listed == sorted(n for n in files if n != "imsmanifest.xml" and not n.endswith(".xsd"))
    if standard == "1.2":
        assert resource.get(f"{{{ns['adlcp']}}}scormtype") == "sco"
        assert items[0].findtext("adlcp:masteryscore", namespaces=ns) == "75"
    else:
        assert resource.get(f"{{{ns['adlcp']}}}scormType") == "sco"
        imsss = {"s": "http://www.imsglobal.org/xsd/imsss"}
        primary = items[0].find("s:sequencing/s:objectives/s:primaryObjective", imsss)
        assert primary.get("satisfiedByMeasure") == "true"
        assert primary.findtext("s:minNormalizedMeasure", namespaces=imsss) == "0.75"
    title = items[0].findtext("cp:title", namespaces=ns)
    assert title == "テストデッキ — 同意"


@pytest.mark.parametrize("standard", ["1.2", "2004"])
@pytest.mark.parametrize("status", ["passed-incomplete", "completed"])
def test_no_pass_mark_in_the_manifest_unless_passed_failed(standard, status):
    # With a pass mark the LMS would turn the score into passed/failed by itself.
    deck = make_deck(3)
    options = ExportOptions(Selection("all"), standard, status=status, passing_score=75)
    data = build_package(deck, deck.cards, options)
    manifest = unzip(data)["imsmanifest.xml"].decode()
    assert "masteryscore" not in manifest
    assert "sequencing" not in manifest and "satisfiedByMeasure" not in manifest
    assert "minNormalizedMeasure" not in manifest
    assert check_zip(data) == []
    # The course itself still knows the mark, to tell the learner and decide the status.
    assert course_of(data)["passingScore"] == 75


def test_identifiers_are_stable_and_distinct():
    deck = make_deck(5)

    def manifest_ids(**kw):
        options = ExportOptions(**kw)
        data = build_package(deck, select_cards(deck, options.selection), options)
        root = etree.fromstring(unzip(data)["imsmanifest.xml"])
        return [e.get("identifier") for e in root.iter() if e.get("identifier")], data

    first, data1 = manifest_ids(selection=Selection("all"))
    again, data2 = manifest_ids(selection=Selection("all"))
    assert first == again
    assert data1 == data2  # deterministic zip
    assert first[0] == f"recall.test-deck.all.ja.scorm12.{first[0].rsplit('.', 1)[1]}"
    others = [
        manifest_ids(selection=Selection("onboarding"))[0],
        manifest_ids(selection=Selection("all"), lang="en")[0],
        manifest_ids(selection=Selection("all"), standard="2004")[0],
    ]
    for ids in others:
        assert set(ids).isdisjoint(first)


def test_package_name_says_deck_selection_language_standard():
    deck = make_deck(3)
    assert (
        package_name(deck, ExportOptions(Selection("topic", "email"), "2004", "en"))
        == "test-deck_topic-email_en_scorm2004.zip"
    )
    assert (
        package_name(deck, ExportOptions(Selection("incident", "12")))
        == "test-deck_incident-12_ja_scorm12.zip"
    )


def test_course_script_cannot_be_broken_out_of():
    text = course_script({"p": TRICKY_PROMPT + "\u2028\u2029 </script><!--"})
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in text.split("=", 1)[1]
    payload = text.split("= ", 1)[1].rstrip(";\n")
    assert json.loads(payload)["p"] == TRICKY_PROMPT + "\u2028\u2029 </script><!--"


def test_description_is_cut_to_250_characters():
    deck = make_deck(1)
    long = "個" * 300
    text = f"{deck.file}"
    from recall.core.deck import parse_deck

    from .conftest import deck_yaml

    source = deck_yaml(1).replace("問題 1：個人情報の扱いとして正しいものは？", long[:300])
    deck = parse_deck(source, text)
    data = build_package(deck, deck.cards, ExportOptions(Selection("all"), "2004"))
    course = json.loads(unzip(data)["course.js"].decode().split("= ", 1)[1].rstrip(";\n"))
    assert course["cards"][0]["prompt"] == long
    assert course["cards"][0]["description"] == long[:250]


def test_no_employee_data_and_no_network_in_package():
    deck = make_deck(3)
    data = build_package(deck, deck.cards, ExportOptions(Selection("all")))
    files = unzip(data)
    assert sorted(n for n in files if not n.endswith(".xsd")) == [
        "course.js",
        "imsmanifest.xml",
        "index.html",
        "sco.css",
        "sco.js",
    ]
    for name in ("index.html", "sco.css", "sco.js"):
        text = files[name].decode()
        assert "http://" not in text and "https://" not in text, name
        assert "@import" not in text and "fetch(" not in text and "XMLHttpRequest" not in text
    course = json.loads(files["course.js"].decode().split("= ", 1)[1].rstrip(";\n"))
    assert set(course) == {
        "format",
        "key",
        "deck",
        "deckVersion",
        "selection",
        "standard",
        "lang",
        "ui",
        "title",
        "passingScore",
        "status",
        "source",
        "cards",
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ExportOptions(passing_score=101), "--passing-score 101: must be between 0 and 100"),
        (ExportOptions(passing_score=-1), "--passing-score -1: must be between 0 and 100"),
        (ExportOptions(standard="2004 3rd"), "--standard '2004 3rd': use 1.2 or 2004"),
        (ExportOptions(lang="fr"), "--lang 'fr': use ja or en"),
        (
            ExportOptions(status="failed"),
            "--status 'failed': use passed-failed, passed-incomplete, completed",
        ),
    ],
)
def test_bad_options_are_rejected(options, message):
    deck = make_deck(2)
    with pytest.raises(ExportError) as error:
        build_package(deck, deck.cards, options)
    assert str(error.value) == message


def test_language_missing_from_deck():
    deck = make_deck(2, languages="[ja]")
    with pytest.raises(ExportError) as error:
        build_package(deck, deck.cards, ExportOptions(lang="en"))
    assert str(error.value) == (
        "--lang en: deck 'test-deck' (test-deck.yaml) has no en texts (its languages: ja)"
    )


def test_empty_card_list_is_rejected():
    deck = make_deck(2)
    with pytest.raises(ExportError, match="the selection has no cards"):
        build_package(deck, [], ExportOptions())


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_package_carries_the_schemas_its_manifest_names_unmodified(standard):
    from importlib import resources

    from recall.scorm.manifest import schema_locations

    deck = make_deck(3)
    options = ExportOptions(selection=Selection("all"), standard=standard)
    files = unzip(build_package(deck, select_cards(deck, options.selection), options))
    folder = (
        resources.files("recall.scorm")
        / "xsd"
        / ("scorm12" if standard == "1.2" else "scorm2004-4th")
    )
    xsds = {name for name in files if name.endswith(".xsd")}
    assert set(schema_locations(standard)) <= xsds
    for name in xsds:
        assert "/" not in name  # at the package root
        assert files[name] == (folder / name).read_bytes()
    if standard == "2004":  # imsss_v1p0.xsd includes its parts
        assert "imsss_v1p0seqrule.xsd" in xsds
    else:  # imscp imports the xml: attributes schema
        assert "ims_xml.xsd" in xsds
