"""Pairing the keys of a docs table with the keys of a schema table.

Keys pair by path with placeholders folded (``<input_name>`` ~ ``<name>``).
A placeholder on either side also stands for any name on the other:
the docs' ``search_space[].<hyperparameter>`` covers the schema's
``search_space[].learning_rate``, and the schema's ``outputs.<name>`` covers the
docs' ``outputs.best_model``.  A list's items (``x[]``) are covered by the
list's own key, and keys below list items (``x[].y``) by the same keys documented
without the list (``x.y``): where the docs call a list an object, the list key's
own type finding says so once, instead of once per key below it.

Variants pair by their names read as sets of values, so the docs'
"qlognormal, qnormal" meets the schema's "qnormal, qlognormal"; a key that
is a variant on one side only pairs with the other side's key of that path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.model import KeySpec, KeyTable, ValueType, Variant, match_path

VariantKey = tuple[tuple[str, frozenset[str]], ...]
ANY = "<*>"


def variant_key(variants: tuple[Variant, ...]) -> VariantKey:
    return tuple(
        (match_path(v.at), frozenset(n.strip().lower() for n in v.name.split(",")))
        for v in variants
    )


def segments(path: str) -> tuple[str, ...]:
    """A folded path's segments, with list-item markers as their own segment."""
    return tuple(match_path(path).replace("[]", ".[]").split("."))


def covers(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two segment lists match, a placeholder on either side matching any name."""
    return len(a) == len(b) and all(x == y or ANY in (x, y) for x, y in zip(a, b, strict=True))


class _SegmentIndex:
    """Segment tuples in a trie: found exactly, or with a placeholder on either side
    matching any one segment, without scanning the tuples that cannot match."""

    _END = ""  # no segment is empty, so this key marks a tuple ending at a node

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self.by_length: dict[int, list[tuple[str, ...]]] = defaultdict(list)

    def add(self, segs: tuple[str, ...]) -> None:
        node = self.root
        for seg in segs:
            node = node.setdefault(seg, {})
        if self._END not in node:
            node[self._END] = segs
            self.by_length[len(segs)].append(segs)

    def matching(self, segs: tuple[str, ...]) -> list[tuple[str, ...]]:
        found: list[tuple[str, ...]] = []
        self._walk(self.root, segs, 0, found)
        return found

    def _walk(
        self, node: dict[str, Any], segs: tuple[str, ...], at: int, found: list[tuple[str, ...]]
    ) -> None:
        if at == len(segs):
            if self._END in node:
                found.append(node[self._END])
            return
        seg = segs[at]
        if seg == ANY:
            children = [child for key, child in node.items() if key != self._END]
        else:
            children = [child for key in (seg, ANY) if (child := node.get(key)) is not None]
        for child in children:
            self._walk(child, segs, at + 1, found)


class PathSet:
    """Paths, looked up exactly or with placeholders matching names."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.index = _SegmentIndex()
        self.without_lists = _SegmentIndex()
        for path in paths:
            segs = segments(path)
            self.index.add(segs)
            self.without_lists.add(_drop_lists(segs))

    @property
    def by_length(self) -> dict[int, list[tuple[str, ...]]]:
        return self.index.by_length

    def matches(self, path: str) -> list[tuple[str, ...]]:
        return self.index.matching(segments(path))

    def covers(self, path: str) -> bool:
        """True when ``path``, or the list whose items it is, is in the set."""
        segs = segments(path)
        if self.index.matching(segs):
            return True
        while segs and segs[-1] == "[]":
            segs = segs[:-1]
            if self.index.matching(segs):
                return True
        flat = _drop_lists(segs)
        return flat != segs and bool(self.without_lists.matching(flat))


def _drop_lists(segs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(s for s in segs if s != "[]")


class SchemaIndex:
    """A schema table's keys by path, for lookups from the docs side."""

    def __init__(self, table: KeyTable) -> None:
        self.table = table
        self.by_segments: dict[tuple[str, ...], list[KeySpec]] = defaultdict(list)
        for spec in table.keys:
            self.by_segments[segments(spec.path)].append(spec)
        self.paths = PathSet(spec.path for spec in table.keys)

    def has_path(self, path: str) -> bool:
        return bool(self.paths.matches(path))

    def partner(self, spec: KeySpec) -> KeySpec | None:
        """The schema key that pairs with a docs key: same variant, else the best overlap.

        Only a key that matches one path pairs for facts: a docs placeholder that
        stands for many schema keys is checked for existence only.
        """
        matched = self.paths.matches(spec.path)
        if len(matched) != 1:
            return None
        candidates = self.by_segments[matched[0]]
        wanted = variant_key(spec.variants)
        for candidate in candidates:
            if variant_key(candidate.variants) == wanted:
                return candidate
        names = {n for _, values in wanted for n in values}
        for candidate in candidates:
            if names & {n for _, values in variant_key(candidate.variants) for n in values}:
                return candidate
        if not spec.variants:
            return candidates[0]
        plain = [c for c in candidates if not c.variants]
        return plain[0] if plain else None

    def open_ancestor(self, path: str) -> bool:
        """True when an ancestor of ``path`` is an object the schema leaves open (no keys)."""
        segs = segments(path)
        for cut in range(len(segs) - 1, 0, -1):
            prefix = segs[:cut]
            specs = [
                s
                for p in self.paths.by_length.get(cut, [])
                if covers(prefix, p)
                for s in self.by_segments[p]
            ]
            if not specs:
                continue
            has_children = any(
                covers(prefix, other[:cut]) for other in self.paths.by_length.get(cut + 1, [])
            )
            if has_children:
                return False
            return any(ValueType.OBJECT in s.types or not s.types for s in specs)
        return False
