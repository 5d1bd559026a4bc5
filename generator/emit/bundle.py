"""One job's exported schema made self-contained: every cross-file ``$ref`` pulled in.

The exported schemas share their definitions through ``common.schema.json``.
An emitter that changes one job's contract (adding documented facts) must not
change another's, and an editor that reads ``generated/schemas/x.schema.json``
should not need its neighbours; so each job gets its own copy of exactly the
definitions it reaches, under ``#/definitions/<name>``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.schema_reader.files import escape_pointer, parse_file

JSON = dict[str, Any]


def bundle_schema(
    path: Path, shown: Callable[[Path], str] = lambda p: p.as_posix()
) -> tuple[JSON, list[Path]]:
    """The schema at ``path`` with every definition it reaches (in any file) local to it,
    and the files it was read from.  ``shown`` names files in errors, which say where the
    broken ``$ref`` stands (file and JSON pointer)."""
    root = copy.deepcopy(parse_file(path, shown(path)))
    files: dict[str, JSON] = {path.name: root}
    definitions: dict[str, Any] = dict(root.get("definitions", {}))
    pending: list[tuple[str, str, str, str]] = []  # (file, name, referring file, pointer)

    def rewrite(node: Any, file: str, at: str) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                here = f"{at}/{escape_pointer(key)}"
                if key == "$ref" and isinstance(value, str):
                    out[key] = local_ref(value, file, here)
                else:
                    out[key] = rewrite(value, file, here)
            return out
        if isinstance(node, list):
            return [rewrite(item, file, f"{at}/{i}") for i, item in enumerate(node)]
        return node

    def local_ref(ref: str, file: str, at: str) -> str:
        target, _, pointer = ref.partition("#")
        prefix = "/definitions/"
        if not pointer.startswith(prefix) or "/" in pointer[len(prefix) :]:
            raise InputError(
                f"cannot bundle $ref {ref!r}: only #/definitions/<name> targets are supported",
                file=shown(path.parent / file),
                pointer=at,
            )
        name = pointer[len(prefix) :]
        if (target or file) != path.name:
            pending.append((target or file, name, file, at))
        return f"#/definitions/{name}"

    body: JSON = rewrite({k: v for k, v in root.items() if k != "definitions"}, path.name, "")
    definitions = {
        name: rewrite(value, path.name, f"/definitions/{escape_pointer(name)}")
        for name, value in definitions.items()
    }
    copied: set[tuple[str, str]] = set()
    while pending:
        file, name, referrer, at = pending.pop()
        if (file, name) in copied:
            continue
        copied.add((file, name))
        if file not in files:
            target = path.parent / file
            if not target.is_file():
                raise InputError(
                    f"dangling $ref: no file {file} beside the schema",
                    file=shown(path.parent / referrer),
                    pointer=at,
                )
            files[file] = parse_file(target, shown(target))
        found = files[file].get("definitions", {}).get(name)
        if found is None:
            raise InputError(
                f"dangling $ref: {file} has no definition {name!r}",
                file=shown(path.parent / referrer),
                pointer=at,
            )
        value = rewrite(found, file, f"/definitions/{escape_pointer(name)}")
        if name in definitions and definitions[name] != value:
            raise InputError(
                f"two different definitions are named {name!r}", file=shown(path.parent / file)
            )
        definitions[name] = value
    if definitions:
        body["definitions"] = {name: definitions[name] for name in sorted(definitions)}
    return body, [path.parent / name for name in sorted(files)]
