"""Pairing the keys of a docs table with the keys of a schema table.

Keys pair by path with placeholders folded (``<input_name>`` ~ ``<name>``).
Variants pair by their names read as sets of values, so the docs'
"qlognormal, qnormal" meets the schema's "qnormal, qlognormal"; a key that
is a variant on one side only pairs with the other side's key of that path.
"""

from __future__ import annotations

from collections import defaultdict

from generator.model import KeySpec, KeyTable, ValueType, Variant, match_path

VariantKey = tuple[tuple[str, frozenset[str]], ...]


def variant_key(variants: tuple[Variant, ...]) -> VariantKey:
    return tuple(
        (match_path(v.at), frozenset(n.strip().lower() for n in v.name.split(",")))
        for v in variants
    )


class SchemaIndex:
    """A schema table's keys by folded path, for lookups from the docs side."""

    def __init__(self, table: KeyTable) -> None:
        self.table = table
        self.by_path: dict[str, list[KeySpec]] = defaultdict(list)
        for spec in table.keys:
            self.by_path[match_path(spec.path)].append(spec)

    def has_path(self, path: str) -> bool:
        return match_path(path) in self.by_path

    def partner(self, spec: KeySpec) -> KeySpec | None:
        """The schema key that pairs with a docs key: same variant, else the best overlap."""
        candidates = self.by_path.get(match_path(spec.path), [])
        if not candidates:
            return None
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
        parts = match_path(path).split(".")
        for cut in range(len(parts) - 1, 0, -1):
            prefix = ".".join(parts[:cut])
            for candidate in (prefix, prefix + "[]"):
                specs = self.by_path.get(candidate)
                if not specs:
                    continue
                has_children = any(
                    p.startswith(candidate + ".") or p.startswith(candidate + "[]")
                    for p in self.by_path
                    if p != candidate
                )
                if not has_children and any(
                    ValueType.OBJECT in s.types or not s.types for s in specs
                ):
                    return True
                if has_children:
                    return False
        return False
