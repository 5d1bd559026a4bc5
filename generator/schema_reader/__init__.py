"""The JSON-schema reader: one schema file (and what it ``$ref``s) to a :class:`KeyTable`.

It reads the schemas Azure published in 2021 (draft-07 in name, with their
quirks: ``"type": "number", "format": "integer"``, lowercase ``readonly``,
``type`` beside ``$ref``, ``arm_type``) and the draft-07 schemas our own SDK
exporter writes (``readOnly``, ``anyOf`` with a ``discriminator`` hint,
cross-file ``$ref``).  Modules:

* :mod:`.files`: decoding, parsing and ``$ref`` lookup (local files only);
* :mod:`.keywords`: the normalisation rules and one reader per facet;
* :mod:`.shapes`: ``$ref``/``allOf``/``anyOf``/``oneOf`` resolved to a shape;
* :mod:`.flatten`: shapes to ordered key rows.
"""

from __future__ import annotations

from pathlib import Path

from generator.model import KeyTable
from generator.schema_reader.files import SchemaFiles, own_id
from generator.schema_reader.flatten import Flattener
from generator.schema_reader.shapes import Shapes, Warnings

__all__ = ["read_schema", "schema_name"]

SCHEMA_SUFFIXES = (".schema.json", ".json")


def schema_name(path: str | Path) -> str:
    """The schema's name: its file name without ``.schema.json`` (or ``.json``)."""
    name = Path(path).name
    for suffix in SCHEMA_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def read_schema(path: str | Path, display: str | None = None) -> KeyTable:
    """Read the schema at ``path`` into a key table.

    ``display`` is the path shown in sources and messages (default: ``path`` as
    given, never made absolute).  Unreadable or malformed input (bad encoding
    or JSON, a root that is not an object, a dangling or cyclic ``$ref``, a
    ``$ref`` to the network) raises :class:`~generator.errors.InputError`;
    oddities it reads past are warnings in ``table.problems``.
    """
    shown = str(path) if display is None else display
    files = SchemaFiles(Path(path), shown)
    warnings = Warnings()
    root = files.root_node()
    keys = Flattener(Shapes(files, warnings), warnings).flatten(root)
    if not keys:
        warnings.warn(root, "no-keys", "the schema declares no keys")
    title = files.root.contents.get("title")
    identifier = own_id(files.root.specification, files.root.contents)
    return KeyTable(
        file=shown,
        title=title if isinstance(title, str) else "",
        keys=keys,
        problems=warnings.problems,
        schema_name=schema_name(path),
        schema_url=identifier,
        kind="schema",
    )
