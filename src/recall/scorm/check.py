"""Check a SCORM package: the manifest against the official XSDs, files and paths.

Functions: :func:`check_package` (a zip file → problems, or raise), :func:`check_zip`
(zip bytes → list of problems) and :func:`validate_manifest` (manifest bytes → problems).

The XSDs ship in this package (``recall/scorm/xsd``) and are loaded through an lxml
resolver that serves only those files: nothing is fetched over the network and no DTD is
loaded. Two published defects are worked around in memory (see ``xsd/README.md``): the
SCORM 1.2 ``ims_xml.xsd`` binds the default namespace to the XML namespace, and
``imsmd_rootv1p2p1.xsd`` uses a ``##any`` wildcard that libxml2 rejects as ambiguous.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from recall.errors import ExportError
from recall.i18n import t
from recall.scorm.manifest import NAMESPACES_12, NAMESPACES_2004

__all__ = ["MANIFEST", "MANIFEST_MAX", "check_package", "check_zip", "validate_manifest"]

MANIFEST = "imsmanifest.xml"
MANIFEST_MAX = 10 * 1024 * 1024  # far above any real manifest; refuses zip bombs
_XSD_ROOT = "recall-xsd:///"
_XML_NS_URLS = (
    "http://www.w3.org/2001/xml.xsd",
    "http://www.w3.org/2001/03/xml.xsd",
)
_SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
_SETS = {
    "1.2": (
        "scorm12",
        {
            NAMESPACES_12[None]: "imscp_rootv1p1p2.xsd",
            NAMESPACES_12["adlcp"]: "adlcp_rootv1p2.xsd",
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
        },
    ),
    "2004": (
        "scorm2004-4th",
        {
            NAMESPACES_2004[None]: "imscp_v1p1.xsd",
            NAMESPACES_2004["adlcp"]: "adlcp_v1p3.xsd",
            NAMESPACES_2004["adlseq"]: "adlseq_v1p3.xsd",
            NAMESPACES_2004["adlnav"]: "adlnav_v1p3.xsd",
            NAMESPACES_2004["imsss"]: "imsss_v1p0.xsd",
        },
    ),
}


def _xsd_text(folder: str, name: str) -> bytes:
    """One shipped XSD file, with the two documented defects fixed in memory."""
    node = resources.files("recall.scorm") / "xsd" / folder
    for part in name.split("/"):
        node = node / part
    data = node.read_bytes()
    if folder == "scorm12" and name == "ims_xml.xsd":
        data = data.replace(b'xmlns="http://www.w3.org/XML/1998/namespace"', b"", 1)
    if folder == "scorm12" and name == "imsmd_rootv1p2p1.xsd":
        data = data.replace(b'namespace="##any"', b'namespace="##other"')
    return data


class _ShippedSchemas(etree.Resolver):
    """Serves the shipped XSDs for ``recall-xsd:///FOLDER/NAME`` and the XML namespace URLs."""

    def __init__(self, folder: str) -> None:
        super().__init__()
        self._folder = folder

    def resolve(self, system_url: str, public_id: str, context: object):  # noqa: ANN201
        url = unquote(system_url or "")
        if url in _XML_NS_URLS:
            return self.resolve_string(_xsd_text("scorm2004-4th", "xml.xsd"), context, base_url=url)
        if url.startswith(_XSD_ROOT):
            folder, _, name = url[len(_XSD_ROOT) :].partition("/")
            name = posixpath.normpath(name)
            if folder == self._folder and not name.startswith(".."):
                try:
                    data = _xsd_text(folder, name)
                except (FileNotFoundError, IsADirectoryError):
                    data = None
                if data is not None:
                    return self.resolve_string(data, context, base_url=url)
        # Anything else (a network URL, a DTD): refuse with an empty document.
        raise ExportError.of("error.schema_not_shipped", url=repr(url))


@cache
def _schema(standard: str) -> etree.XMLSchema:
    folder, imports = _SETS[standard]
    parser = etree.XMLParser(
        no_network=True, load_dtd=False, resolve_entities=False, dtd_validation=False
    )
    parser.resolvers.add(_ShippedSchemas(folder))
    xs = "http://www.w3.org/2001/XMLSchema"
    driver = etree.Element(f"{{{xs}}}schema", nsmap={"xs": xs})
    for namespace, name in imports.items():
        etree.SubElement(driver, f"{{{xs}}}import", namespace=namespace, schemaLocation=name)
    text = etree.tostring(driver)
    doc = etree.fromstring(text, parser, base_url=f"{_XSD_ROOT}{folder}/driver.xsd").getroottree()
    return etree.XMLSchema(doc)


def validate_manifest(data: bytes, name: str = MANIFEST) -> list[str]:
    """Validate a manifest against the official XSDs of the standard it declares.

    Args:
        data: the manifest's bytes.
        name: the name used in messages.

    Returns:
        The problems, each as ``NAME:LINE: message``; empty when valid.
    """
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return [f"{name}:{error.lineno}: not well-formed XML: {error.msg}"]
    namespace = etree.QName(root).namespace
    standard = {NAMESPACES_12[None]: "1.2", NAMESPACES_2004[None]: "2004"}.get(namespace or "")
    if etree.QName(root).localname != "manifest" or standard is None:
        return [
            f"{name}:{root.sourceline}: the root element is {root.tag}, not a SCORM 1.2 or "
            "2004 <manifest>"
        ]
    schema = _schema(standard)
    if schema.validate(root):
        return []
    return [f"{name}:{e.line}: {e.message} (SCORM {standard} XSD)" for e in schema.error_log]


def _bad_path(path: str) -> str | None:
    """Why ``path`` (a zip entry or an href) may not be used, or None."""
    if not path:
        return "empty path"
    if "\\" in path:
        return "backslash in path"
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "absolute path"
    if "://" in path or path.startswith("//"):
        return "URL instead of a file in the package"
    if ".." in path.split("/"):
        return "'..' in path"
    return None


def check_zip(data: bytes, name: str = "package.zip") -> list[str]:
    """Every problem in a package: manifest validity, missing files, bad paths.

    Control characters from the package (in names, values, schema messages) are shown as
    escapes, so that a hostile package cannot drive the terminal that shows the problems.

    Args:
        data: the zip's bytes.
        name: the package's name used in messages.

    Returns:
        The problems (empty when the package is good).
    """
    return [_visible(problem) for problem in _zip_problems(data, name)]


def _visible(text: str) -> str:
    """``text`` with control and bidirectional-control characters as ``\\xNN``/``\\uNNNN``."""
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E:
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        elif 0x2066 <= code <= 0x2069 or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _zip_problems(data: bytes, name: str) -> list[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return [f"{name}: not a zip file"]
    problems: list[str] = []
    entries = set()
    with archive:
        for info in archive.infolist():
            why = _bad_path(info.filename)
            if why:
                problems.append(f"{name}: zip entry {info.filename!r}: {why}")
            if not info.is_dir():
                entries.add(info.filename)
        if MANIFEST not in entries:
            return [*problems, f"{name}: no {MANIFEST} at the root of the zip"]
        size = archive.getinfo(MANIFEST).file_size
        if size > MANIFEST_MAX:
            return [
                *problems,
                f"{name}: {MANIFEST} is {size:,} bytes unpacked; a manifest is at most "
                f"{MANIFEST_MAX:,} bytes",
            ]
        try:
            manifest = archive.read(MANIFEST)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as error:
            return [*problems, f"{name}: {MANIFEST} cannot be unpacked: {error}"]
        except NotImplementedError:
            method = archive.getinfo(MANIFEST).compress_type
            return [
                *problems,
                f"{name}: {MANIFEST} uses compression method {method}, which SCORM "
                "packages may not (use deflate or store)",
            ]
        except (
            RuntimeError
        ):  # after NotImplementedError, its subclass: zipfile's "is encrypted, password required"
            return [*problems, f"{name}: {MANIFEST} is encrypted; SCORM packages are not"]
    where = f"{name}!{MANIFEST}"
    problems.extend(validate_manifest(manifest, where))
    try:
        root = etree.fromstring(
            manifest, etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
        )
    except etree.XMLSyntaxError:
        return problems
    problems.extend(_scorm_rules(root, where))
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in ("href",):
            href = node.get(attr)
            if href is None:
                continue
            tag = etree.QName(node).localname
            path = unquote(href.split("#", 1)[0].split("?", 1)[0])
            base = _xml_base(node)
            full = posixpath.join(base, path) if base else path
            why = _bad_path(full)
            if why:
                problems.append(f"{where}:{node.sourceline}: <{tag} href={href!r}>: {why}")
            elif full not in entries:
                problems.append(
                    f"{where}:{node.sourceline}: <{tag} href={href!r}>: file missing from the zip"
                )
    return problems


def _scorm_rules(root: etree._Element, where: str) -> list[str]:
    """What SCORM requires beyond its XSDs (which leave these as free text).

    Resources are ``webcontent`` and say their SCORM type (``adlcp:scormtype`` in 1.2,
    ``adlcp:scormType`` in 2004); items point at resources that exist; in 1.2 the
    ``adlcp:masteryscore`` is a number from 0 to 100; the schema version is the one the
    namespaces declare (``1.2``, or ``2004 4th Edition``, the edition of the shipped XSDs),
    and no element or attribute uses the other standard's namespaces.
    """
    namespace = etree.QName(root).namespace
    standard = {NAMESPACES_12[None]: "1.2", NAMESPACES_2004[None]: "2004"}.get(namespace or "")
    if standard is None:
        return []
    cp = {"cp": namespace}
    problems: list[str] = []
    node = root.find("cp:metadata/cp:schemaversion", cp)
    version = (node.text or "").strip() if node is not None else ""
    expected = _SCHEMA_VERSION[standard]
    if version != expected:
        line = node.sourceline if node is not None else root.sourceline
        note = ""
        if standard == "2004" and version in ("CAM 1.3", "2004 3rd Edition"):
            note = " (recall checks against the SCORM 2004 4th Edition XSDs)"
        problems.append(
            f"{where}:{line}: <schemaversion> is {version!r}; the manifest's namespaces "
            f"declare SCORM {standard}, whose schema version is {expected!r}{note}"
        )
    problems.extend(_foreign_namespaces(root, standard, where))
    adlcp = (NAMESPACES_12 if standard == "1.2" else NAMESPACES_2004)["adlcp"]
    scorm_type = f"{{{adlcp}}}{'scormtype' if standard == '1.2' else 'scormType'}"
    resources = {}
    for resource in root.iterfind("cp:resources/cp:resource", cp):
        resources[resource.get("identifier")] = resource
        if resource.get("type") != "webcontent":
            problems.append(
                f"{where}:{resource.sourceline}: <resource type={resource.get('type')!r}>: "
                "SCORM resources are of type 'webcontent'"
            )
        if resource.get(scorm_type) is None:
            problems.append(
                f"{where}:{resource.sourceline}: <resource "
                f"identifier={resource.get('identifier')!r}> has no adlcp:"
                f"{etree.QName(scorm_type).localname} (SCORM {standard} requires 'sco' or "
                "'asset')"
            )
    for item in root.iterfind(".//cp:item", cp):
        ref = item.get("identifierref")
        if ref is not None and ref not in resources:
            problems.append(
                f"{where}:{item.sourceline}: <item identifierref={ref!r}>: no such resource"
            )
    if standard == "1.2":
        for node in root.iterfind(f".//{{{NAMESPACES_12['adlcp']}}}masteryscore"):
            text = (node.text or "").strip()
            try:
                ok = 0 <= float(text) <= 100
            except ValueError:
                ok = False
            if not ok:
                problems.append(
                    f"{where}:{node.sourceline}: <adlcp:masteryscore> {text!r} is not a score "
                    "from 0 to 100"
                )
    return problems


def _foreign_namespaces(root: etree._Element, standard: str, where: str) -> list[str]:
    """Elements and attributes in a namespace of the other SCORM standard, one per name."""
    own = set((NAMESPACES_12 if standard == "1.2" else NAMESPACES_2004).values())
    other_standard = "2004" if standard == "1.2" else "1.2"
    other = set((NAMESPACES_2004 if standard == "1.2" else NAMESPACES_12).values()) - own
    problems: list[str] = []
    seen: set[str] = set()
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        names = [("element", node.tag), *(("attribute", name) for name in node.attrib)]
        for kind, name in names:
            qname = etree.QName(name)
            if qname.namespace in other and name not in seen:
                seen.add(name)
                problems.append(
                    f"{where}:{node.sourceline}: {kind} {qname.localname!r} is in the SCORM "
                    f"{other_standard} namespace {qname.namespace}, but the manifest's "
                    f"namespaces declare SCORM {standard}"
                )
    return problems


def _xml_base(node: etree._Element) -> str:
    """The ``xml:base`` in effect for ``node`` (joined from the root down)."""
    parts: list[str] = []
    current: etree._Element | None = node
    while current is not None:
        base = current.get("{http://www.w3.org/XML/1998/namespace}base")
        if base:
            parts.append(base)
        current = current.getparent()
    return posixpath.join(*reversed(parts)) if parts else ""


def check_package(path: Path, lang: str = "en") -> None:
    """Check a package file and raise if anything is wrong.

    Args:
        path: the ``.zip`` file.
        lang: the language of the message around the problems (ja or en); the problems
            themselves (schema validation, zip entries) stay as the validator words them.

    Raises:
        NotFoundError: the file does not exist.
        ExportError: listing every problem found.
    """
    from recall.errors import NotFoundError

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(t("export.no_such_file", lang, path=path), lang=lang) from None
    except OSError as error:
        message = t("export.unreadable", lang, path=path, reason=error.strerror)
        raise ExportError(message, lang=lang) from None
    problems = check_zip(data, str(path))
    if problems:
        count = len(problems)
        head = t("export.invalid", lang, path=path, n=count, s="s" if count != 1 else "")
        raise ExportError(head + "\n" + "\n".join(f"  {p}" for p in problems), lang=lang)
