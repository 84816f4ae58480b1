"""SCORM export: package a deck's cards as a SCORM 1.2 or 2004 course, and check packages.

Modules: ``selection`` (which cards), ``manifest`` (``imsmanifest.xml``), ``package``
(the zip and the SCO's course data), ``check`` (XSD validation, files and paths). The
SCO itself (HTML, CSS, JavaScript) is package data in ``sco/``; the official XSDs are in
``xsd/``.
"""

from recall.scorm.check import check_package, check_zip, validate_manifest
from recall.scorm.manifest import STANDARDS, build_manifest, identifiers
from recall.scorm.package import (
    STATUS_MODES,
    ExportOptions,
    build_package,
    course_data,
    course_script,
    package_name,
    write_package,
)
from recall.scorm.selection import Selection, parse_selection, select_cards

__all__ = [
    "STANDARDS",
    "STATUS_MODES",
    "ExportOptions",
    "Selection",
    "build_manifest",
    "build_package",
    "check_package",
    "check_zip",
    "course_data",
    "course_script",
    "identifiers",
    "package_name",
    "parse_selection",
    "select_cards",
    "validate_manifest",
    "write_package",
]
