"""Putting generated files in place without ever leaving a half-written ``generated/``.

Emitters write into a staging folder beside the target (same file system, so
renames are atomic).  Only when every emitter has finished is the old target
renamed away and the staging folder renamed into its place; a failure at any
step before that removes the staging folder and leaves the old target as it
was.  The same staging output serves ``--check``: it is compared with the
target file by file and then thrown away.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@contextmanager
def staging_folder(target: Path) -> Iterator[Path]:
    """A fresh empty folder beside ``target``; removed on exit unless it was swapped in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{target.name}-staging-", dir=target.parent))
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder)


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``: two renames, the old tree restored on failure."""
    retired = target.with_name(f".{target.name}-old-{os.getpid()}")
    had_target = target.exists()
    if had_target:
        os.replace(target, retired)
    try:
        os.replace(staging, target)
    except OSError:
        if had_target:
            os.replace(retired, target)
        raise
    if had_target:
        shutil.rmtree(retired, ignore_errors=True)


def files_under(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` by its relative POSIX path (bytes, for exact comparison)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@dataclass(frozen=True)
class TreeDiff:
    added: list[str]
    removed: list[str]
    changed: list[str]

    @property
    def stale(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


def compare_trees(new: Path, old: Path) -> tuple[TreeDiff, str]:
    """What differs between a fresh output and the committed one, and a unified diff of it
    (``old`` is ``a/``, ``new`` is ``b/``)."""
    fresh, committed = files_under(new), files_under(old)
    added = sorted(set(fresh) - set(committed))
    removed = sorted(set(committed) - set(fresh))
    changed = sorted(p for p in set(fresh) & set(committed) if fresh[p] != committed[p])
    chunks: list[str] = []
    for path in sorted(added + removed + changed):
        before = _lines(committed.get(path))
        after = _lines(fresh.get(path))
        chunks.extend(
            difflib.unified_diff(
                before,
                after,
                fromfile=f"a/{old.name}/{path}" if path in committed else "/dev/null",
                tofile=f"b/{old.name}/{path}" if path in fresh else "/dev/null",
            )
        )
    return TreeDiff(added, removed, changed), "".join(chunks)


def _lines(data: bytes | None) -> list[str]:
    if data is None:
        return []
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
