"""Flattening resolved shapes into :class:`~generator.model.KeySpec` rows.

Keys come in the order the schema declares them, depth first (a key, then the
keys below it): properties, then the ``<name>`` map-value key, then the ``[]``
list-item key, then each variant's keys in branch order.  A key whose shape
is already being expanded further up the same path (a schema that contains
itself) is emitted without children, and a warning says so.
"""

from __future__ import annotations

from generator.model import (
    NOT_REQUIRED,
    REQUIRED,
    KeySpec,
    Source,
    Variant,
    join_path,
)
from generator.schema_reader.files import Located
from generator.schema_reader.keywords import TYPE_ORDER
from generator.schema_reader.shapes import Prop, Shape, Shapes, Warnings

MAP_VALUE = "<name>"
LIST_ITEM = "[]"


def _or_list(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def type_text(shape: Shape) -> str:
    """A short rendering: ``integer``, ``string or object``, ``object (one of: a, b)``."""
    text = _or_list([t.value for t in TYPE_ORDER if t in shape.types]) or "any"
    if shape.variants:
        text += f" (one of: {', '.join(branch.name for branch in shape.variants)})"
    return text


class Flattener:
    """Collects the keys below a root node, in order."""

    def __init__(self, shapes: Shapes, warnings: Warnings) -> None:
        self._shapes = shapes
        self._warnings = warnings
        self.keys: list[KeySpec] = []

    def flatten(self, root: Located) -> list[KeySpec]:
        """All keys of the schema at ``root`` (the root object itself is not a key)."""
        self._children("", self._shapes.of(root), (), frozenset(), root)
        return self.keys

    def _key(
        self,
        path: str,
        prop: Prop,
        required: bool,
        variants: tuple[Variant, ...],
        above: frozenset[int],
    ) -> None:
        """Emit the key at ``path``, then the keys below it."""
        shape = self._shapes.of_prop(prop)
        node = prop.node
        self.keys.append(
            KeySpec(
                path=path,
                source=Source(file=node.file, pointer=node.pointer),
                types=tuple(t for t in TYPE_ORDER if t in shape.types),
                description=shape.description,
                allowed=shape.allowed,
                range=shape.range,
                default=shape.default,
                required=REQUIRED if required else NOT_REQUIRED,
                read_only=shape.read_only,
                variants=variants,
                type_text=type_text(shape),
            )
        )
        self._children(path, shape, variants, above, node)

    def _children(
        self,
        path: str,
        shape: Shape,
        variants: tuple[Variant, ...],
        above: frozenset[int],
        node: Located,
    ) -> None:
        """Emit the keys below ``path``, unless its shape is already being expanded above."""
        if shape.definitions & above:
            self._warnings.warn(
                node,
                "recursive-schema",
                f"{path or 'the root'} is a schema that contains itself; "
                "its keys are listed once, above it, and not again here",
            )
            return
        above = above | shape.definitions
        for name, prop in shape.properties.items():
            self._key(join_path(path, name), prop, name in shape.required, variants, above)
        if shape.map_values is not None:
            self._key(join_path(path, MAP_VALUE), shape.map_values, False, variants, above)
        if shape.items is not None:
            self._key(join_path(path, LIST_ITEM), shape.items, False, variants, above)
        for branch in shape.variants:
            variant = Variant(at=path, name=branch.name)
            self._children(path, branch.shape, (*variants, variant), above, node)
