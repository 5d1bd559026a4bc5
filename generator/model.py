"""The shared key model: what one documented or schema-declared YAML key is.

Both readers (the reference-docs dialect reader and the JSON-schema reader)
produce these objects; the drift comparer and the emitters only consume them.
Everything here is plain, frozen data with no behaviour beyond small derived
properties, so a new reader or emitter never needs to change this module.

Key paths
---------
A key path is dotted: ``training_parameters.learning_rate``.  Two kinds of
segment stand for "any name" or "any item":

* ``<name>``: a map whose keys the user chooses (``outputs.<output_name>``,
  ``search_space.<hyperparameter>``).  The text between the angle brackets is
  kept as written; :func:`match_path` folds every placeholder to ``<*>`` so
  the docs' ``<input_name>`` and a schema's ``<name>`` pair up.
* ``[]``: the items of a list (``tags[]``), appended to the list's own key.

Variants
--------
Where one key takes one of several object shapes (a sampling algorithm, an
early-termination policy, a search-space distribution), the rows of each shape
carry a :class:`Variant` naming the key that varies (``at``) and the shape
(``name``).  A key's identity is therefore ``(path, variants)``, see
:attr:`KeySpec.identity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

# JSON-like literal values as they appear in docs and schemas.
Scalar = str | int | float | bool | None

PLACEHOLDER = re.compile(r"<[^<>]*>")
LIST_ITEMS = "[]"


def match_path(path: str) -> str:
    """The path with every ``<placeholder>`` folded to ``<*>`` (for pairing keys)."""
    return PLACEHOLDER.sub("<*>", path)


def join_path(parent: str, child: str) -> str:
    """Append ``child`` to ``parent``; list-item markers attach without a dot."""
    if not parent:
        return child
    if child.startswith(LIST_ITEMS):
        return parent + child
    return f"{parent}.{child}"


class ValueType(str, Enum):
    """The type vocabulary shared by docs and schemas (JSON Schema's, plus const)."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    OBJECT = "object"
    ARRAY = "array"
    NULL = "null"
    CONST = "const"  # docs: a fixed value, given in the allowed-values cell

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Source:
    """Where a fact came from.

    ``file`` is the path as the user named it (relative paths stay relative, so
    output never holds an absolute path that depends on the machine).  Docs
    rows have ``line`` (1-based), ``page`` (the page title) and ``section``
    (the nearest heading); schema keys have ``pointer`` (a JSON pointer into
    ``file``) and may have a line when the loader knows it.
    """

    file: str
    line: int | None = None
    page: str | None = None
    section: str | None = None
    pointer: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}#{self.pointer}" if self.pointer is not None else where


@dataclass(frozen=True)
class Range:
    """A numeric interval; a missing bound is unbounded on that side."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False

    def __str__(self) -> str:
        low = "-inf" if self.minimum is None else _num(self.minimum)
        high = "inf" if self.maximum is None else _num(self.maximum)
        left = "(" if self.exclusive_minimum or self.minimum is None else "["
        right = ")" if self.exclusive_maximum or self.maximum is None else "]"
        return f"{left}{low}, {high}{right}"

    def contains(self, value: float) -> bool:
        if self.minimum is not None:
            if value < self.minimum or (self.exclusive_minimum and value == self.minimum):
                return False
        if self.maximum is not None:
            if value > self.maximum or (self.exclusive_maximum and value == self.maximum):
                return False
        return True


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


class DefaultKind(str, Enum):
    NONE = "none"  # nothing documented, or an explicit "no default"
    LITERAL = "literal"  # a concrete value: ``value`` holds it
    SYMBOLIC = "symbolic"  # prose ("Defaults to `max_total_trials`."): ``text`` holds it

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Override:
    """A default that applies only under a condition ("except `yolov5`: 30")."""

    condition: str
    value: Scalar


@dataclass(frozen=True)
class Default:
    kind: DefaultKind = DefaultKind.NONE
    value: Scalar = None
    text: str = ""  # the cell as written, for symbolic defaults and messages
    overrides: tuple[Override, ...] = ()

    def __str__(self) -> str:
        if self.kind is DefaultKind.NONE:
            return ""
        if self.kind is DefaultKind.SYMBOLIC:
            return self.text
        main = _literal(self.value)
        if self.overrides:
            rest = ", ".join(f"{o.condition}: {_literal(o.value)}" for o in self.overrides)
            return f"{main} (except {rest})"
        return main


def _literal(value: Scalar) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _num(value)
    return str(value)


NO_DEFAULT = Default()


class RequiredKind(str, Enum):
    NO = "no"
    YES = "yes"
    CONDITIONAL = "conditional"  # ``condition`` says when

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Required:
    kind: RequiredKind = RequiredKind.NO
    condition: str = ""

    def __str__(self) -> str:
        if self.kind is RequiredKind.CONDITIONAL:
            return f"if {self.condition}"
        return str(self.kind)


NOT_REQUIRED = Required()
REQUIRED = Required(RequiredKind.YES)


@dataclass(frozen=True)
class Variant:
    """This key belongs to one shape (``name``) of the key at path ``at``."""

    at: str
    name: str

    def __str__(self) -> str:
        return f"{self.at}={self.name}"


@dataclass(frozen=True)
class KeySpec:
    """One key: everything the docs or the schema say about it."""

    path: str
    source: Source
    types: tuple[ValueType, ...] = ()
    description: str = ""
    allowed: tuple[Scalar, ...] | None = None  # an enumeration, when one is given
    range: Range | None = None
    default: Default = NO_DEFAULT
    required: Required = NOT_REQUIRED
    read_only: bool = False  # output-only keys (schemas' readOnly)
    variants: tuple[Variant, ...] = ()
    type_text: str = ""  # the type as written (docs) or a short rendering (schema)

    @property
    def name(self) -> str:
        """The last segment of the path."""
        return self.path.rsplit(".", 1)[-1]

    @property
    def identity(self) -> tuple[str, tuple[Variant, ...]]:
        """What makes two specs the same key (for overriding and pairing)."""
        return (match_path(self.path), self.variants)

    @property
    def const(self) -> Scalar:
        """The fixed value of a ``const`` key (its single allowed value), else None."""
        if ValueType.CONST in self.types and self.allowed and len(self.allowed) == 1:
            return self.allowed[0]
        return None

    def is_under(self, prefix: str) -> bool:
        """True when this key is ``prefix`` itself or nested below it."""
        return (
            self.path == prefix
            or self.path.startswith(prefix + ".")
            or (self.path.startswith(prefix + LIST_ITEMS))
        )


class Severity(str, Enum):
    ERROR = "error"  # the input is malformed: exit 2
    WARNING = "warning"  # understood, but something was skipped or guessed

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Problem:
    """Something a reader could not take in as written; it carries on after it."""

    source: Source
    code: str  # stable id, e.g. "table-row-cells"
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        # Always one line: messages may quote cell text that holds line breaks.
        return f"{self.source}: {self.severity}: {self.code}: {' '.join(self.message.split())}"


@dataclass(frozen=True)
class Include:
    """``[!INCLUDE [label](path)]``; ``resolved`` is the file found, if any."""

    label: str
    target: str
    source: Source
    resolved: str | None = None


@dataclass(frozen=True)
class CodeRef:
    """``:::code language="yaml" source="..."``: an example the page shows."""

    language: str
    target: str
    source: Source


@dataclass
class KeyTable:
    """Everything one input (a reference page or a schema file) says about one job.

    ``keys`` are in documentation order (the order a user reads them);
    ``schema_name`` is the schema the page names (``autoMLImageClassificationJob``)
    or, for a schema file, its own name; ``inherits`` is the page whose rows
    this one overrides, if any.
    """

    file: str
    title: str = ""
    keys: list[KeySpec] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    schema_name: str | None = None
    schema_url: str | None = None
    front_matter: dict[str, str] = field(default_factory=dict)
    includes: list[Include] = field(default_factory=list)
    code_refs: list[CodeRef] = field(default_factory=list)
    inherits: str | None = None
    kind: str = "docs"  # "docs" or "schema"

    def get(self, path: str, variants: tuple[Variant, ...] = ()) -> KeySpec | None:
        """The key at ``path`` (placeholders folded) in the given variant, if any."""
        wanted = (match_path(path), variants)
        for spec in self.keys:
            if spec.identity == wanted:
                return spec
        return None

    @property
    def paths(self) -> list[str]:
        """Distinct key paths, in order (variant rows share their path)."""
        seen: dict[str, None] = {}
        for spec in self.keys:
            seen.setdefault(spec.path, None)
        return list(seen)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]
