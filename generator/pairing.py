"""Which page is checked against which schema.

A page names its schema ("The source JSON schema can be found at
.../autoMLImageClassificationJob.schema.json"); the schema file of that name in
the schemas folder is its pair.  An optional mapping file in the docs folder
(``schema-map.txt``: ``<page path relative to docs> = <schema name>`` per line)
overrides what a page says, for pages that name the wrong schema or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError

MAPPING_FILE = "schema-map.txt"


@dataclass(frozen=True)
class SchemaFile:
    name: str
    path: Path


def schema_files(folder: Path) -> dict[str, SchemaFile]:
    """Schemas in ``folder`` by name (``x.schema.json`` is named ``x``)."""
    found: dict[str, SchemaFile] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.json")):
        name = path.name.removesuffix(".json").removesuffix(".schema")
        found[name] = SchemaFile(name, path)
    return found


def read_mapping(docs: Path, display: str) -> dict[str, str]:
    """The explicit page -> schema mapping, if the docs folder has one."""
    path = docs / MAPPING_FILE
    if not path.is_file():
        return {}
    mapping: dict[str, str] = {}
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        page, sep, schema = (part.strip() for part in line.partition("="))
        if not sep or not page or not schema:
            raise InputError("expected '<page> = <schema name>'", file=display, line=number)
        mapping[page] = schema
    return mapping
