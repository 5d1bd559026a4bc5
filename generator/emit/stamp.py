"""The stamp that lets an unchanged ``generated/`` be left alone.

``generated/.stamp.json`` records what the output was made from (the digest of every
input page and schema, of docgen's own source, and the versions of the tools that
shape the output) and the digest of every file written.  When a new run would start
from exactly the same things and every recorded file is still as written, there is
nothing to do.  Any changed input, template, docgen module or tool version, or any
hand edit of a generated file, means a full run.  The stamp holds no time and no
absolute path, so it is as deterministic as the rest of the output.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import generator

STAMP = ".stamp.json"
# The tools whose output is committed, pinned exactly in pyproject.toml.  Unpinned
# libraries stay out: their versions differ between machines, and the stamp must not.
TOOLS = ("datamodel-code-generator", "black")


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, as hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The parts of docgen that shape generated/: the readers, the model and the emitters.
# (The CLI, the drift check, the reporters, validate and the SDK tools do not; a test
# checks that everything ``generator.emit.generate`` imports is covered.)
OUTPUT_SHAPING = (
    "__init__.py",
    "errors.py",
    "model.py",
    "textfiles.py",
    "pairing.py",
    "docs",
    "emit",
    "schema_reader",
)


def source_files() -> list[Path]:
    """docgen's own files that shape the output, in a stable order."""
    root = Path(generator.__file__).parent
    files: list[Path] = []
    for name in OUTPUT_SHAPING:
        path = root / name
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        files += [
            p
            for p in found
            if p.is_file() and p.suffix in (".py", ".j2") and "__pycache__" not in p.parts
        ]
    return files


def _source_digest() -> str:
    """One digest over the code and templates that shape the output."""
    root = Path(generator.__file__).parent
    combined = hashlib.sha256()
    for path in source_files():
        combined.update(path.relative_to(root).as_posix().encode())
        combined.update(file_digest(path).encode())
    return combined.hexdigest()


def fingerprint(docs: Path, schemas: Path, shown: dict[Path, str]) -> dict[str, Any]:
    """What a run would start from. ``shown`` maps each input file to its shown path."""
    inputs = sorted([*docs.rglob("*.md"), *schemas.glob("*.json")])
    return {
        "docgen_source": _source_digest(),
        "tools": {tool: version(tool) for tool in TOOLS},
        "inputs": {shown[path]: file_digest(path) for path in inputs},
    }


def write_stamp(out: Path, made_from: dict[str, Any]) -> None:
    outputs = {
        path.relative_to(out).as_posix(): file_digest(path)
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != STAMP and "__pycache__" not in path.parts
    }
    stamp = {"made_from": made_from, "outputs": outputs}
    (out / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def is_fresh(out: Path, made_from: dict[str, Any]) -> bool:
    """True when ``out`` was made from exactly ``made_from`` and no output file changed."""
    try:
        stamp = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("made_from") != made_from:
        return False
    recorded = stamp.get("outputs")
    if not isinstance(recorded, dict):
        return False
    present = {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.name != STAMP and "__pycache__" not in path.parts
    }
    if present != set(recorded):
        return False
    return all(file_digest(out / name) == digest for name, digest in recorded.items())
