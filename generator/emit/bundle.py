"""One job's exported schema made self-contained: every cross-file ``$ref`` pulled in.

The exported schemas share their definitions through ``common.schema.json``.
An emitter that changes one job's contract (adding documented facts) must not
change another's, and an editor that reads ``generated/schemas/x.schema.json``
should not need its neighbours; so each job gets its own copy of exactly the
definitions it reaches, under ``#/definitions/<name>``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from generator.errors import InputError

JSON = dict[str, Any]


def _load(path: Path) -> JSON:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read schema: {exc}", file=path.as_posix()) from None
    if not isinstance(data, dict):
        raise InputError("the schema is not a JSON object", file=path.as_posix(), line=1)
    return data


def bundle_schema(path: Path) -> tuple[JSON, list[Path]]:
    """The schema at ``path`` with every definition it reaches (in any file) local to it,
    and the files it was read from."""
    root = copy.deepcopy(_load(path))
    files: dict[str, JSON] = {path.name: root}
    definitions: dict[str, Any] = dict(root.get("definitions", {}))
    pending: list[tuple[str, str]] = []  # (file, definition name) still to copy

    def rewrite(node: Any, file: str) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    out[key] = local_ref(value, file)
                else:
                    out[key] = rewrite(value, file)
            return out
        if isinstance(node, list):
            return [rewrite(item, file) for item in node]
        return node

    def local_ref(ref: str, file: str) -> str:
        target, _, pointer = ref.partition("#")
        target_file = target or file
        prefix = "/definitions/"
        if not pointer.startswith(prefix) or "/" in pointer[len(prefix) :]:
            raise InputError(f"cannot bundle $ref {ref!r}", file=file)
        name = pointer[len(prefix) :]
        if target_file != path.name:
            pending.append((target_file, name))
        return f"#/definitions/{name}"

    body: JSON = rewrite({k: v for k, v in root.items() if k != "definitions"}, path.name)
    definitions = {name: rewrite(value, path.name) for name, value in definitions.items()}
    copied: set[tuple[str, str]] = set()
    while pending:
        file, name = pending.pop()
        if (file, name) in copied:
            continue
        copied.add((file, name))
        if file not in files:
            files[file] = _load(path.parent / file)
        found = files[file].get("definitions", {}).get(name)
        if found is None:
            raise InputError(f"$ref to a missing definition {name!r}", file=file)
        if name in definitions and definitions[name] != rewrite(found, file):
            raise InputError(f"two different definitions are named {name!r}", file=file)
        definitions[name] = rewrite(found, file)
    if definitions:
        body["definitions"] = {name: definitions[name] for name in sorted(definitions)}
    return body, [path.parent / name for name in sorted(files)]
