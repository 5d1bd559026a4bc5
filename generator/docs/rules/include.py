"""Rule: ``[!INCLUDE [label](path)]`` lines.

The path is resolved against the page's folder; when the exact path is
missing, a file whose path differs only in letter case is taken (the published
pages have such links).  Includes that lead nowhere are recorded unresolved.
"""

from __future__ import annotations

import re
from pathlib import Path

INCLUDE = re.compile(r"\[!INCLUDE\s*\[(?P<label>[^\]]*)\]\((?P<target>[^)\s]+)\)\s*\]", re.I)


def find_includes(text: str) -> list[tuple[str, str]]:
    """(label, target) of each include in a paragraph."""
    return [(m.group("label"), m.group("target")) for m in INCLUDE.finditer(text)]


def resolve_path(base: Path, target: str) -> Path | None:
    """``target`` relative to folder ``base``: exact, else matching letter case-insensitively."""
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or "://" in target:
        return None
    exact = base / target
    if exact.is_file():
        return exact
    current = base
    for part in Path(target).parts:
        if part in (".", ".."):
            current = current / part
            continue
        if not current.is_dir():
            return None
        matches = sorted(p for p in current.iterdir() if p.name.lower() == part.lower())
        if not matches:
            return None
        current = matches[0]
    return current if current.is_file() else None
