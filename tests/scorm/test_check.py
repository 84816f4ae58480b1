"""``check_zip`` / ``check_package``: the XSDs, missing files, bad paths, clear messages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from recall.errors import ExportError, NotFoundError
from recall.scorm import ExportOptions, Selection, build_package, check_package, check_zip

from .conftest import make_deck


def package(standard: str) -> bytes:
    deck = make_deck(3)
    return build_package(deck, deck.cards, ExportOptions(Selection("all"), standard))


def rewrite(data: bytes, drop: str | None = None, manifest=None, extra=None) -> bytes:  # noqa: ANN001
    """A copy of a package with a file dropped, the manifest edited or a file added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            if name == drop:
                continue
            content = src.read(name)
            if name == "imsmanifest.xml" and manifest:
                content = manifest(content.decode()).encode()
            dst.writestr(name, content)
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def line_of(data: bytes, needle: str) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = archive.read("imsmanifest.xml").decode()
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_good_package_has_no_problems(standard):
    assert check_zip(package(standard)) == []


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_missing_file(standard):
    bad = rewrite(package(standard), drop="sco.css")
    line = line_of(bad, '<file href="sco.css"/>')
    assert check_zip(bad, "p.zip") == [
        f"p.zip!imsmanifest.xml:{line}: <file href='sco.css'>: file missing from the zip"
    ]


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_dotdot_and_absolute_paths(standard):
    bad = rewrite(
        package(standard),
        manifest=lambda m: m.replace('<file href="sco.css"/>', '<file href="../sco.css"/>').replace(
            '<file href="sco.js"/>', '<file href="/etc/sco.js"/>'
        ),
        extra={"../evil.txt": "x"},
    )
    problems = check_zip(bad, "p.zip")
    assert "p.zip: zip entry '../evil.txt': '..' in path" in problems
    line = line_of(bad, "../sco.css")
    assert f"p.zip!imsmanifest.xml:{line}: <file href='../sco.css'>: '..' in path" in problems
    line = line_of(bad, "/etc/sco.js")
    assert f"p.zip!imsmanifest.xml:{line}: <file href='/etc/sco.js'>: absolute path" in problems
    assert len(problems) == 3


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_invalid_manifest_is_reported_with_line(standard):
    # A <file> without its required href, and an element the schema does not allow.
    bad = rewrite(
        package(standard),
        manifest=lambda m: m.replace("<schema>ADL SCORM</schema>", "<schemo>ADL SCORM</schemo>"),
    )
    problems = check_zip(bad, "p.zip")
    line = line_of(bad, "<schemo>")
    assert len(problems) == 1
    assert problems[0].startswith(f"p.zip!imsmanifest.xml:{line}: Element '{{")
    assert "schemo': This element is not expected." in problems[0]
    assert problems[0].endswith(f"(SCORM {standard} XSD)")


def test_invalid_scorm_type_12():
    bad = rewrite(
        package("1.2"),
        manifest=lambda m: m.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'),
    )
    problems = check_zip(bad, "p.zip")
    assert len(problems) == 1
    assert "scormtype" in problems[0] and "'lesson'" in problems[0]


def test_measure_out_of_range_2004():
    bad = rewrite(
        package("2004"),
        manifest=lambda m: m.replace(
            "<imsss:minNormalizedMeasure>0.8<", "<imsss:minNormalizedMeasure>1.8<"
        ),
    )
    problems = check_zip(bad, "p.zip")
    assert len(problems) == 1 and "minNormalizedMeasure" in problems[0]


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_scorm_rules_beyond_the_xsds(standard):
    def damage(manifest: str) -> str:
        manifest = manifest.replace('type="webcontent"', 'type="web"')
        return manifest.replace("<adlcp:masteryscore>80<", "<adlcp:masteryscore>eighty<")

    bad = rewrite(package(standard), manifest=damage)
    problems = check_zip(bad, "p.zip")
    resource_line = line_of(bad, 'type="web"')
    assert (
        f"p.zip!imsmanifest.xml:{resource_line}: <resource type='web'>: SCORM resources are "
        "of type 'webcontent'"
    ) in problems
    if standard == "1.2":
        score_line = line_of(bad, "masteryscore")
        assert (
            f"p.zip!imsmanifest.xml:{score_line}: <adlcp:masteryscore> 'eighty' is not a score "
            "from 0 to 100"
        ) in problems
        assert len(problems) == 2, problems
    else:
        assert len(problems) == 1, problems


def test_not_a_manifest_and_not_a_zip():
    bad = rewrite(package("1.2"), manifest=lambda m: "<html/>")
    assert check_zip(bad, "p.zip") == [
        "p.zip!imsmanifest.xml:1: the root element is html, not a SCORM 1.2 or 2004 <manifest>"
    ]
    assert check_zip(b"PK nothing", "p.zip") == ["p.zip: not a zip file"]
    no_manifest = rewrite(package("1.2"), drop="imsmanifest.xml")
    assert check_zip(no_manifest, "p.zip") == ["p.zip: no imsmanifest.xml at the root of the zip"]


def test_check_package_raises_with_every_problem(tmp_path: Path):
    path = tmp_path / "bad.zip"
    path.write_bytes(rewrite(package("2004"), drop="course.js"))
    with pytest.raises(ExportError) as error:
        check_package(path)
    lines = str(error.value).splitlines()
    assert lines[0] == f"{path} is not a valid SCORM package (1 problem):"
    assert lines[1].endswith("<file href='course.js'>: file missing from the zip")
    with pytest.raises(NotFoundError, match="no such file"):
        check_package(tmp_path / "nope.zip")


def test_validation_never_uses_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access during validation")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    from recall.scorm import check

    check._schema.cache_clear()
    assert check_zip(package("2004")) == []
    assert check_zip(package("1.2")) == []


@pytest.mark.parametrize(
    ("standard", "attribute"), [("1.2", 'adlcp:scormtype="sco"'), ("2004", 'adlcp:scormType="sco"')]
)
def test_resource_without_scorm_type_is_refused(standard, attribute):
    bad = rewrite(package(standard), manifest=lambda m: m.replace(attribute, ""))
    line = line_of(bad, "<resource ")
    with zipfile.ZipFile(io.BytesIO(bad)) as archive:
        text = archive.read("imsmanifest.xml").decode()
    identifier = text.split('<resource identifier="')[1].split('"')[0]
    name = attribute.split("=")[0]
    assert check_zip(bad, "p.zip") == [
        f"p.zip!imsmanifest.xml:{line}: <resource identifier={identifier!r}> has no {name} "
        f"(SCORM {standard} requires 'sco' or 'asset')"
    ]


@pytest.mark.parametrize(
    ("standard", "version"),
    [
        ("2004", "1.2"),
        ("2004", "2004 3rd Edition"),
        ("2004", "CAM 1.3"),
        ("2004", ""),
        ("1.2", "2004 4th Edition"),
        ("1.2", "1.3"),
    ],
)
def test_schema_version_must_be_the_one_the_namespaces_declare(standard, version):
    declared = "1.2" if standard == "1.2" else "2004 4th Edition"
    bad = rewrite(
        package(standard),
        manifest=lambda m: m.replace(
            f"<schemaversion>{declared}</schemaversion>",
            f"<schemaversion>{version}</schemaversion>",
        ),
    )
    line = line_of(bad, "<schemaversion>")
    problems = check_zip(bad, "p.zip")
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        f"p.zip!imsmanifest.xml:{line}: <schemaversion> is {version!r}; the manifest's "
        f"namespaces declare SCORM {standard}, whose schema version is {declared!r}"
    )


def test_attribute_from_the_other_standard_is_refused():
    # A 2004 manifest whose resource says its type with SCORM 1.2's attribute.
    old = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
    bad = rewrite(
        package("2004"),
        manifest=lambda m: m.replace(
            'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"',
            f'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:old="{old}"',
        ).replace('adlcp:scormType="sco"', 'old:scormtype="sco"'),
    )
    line = line_of(bad, "<resource ")
    problems = check_zip(bad, "p.zip")
    assert (
        f"p.zip!imsmanifest.xml:{line}: attribute 'scormtype' is in the SCORM 1.2 namespace {old}, but the manifest's namespaces declare SCORM 2004"
        in problems
    )
    assert any("has no adlcp:scormType" in p for p in problems)


def test_control_characters_from_the_package_are_shown_as_escapes():
    # C1 controls (8-bit CSI) and bidi overrides are legal XML but would drive a terminal.
    bad = rewrite(
        package("1.2"),
        manifest=lambda m: m.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="\u009b2J\u202e"'),
        extra={"evil\u009b2J/../x": "x"},
    )
    problems = check_zip(bad, "p.zip")
    assert "p.zip: zip entry 'evil\\x9b2J/../x': '..' in path" in problems
    assert any("The value '\\x9b2J\\u202e' is not an element of the set" in p for p in problems)
    assert not any(ch in "".join(problems) for ch in "\u009b\u202e")


def _patched(data: bytes, member: str, local: dict[int, int], central: dict[int, int]) -> bytes:
    """``data`` with bytes of ``member``'s local header and central directory entry set."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(member).header_offset
    out = bytearray(data)
    for at, value in local.items():
        out[offset + at] = value
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + length] == member.encode():
            for at, value in central.items():
                out[entry + at] = value
        entry = data.find(b"PK\x01\x02", entry + 1)
    return bytes(out)


def test_hostile_zips_give_problems_not_tracebacks(tmp_path: Path):
    good = package("2004")
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("imsmanifest.xml")
    # Damaged compressed data: the manifest cannot be unpacked.
    damaged = bytearray(good)
    damaged[info.header_offset + 30 + len(info.filename) + len(info.extra) + 5] ^= 0xFF
    [problem] = check_zip(bytes(damaged), "p.zip")
    assert problem.startswith("p.zip: imsmanifest.xml cannot be unpacked: ")
    # The encryption flag set (general purpose bit 0).
    encrypted = _patched(good, "imsmanifest.xml", {6: 0x01}, {8: 0x01})
    assert check_zip(encrypted, "p.zip") == [
        "p.zip: imsmanifest.xml is encrypted; SCORM packages are not"
    ]
    # Compression method 99 (AES), which Python's zipfile does not support.
    method = _patched(good, "imsmanifest.xml", {8: 99}, {10: 99})
    assert check_zip(method, "p.zip") == [
        "p.zip: imsmanifest.xml uses compression method 99, which SCORM packages may not "
        "(use deflate or store)"
    ]
    # A manifest that unpacks to far more than any manifest (a zip bomb) is not unpacked.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", b"<" + b" " * (11 * 1024 * 1024))
    assert check_zip(out.getvalue(), "p.zip") == [
        "p.zip: imsmanifest.xml is 11,534,337 bytes unpacked; a manifest is at most "
        "10,485,760 bytes"
    ]
    # Through check_package too: an error listing the problem, never a traceback.
    path = tmp_path / "enc.zip"
    path.write_bytes(encrypted)
    with pytest.raises(ExportError, match="imsmanifest.xml is encrypted"):
        check_package(path)
