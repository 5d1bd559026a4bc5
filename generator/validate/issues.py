"""One problem found in a job file, located as ``file:line:col: key.path: message``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generated.runtime import YamlDocument


@dataclass(frozen=True)
class Issue:
    file: str
    line: int
    column: int
    path: str  # dotted key path, "[i]" for list items, "(document)" for the whole file
    message: str

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}:{self.column}: {self.path}: {' '.join(self.message.split())}"
        )


def dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def located(
    document: YamlDocument, path: tuple[Any, ...], message: str, *, key: bool = False
) -> Issue:
    """An issue at ``path``: at its key when ``key``, else at its value, else the nearest
    enclosing value that has a position."""
    if key and path in document.keys:
        line, column = document.keys[path]
    else:
        probe = path
        while probe and probe not in document.values:
            probe = probe[:-1]
        line, column = document.values.get(probe, (1, 1))
    return Issue(document.name, line, column, dotted(path), message)
