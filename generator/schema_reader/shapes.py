"""Resolving one schema node to the :class:`Shape` of the value it allows.

A shape gathers what a node says about its value once ``$ref`` (with any
keywords beside it), ``allOf`` and ``anyOf``/``oneOf`` are taken into account.
Its properties, map values and list items stay unresolved (:class:`Prop`), so a
schema that contains itself is resolved one level at a time and never loops;
only a chain of ``$ref``/combinators that comes back to where it started
without reaching an object is an error.

Unions are read by three rules, each a function below:

* ``{"type": "null"}`` branches make the value nullable (:func:`_nullable`);
* object branches that each name their shape in a discriminator property
  (``type`` unless the union has a ``discriminator``/``x-discriminator``
  hint) become variants (:meth:`Shapes._variant_names`);
* anything else is merged: a string branch (e.g. Azure's ``^file:`` pattern)
  beside an object branch gives "string or object" (:func:`merge_any`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import reduce

from generator.errors import InputError
from generator.model import (
    NO_DEFAULT,
    Default,
    DefaultKind,
    Problem,
    Range,
    Scalar,
    Severity,
    Source,
    ValueType,
)
from generator.schema_reader import keywords
from generator.schema_reader.files import Located, SchemaFiles
from generator.schema_reader.keywords import Schema


class Combine(Enum):
    """How the several schemas of one property combine."""

    ALL = "all"  # allOf, $ref with siblings: every schema applies
    ANY = "any"  # a merged anyOf/oneOf: one of them applies


@dataclass(frozen=True)
class Prop:
    """The schema node(s) defining one property, map value or list item, unresolved."""

    parts: tuple[Located, ...]
    combine: Combine = Combine.ALL

    @property
    def node(self) -> Located:
        """The node a key is sourced to: the first that defines it."""
        return self.parts[0]


@dataclass(frozen=True)
class Branch:
    """One variant of a discriminated union: its name and its shape."""

    name: str
    shape: Shape


@dataclass(frozen=True)
class Shape:
    """What a schema node, fully resolved at its own level, allows.

    ``types`` empty means "any"; ``definitions`` are the identities of the
    ``$ref`` targets that hold keys and were read to build this shape (variants
    keep their own); the flattener stops where one repeats below itself.
    """

    types: frozenset[ValueType] = frozenset()
    description: str = ""
    allowed: tuple[Scalar, ...] | None = None
    range: Range | None = None
    default: Default = NO_DEFAULT
    read_only: bool = False
    properties: Mapping[str, Prop] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    map_values: Prop | None = None
    items: Prop | None = None
    variants: tuple[Branch, ...] = ()
    definitions: frozenset[int] = frozenset()


NULL_ONLY = frozenset({ValueType.NULL})


class Warnings:
    """Non-fatal oddities, each reported once however often its node is read."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str, str], Problem] = {}

    def warn(self, node: Located, code: str, message: str) -> None:
        source = Source(file=node.file, pointer=node.pointer)
        problem = Problem(source, code, message, Severity.WARNING)
        self._found.setdefault((code, node.file, node.pointer), problem)

    @property
    def problems(self) -> list[Problem]:
        return list(self._found.values())


def _types_all(a: frozenset[ValueType], b: frozenset[ValueType]) -> frozenset[ValueType]:
    """Types allowed by both; an integer is a number; disagreeing types are kept side by side."""
    if not a or not b:
        return a or b
    both = a & b
    number, integer = ValueType.NUMBER, ValueType.INTEGER
    if (number in a and integer in b) or (integer in a and number in b):
        both |= {integer}
    return both or a | b


def _allowed_all(
    a: tuple[Scalar, ...] | None, b: tuple[Scalar, ...] | None
) -> tuple[Scalar, ...] | None:
    if a is None or b is None:
        return a if b is None else b
    return tuple(v for v in a if v in b)


def _allowed_any(
    a: tuple[Scalar, ...] | None, b: tuple[Scalar, ...] | None
) -> tuple[Scalar, ...] | None:
    """An enumeration survives a union only when every branch has one."""
    if a is None or b is None:
        return None
    return a + tuple(v for v in b if v not in a)


def _default(a: Default, b: Default) -> Default:
    return a if a.kind is not DefaultKind.NONE else b


def _join_prop(a: Prop | None, b: Prop | None, combine: Combine) -> Prop | None:
    if a is None or b is None:
        return a if b is None else b
    return Prop(a.parts + b.parts, combine)


def _join_properties(
    a: Mapping[str, Prop], b: Mapping[str, Prop], combine: Combine
) -> dict[str, Prop]:
    """Both sets of properties, in declaration order; a name in both gets both schemas."""
    joined = dict(a)
    for name, prop in b.items():
        joined[name] = _join_prop(joined.get(name), prop, combine) or prop
    return joined


def merge_all(a: Shape, b: Shape) -> Shape:
    """Both shapes apply (``allOf``, a ``$ref`` and the keywords beside it)."""
    return Shape(
        types=_types_all(a.types, b.types),
        description=a.description or b.description,
        allowed=_allowed_all(a.allowed, b.allowed),
        range=a.range or b.range,
        default=_default(a.default, b.default),
        read_only=a.read_only or b.read_only,
        properties=_join_properties(a.properties, b.properties, Combine.ALL),
        required=a.required | b.required,
        map_values=_join_prop(a.map_values, b.map_values, Combine.ALL),
        items=_join_prop(a.items, b.items, Combine.ALL),
        variants=a.variants + b.variants,
        definitions=a.definitions | b.definitions,
    )


def merge_any(a: Shape, b: Shape) -> Shape:
    """Either shape applies (a union with no discriminator): keys of both, constraints of both."""
    return Shape(
        types=a.types | b.types if a.types and b.types else frozenset(),
        description=a.description or b.description,
        allowed=_allowed_any(a.allowed, b.allowed),
        range=a.range if a.range == b.range else None,
        default=_default(a.default, b.default),
        read_only=a.read_only and b.read_only,
        properties=_join_properties(a.properties, b.properties, Combine.ANY),
        required=a.required & b.required,
        map_values=_join_prop(a.map_values, b.map_values, Combine.ANY),
        items=_join_prop(a.items, b.items, Combine.ANY),
        variants=a.variants + b.variants,
        definitions=a.definitions | b.definitions,
    )


def _nullable(shapes: list[Shape]) -> tuple[list[Shape], bool]:
    """Drop ``{"type": "null"}`` branches; say whether there were any."""
    rest = [s for s in shapes if s.types != NULL_ONLY]
    return rest, len(rest) < len(shapes)


class Shapes:
    """Resolves nodes of one read's files to shapes."""

    def __init__(self, files: SchemaFiles, warnings: Warnings) -> None:
        self._files = files
        self._warnings = warnings
        # Shapes by the identity of their schema object: a definition used at many paths is
        # resolved once.  Only successes are kept, so a $ref cycle is still found (a node on
        # a cycle never resolves, and so is never cached).
        self._known: dict[int, Shape] = {}

    def of_prop(self, prop: Prop) -> Shape:
        """The shape of a property, map value or list item."""
        merge = merge_all if prop.combine is Combine.ALL else merge_any
        return reduce(merge, (self.of(part) for part in prop.parts))

    def of(self, node: Located, chain: frozenset[int] = frozenset()) -> Shape:
        """The shape of ``node``; ``chain`` holds the ``$ref`` targets being resolved."""
        if isinstance(node.schema, bool):
            return Shape()
        known = self._known.get(id(node.schema))
        if known is not None:
            return known
        shape = self._resolve(node, chain)
        self._known[id(node.schema)] = shape
        return shape

    def _resolve(self, node: Located, chain: frozenset[int]) -> Shape:
        if not isinstance(node.schema, dict):
            raise InputError(
                "expected a schema (a JSON object)", file=node.file, pointer=node.pointer
            )
        schema = keywords.normalise(node.schema)
        parts = [self._own(node, schema)]
        if "$ref" in schema:
            parts.append(self._referenced(node, chain))
        parts.extend(self.of(member, chain) for member in node.each("allOf"))
        parts.extend(
            self._union(node, keyword, chain)
            for keyword in ("anyOf", "oneOf")
            if node.each(keyword)
        )
        return reduce(merge_all, parts)

    def _own(self, node: Located, schema: Schema) -> Shape:
        """What the node's own keywords say (no ``$ref`` or combinators)."""
        types, unknown = keywords.types_of(schema)
        if unknown:
            self._warnings.warn(node, "unknown-type", f"type {', '.join(unknown)} ignored")
        for keyword in keywords.unsupported_of(schema):
            self._warnings.warn(
                node, "unsupported-keyword", f"{keyword!r} is not taken into account"
            )
        allowed = keywords.allowed_of(schema)
        types = keywords.infer_container_type(schema, types)
        return Shape(
            types=keywords.infer_value_type(allowed, types),
            description=keywords.description_of(schema),
            allowed=allowed,
            range=keywords.range_of(schema),
            default=keywords.default_of(schema),
            read_only=keywords.read_only_of(schema),
            properties=self._properties(node),
            required=keywords.required_of(schema),
            map_values=self._map_values(node),
            items=self._items(node),
        )

    def _properties(self, node: Located) -> dict[str, Prop]:
        declared = node.schema.get("properties")
        if declared is None:
            return {}
        if not isinstance(declared, dict):
            self._warnings.warn(node, "bad-properties", "'properties' is not an object; ignored")
            return {}
        return {name: Prop((node.child("properties", name),)) for name in declared}

    def _map_values(self, node: Located) -> Prop | None:
        """``additionalProperties``/``patternProperties`` schemas: the ``<name>`` key."""
        parts = []
        extra = node.schema.get("additionalProperties")
        if isinstance(extra, dict) and not keywords.is_unconstrained(extra):
            parts.append(node.child("additionalProperties"))
        patterns = node.schema.get("patternProperties")
        if isinstance(patterns, dict):
            parts.extend(
                node.child("patternProperties", pattern)
                for pattern, value in patterns.items()
                if not keywords.is_unconstrained(value)
            )
        return Prop(tuple(parts), Combine.ANY) if parts else None

    def _items(self, node: Located) -> Prop | None:
        """``items`` (one schema, or a draft-04 tuple of them): the ``[]`` key."""
        items = node.schema.get("items")
        if isinstance(items, list):
            parts = tuple(node.each("items"))
            return Prop(parts, Combine.ANY) if parts else None
        if isinstance(items, dict) and not keywords.is_unconstrained(items):
            return Prop((node.child("items"),))
        return None

    def _referenced(self, node: Located, chain: frozenset[int]) -> Shape:
        """The shape of the ``$ref`` target; a chain that returns to itself is fatal."""
        target = self._files.follow(node)
        key = id(target.schema)
        if key in chain:
            raise InputError(
                f"$ref cycle: {node.schema['$ref']!r} leads back to {target.file}#{target.pointer} "
                "without reaching an object schema",
                file=node.file,
                pointer=f"{node.pointer}/$ref",
            )
        shape = self.of(target, chain | {key})
        if not (shape.properties or shape.map_values or shape.items or shape.variants):
            return shape  # a scalar definition (a binding string) holds no keys to recurse into
        return replace(shape, definitions=shape.definitions | {key})

    def _union(self, node: Located, keyword: str, chain: frozenset[int]) -> Shape:
        """An ``anyOf``/``oneOf``: nullable, variants, or a merge (see the module docstring)."""
        shapes, nullable = _nullable([self.of(branch, chain) for branch in node.each(keyword)])
        if not shapes:
            return Shape(types=NULL_ONLY)
        names = self._variant_names(node, keyword, shapes)
        if names is None:
            shape = reduce(merge_any, shapes)
        else:
            shape = _with_variants(shapes, names)
        if nullable and shape.types:
            shape = replace(shape, types=shape.types | NULL_ONLY)
        return shape

    def _variant_names(
        self, node: Located, keyword: str, shapes: list[Shape]
    ) -> list[str | None] | None:
        """Each object branch's name, when every one (two or more) is named apart.

        A branch is named by the value(s) its discriminator property is fixed
        to.  Branches fixed to exactly the same values are one variant (the SDK's
        integer and number ``choice`` schemas); values that overlap otherwise
        (Azure's component inputs give ``type`` enums that share ``null``) make
        the union plain, and are merged.
        """
        discriminator = keywords.discriminator_of(node.schema)
        values = [
            self._branch_values(shape, discriminator) if ValueType.OBJECT in shape.types else None
            for shape in shapes
        ]
        named = [v for v in values if v is not None]
        objects = sum(ValueType.OBJECT in shape.types for shape in shapes)
        if objects < 2 or not named:
            return None
        distinct = list(dict.fromkeys(named))
        every = [value for branch in distinct for value in branch]
        if len(named) < objects or len(set(every)) < len(every):
            self._warnings.warn(
                node,
                "partial-discriminator",
                f"{keyword} branches do not each fix {discriminator!r} to values of their own; "
                "their keys are merged without variants",
            )
            return None
        return [None if v is None else ", ".join(v) for v in values]

    def _branch_values(self, shape: Shape, discriminator: str) -> tuple[str, ...] | None:
        """The string value(s) the branch's discriminator property is fixed to, if it is."""
        prop = shape.properties.get(discriminator)
        if prop is None:
            return None
        allowed = self.of_prop(prop).allowed
        if not allowed or not all(isinstance(value, str) for value in allowed):
            return None
        return tuple(str(value) for value in allowed)


def _with_variants(shapes: list[Shape], names: list[str | None]) -> Shape:
    """A discriminated union: named object branches become variants, the rest merge in.

    Branches with the same name are merged into one variant.
    """
    pairs = list(zip(shapes, names, strict=True))
    grouped: dict[str, list[Shape]] = {}
    for shape, name in pairs:
        if name is not None:
            grouped.setdefault(name, []).append(shape)
    branches = tuple(Branch(name, reduce(merge_any, group)) for name, group in grouped.items())
    types = frozenset().union(*(branch.shape.types for branch in branches))
    others = [shape for shape, name in pairs if name is None]
    return reduce(merge_any, others, Shape(types=types, variants=branches))
