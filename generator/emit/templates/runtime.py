# Copied as is by docgen (generator/emit/templates/runtime.py); edit it there, not here.
"""YAML in and out for the generated job models, with every problem located.

``Model.from_yaml(source)`` reads one job YAML document and returns the model, or raises one
:class:`JobYamlError` whose ``problems`` list every problem as ``line:col key.path: message``.
``model.to_yaml()`` writes the keys that were set, in the documented order.

Reading is safe by construction: the document is *composed* (parsed into nodes, never
constructed by the YAML library), and the nodes are turned into plain values here. Only the
standard tags are accepted (``str``, ``int``, ``float``, ``bool``, ``null``, ``map``, ``seq``,
``timestamp`` read as text, and ``<<`` merge keys); any other tag, a duplicate key, a document
that is not UTF-8, too many aliases or a document that expands past a size budget is an error.

ruamel.yaml's pure-Python reader is the reference.  When PyYAML's libyaml binding is installed
(datamodel-code-generator brings it), a plain document (no anchor or alias, no directive, not
deeply nested, one document) is composed by libyaml instead, about 20 times faster, with
ruamel's YAML 1.2 tag resolution.  Anything else, and any document in which libyaml or this
module finds a problem, goes to the reference reader, so every problem is found and reported
exactly as before.
"""

from __future__ import annotations

import functools
import importlib
import io
import math
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from typing_extensions import Self

__all__ = [
    "JobModel",
    "JobYamlError",
    "UnreadableYamlError",
    "YamlDocument",
    "YamlProblem",
    "load_yaml",
    "read_document",
]

MAX_BYTES = 10 * 1024 * 1024  # a job file is a few kilobytes
MAX_ALIASES = 100  # alias uses (``*name``) in one document
MAX_VALUES = 100_000  # values one document may expand to, aliases included

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MERGE = _TAG + "merge"

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column


@dataclass(frozen=True)
class YamlProblem:
    """One problem: where (1-based line and column), which key, and what."""

    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column} {self.path}: {self.message}"


class JobYamlError(ValueError):
    """Everything wrong with one job YAML document (``problems``), as one error."""

    def __init__(self, problems: Sequence[YamlProblem], source: str = "<string>") -> None:
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class UnreadableYamlError(JobYamlError):
    """The text is not a YAML document docgen will read (syntax, tags, aliases, encoding,
    size); unlike other :class:`JobYamlError` s, no model was even tried."""


class _Stop(Exception):
    """A problem that stops reading (the document cannot be turned into values)."""

    def __init__(self, position: Position, message: str, path: Path = ()) -> None:
        super().__init__(message)
        self.position = position
        self.message = message
        self.path = path


# ---------------------------------------------------------------------------------------------
# Text to values.


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})"
        raise _Stop((line, column), message) from None
    return text[1:] if text.startswith("\ufeff") else text


def _at(text: str, offset: int) -> Position:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _mark(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


# ---------------------------------------------------------------------------------------------
# The fast path: libyaml (through PyYAML's C binding) composes plain documents.

MAX_FAST_DEPTH = 64  # deeper documents go to the reference reader (libyaml recurses in C)
# Characters the two readers treat differently: line breaks of YAML 1.1 only, tabs (ruamel
# refuses one inside a plain scalar, libyaml keeps it) and a byte order mark past the start.
_FAST_REFUSES = ("\x85", "\u2028", "\u2029", "\t", "\ufeff")

# Node classes the builder accepts: ruamel's, and PyYAML's when the fast path is on.
# (Typed as ruamel's: PyYAML's have the attributes the builder reads, tag, value, start_mark.)
_MAPPINGS: tuple[type[MappingNode], ...] = (MappingNode,)
_SEQUENCES: tuple[type[SequenceNode], ...] = (SequenceNode,)
_SCALARS: tuple[type[ScalarNode], ...] = (ScalarNode,)


def _libyaml_composer() -> Callable[[str], Any] | None:
    """A function composing a plain document with libyaml, or None without PyYAML's C
    binding.  It returns the root node, or None where the reference reader must decide:
    an anchor or alias (the alias budget is counted there), a character of
    ``_FAST_REFUSES``, a ``%YAML`` or ``%TAG`` directive, nesting past ``MAX_FAST_DEPTH``,
    an empty value (the two readers mark it in different places), a block scalar (``|``,
    ``>``: ruamel is stricter about their headers and indentation), more than one document,
    an empty one, or any error."""
    global _MAPPINGS, _SEQUENCES, _SCALARS
    try:
        cyaml = importlib.import_module("yaml._yaml")
        events = importlib.import_module("yaml.events")
        nodes = importlib.import_module("yaml.nodes")
    except ImportError:
        return None
    resolver = VersionedResolver()  # what ruamel's safe reader resolves with: YAML 1.2
    kinds = {nodes.ScalarNode: ScalarNode, nodes.SequenceNode: SequenceNode}
    kinds[nodes.MappingNode] = MappingNode
    opening = (events.SequenceStartEvent, events.MappingStartEvent)
    closing = (events.SequenceEndEvent, events.MappingEndEvent)

    @functools.lru_cache(maxsize=4096)  # a pure function of its arguments; keys repeat
    def resolved(kind: type, value: str | None, implicit: Any) -> str:
        return str(resolver.resolve(kinds[kind], value, implicit))

    parser_class: Any = cyaml.CParser

    class Composer(parser_class):  # type: ignore[misc]
        def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
            return resolved(kind, value, implicit)

        def descend_resolver(self, parent: Any, index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    def plain(text: str) -> bool:
        parser = cyaml.CParser(text)
        try:
            depth = documents = 0
            while parser.check_event():
                event = parser.get_event()
                if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
                    return False  # the reference reader counts aliases against their budget
                if isinstance(event, opening):
                    depth += 1
                    if depth > MAX_FAST_DEPTH:
                        return False
                elif isinstance(event, closing):
                    depth -= 1
                elif isinstance(event, events.ScalarEvent):
                    if event.start_mark.index == event.end_mark.index:
                        return False  # an empty value: ruamel marks it where the next token is
                    if event.style in ("|", ">"):
                        return False  # block scalars: ruamel checks their headers and indents
                elif isinstance(event, events.DocumentStartEvent):
                    documents += 1
                    if documents > 1 or event.version is not None or event.tags:
                        return False
            return True
        finally:
            parser.dispose()

    def compose(text: str) -> Any:
        if any(character in text for character in _FAST_REFUSES):
            return None
        try:
            if not plain(text):
                return None
            composer = Composer(text)
            try:
                return composer.get_single_node()
            finally:
                composer.dispose()
        except Exception:  # a problem: the reference reader finds it and says what it is
            return None

    _MAPPINGS = (MappingNode, nodes.MappingNode)
    _SEQUENCES = (SequenceNode, nodes.SequenceNode)
    _SCALARS = (ScalarNode, nodes.ScalarNode)
    return compose


_fast_compose = _libyaml_composer()


class _Builder:
    """Plain values from composed nodes, with the position of every key and value."""

    def __init__(self) -> None:
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.count = 0
        self.active: set[int] = set()

    def build(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            message = f"the document expands to more than {MAX_VALUES} values (through aliases)"
            raise _Stop(_mark(node), message, path)
        self.values.setdefault(path, _mark(node))
        if id(node) in self.active:
            raise _Stop(_mark(node), "an alias refers to a value that contains it", path)
        self.active.add(id(node))
        try:
            if isinstance(node, _MAPPINGS):
                return self._mapping(node, path)
            if isinstance(node, _SEQUENCES):
                self._check_tag(node, _TAG + "seq", path)
                return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
            if isinstance(node, _SCALARS):
                return self._scalar(node, path)
            raise _Stop(_mark(node), "unsupported YAML node", path)
        finally:
            self.active.discard(id(node))

    @staticmethod
    def _check_tag(node: Node, expected: str, path: Path) -> None:
        tag = str(node.tag)
        if tag != expected:
            raise _Stop(_mark(node), f"unsupported tag {_short(tag)!r}", path)

    def _mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        self._check_tag(node, _TAG + "map", path)
        out: dict[Any, Any] = {}
        first: dict[Any, Position] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, _SCALARS) and str(key_node.tag) == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, _SCALARS):
                message = "a key must be a plain value, not a list or mapping"
                raise _Stop(_mark(key_node), message, path)
            key = self._scalar(key_node, path)
            if isinstance(key, float | bool) or key is None:
                key = key_node.value  # only strings and integers make sensible keys
            child: Path = (*path, key)
            if key in first:
                line, column = first[key]
                message = f"duplicate key {key!r} (first given at {line}:{column})"
                raise _Stop(_mark(key_node), message, child)
            first[key] = _mark(key_node)
            self.keys.setdefault(child, _mark(key_node))
            out[key] = self.build(value_node, child)
        for source in merges:  # merged keys never override the mapping's own
            for key, value in self._merge_source(source, path):
                out.setdefault(key, value)
        return out

    def _merge_source(self, node: Node, path: Path) -> list[tuple[Any, Any]]:
        sources = node.value if isinstance(node, _SEQUENCES) else [node]
        pairs: list[tuple[Any, Any]] = []
        for source in sources:
            if not isinstance(source, _MAPPINGS):
                message = "a merge key (<<) takes a mapping or a list of them"
                raise _Stop(_mark(source), message, path)
            pairs.extend(self._mapping(source, path).items())
        return pairs

    @staticmethod
    def _scalar(node: ScalarNode, path: Path) -> Any:
        tag = str(node.tag)
        value: str = node.value
        if tag not in _SCALAR_TAGS:
            raise _Stop(_mark(node), f"unsupported tag {_short(tag)!r}", path)
        kind = tag[len(_TAG) :]
        try:
            if kind == "null":
                return None
            if kind == "bool":
                return value.lower() == "true"
            if kind == "int":
                return _int(value)
            if kind == "float":
                return _float(value)
        except ValueError:
            raise _Stop(_mark(node), f"{value!r} is not a valid {kind}", path) from None
        return value  # str, and timestamps kept as written


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _int(text: str) -> int:
    clean = text.replace("_", "")
    sign = -1 if clean.startswith("-") else 1
    digits = clean.lstrip("+-")
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if digits.lower().startswith(prefix):
            return sign * int(digits[2:], base)
    return sign * int(digits, 10)


def _float(text: str) -> float:
    clean = text.replace("_", "").lower()
    if clean.lstrip("+-") in (".inf", "inf"):
        return -math.inf if clean.startswith("-") else math.inf
    if clean in (".nan", "nan"):
        return math.nan
    return float(clean)


def _yaml_problem_position(exc: YAMLError, text: str) -> Position:
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            return mark.line + 1, mark.column + 1
    if isinstance(exc, ReaderError):
        return _at(text, exc.position)
    return 1, 1


def _yaml_problem_message(exc: YAMLError) -> str:
    if isinstance(exc, MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        if parts:
            return "; ".join(str(p) for p in parts)
    if isinstance(exc, ReaderError):
        character = exc.character
        code = ord(character) if isinstance(character, str) else int(character)
        return f"unacceptable character #x{code:04x}"
    return " ".join(str(exc).split())


@dataclass
class YamlDocument:
    """A document's plain value with the position of every value and key, by key path."""

    data: Any
    values: dict[Path, Position]
    keys: dict[Path, Position]
    name: str = "<string>"

    def below(self, at: Path) -> YamlDocument:
        """The part of the document at ``at``, with positions re-rooted there."""
        cut = len(at)
        value: Any = self.data
        for part in at:
            value = value[part]
        return YamlDocument(
            value,
            {p[cut:]: v for p, v in self.values.items() if p[:cut] == at},
            {p[cut:]: v for p, v in self.keys.items() if p[:cut] == at},
            self.name,
        )


_Document = YamlDocument


def _compose(text: str) -> _Document:
    if _fast_compose is not None:
        node = _fast_compose(text)
        if node is not None:
            builder = _Builder()
            try:
                return _Document(builder.build(node, ()), builder.values, builder.keys)
            except (_Stop, RecursionError):
                pass  # read it again below: the reference reader reports the problem
    yaml = YAML(typ="safe", pure=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            aliases = 0
            for event in yaml.parse(text):
                if isinstance(event, AliasEvent):
                    aliases += 1
                    if aliases > MAX_ALIASES:
                        mark = event.start_mark
                        raise _Stop(
                            (mark.line + 1, mark.column + 1),
                            f"more than {MAX_ALIASES} aliases in one document",
                        )
            node = YAML(typ="safe", pure=True).compose(text)
    except YAMLError as exc:
        raise _Stop(_yaml_problem_position(exc, text), _yaml_problem_message(exc)) from None
    except RecursionError:
        raise _Stop((1, 1), "the document is nested too deeply") from None
    if node is None:
        raise _Stop((1, 1), "the document is empty")
    builder = _Builder()
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise _Stop((1, 1), "the document is nested too deeply") from None
    return _Document(data, builder.values, builder.keys)


def read_document(source: str | bytes | os.PathLike[str]) -> YamlDocument:
    """One YAML document read safely, with positions; :class:`UnreadableYamlError` if it
    cannot be read."""
    document, name = _read(source)
    document.name = name
    return document


def load_yaml(source: str | bytes | os.PathLike[str]) -> Any:
    """The plain value of one YAML document read safely (see the module docs)."""
    return _read(source)[0].data


def _read(source: str | bytes | os.PathLike[str]) -> tuple[_Document, str]:
    name = "<string>"
    try:
        if isinstance(source, os.PathLike):
            name = os.fspath(source)
            try:
                with open(source, "rb") as handle:
                    data = handle.read(MAX_BYTES + 1)
            except OSError as exc:
                raise _Stop((1, 1), f"cannot read the file: {exc.strerror or exc}") from None
            text = _decode(data)
        elif isinstance(source, bytes):
            data = source
            text = _decode(source)
        else:
            data = b""
            text = source
        if len(data) > MAX_BYTES or len(text) > MAX_BYTES:
            raise _Stop((1, 1), f"the document is larger than {MAX_BYTES} bytes")
        return _compose(text), name
    except _Stop as stop:
        line, column = stop.position
        problem = YamlProblem(line, column, _dotted(stop.path), stop.message)
        raise UnreadableYamlError([problem], name) from None


# ---------------------------------------------------------------------------------------------
# Validation errors to located problems.


@dataclass
class _Located:
    path: Path
    branches: list[tuple[int, str]]  # (depth in path, union member label) along the way
    message: str
    kind: str
    key_error: bool = False  # the problem is the key itself (unknown key)


def _locate(error: Any, data: Any) -> _Located:
    loc: tuple[Any, ...] = tuple(error.get("loc", ()))
    kind = str(error.get("type", ""))
    message = str(error.get("msg", "invalid value"))
    if kind == "missing" and loc:
        loc, missing = loc[:-1], loc[-1]
    else:
        missing = None
    path: list[str | int] = []
    branches: list[tuple[int, str]] = []
    node = data
    for element in loc:
        if isinstance(node, dict) and element in node:
            path.append(element)
            node = node[element]
        elif isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node):
            path.append(element)
            node = node[element]
        else:
            branches.append((len(path), str(element)))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        ctx = error.get("ctx") or {}
        tag_key = str(ctx.get("discriminator", "")).strip("'\"")
        if isinstance(node, dict) and tag_key in node:
            path.append(tag_key)
        if kind == "union_tag_invalid" and "expected_tags" in ctx:
            message = f"{ctx.get('tag')!r} is not one of {ctx['expected_tags']}"
    located = _Located(tuple(path), branches, message, kind, key_error=kind == "extra_forbidden")
    if missing is not None:
        located.message = "a required key is missing"
        located.path = (*located.path, missing)
        located.kind = "missing"
    return located


def _prune(errors: list[_Located], level: int = 0) -> list[_Located]:
    """At every union, keep the member that got furthest into the value with fewest problems."""
    kept: list[_Located] = []
    points: dict[Path, dict[str, list[_Located]]] = {}
    for error in errors:
        if len(error.branches) <= level:
            kept.append(error)
            continue
        depth, label = error.branches[level]
        points.setdefault(error.path[:depth], {}).setdefault(label, []).append(error)
    for point, members in points.items():
        pruned = {label: _prune(errs, level + 1) for label, errs in members.items()}
        score = {
            label: (max(_depth(e) for e in errs), -len(errs)) for label, errs in pruned.items()
        }
        best = max(score.values())
        winners = [label for label in members if score[label] == best]
        if len(winners) == 1:
            kept.extend(pruned[winners[0]])
        elif best[0] <= len(point):  # every member failed on the value itself: one problem
            messages = [e.message for label in winners for e in pruned[label]]
            kept.append(_Located(point, [], "; or ".join(dict.fromkeys(messages)), "union"))
        else:
            kept.extend(e for label in winners for e in pruned[label])
    return kept


def _depth(error: _Located) -> int:
    return len(error.path) - (1 if error.kind == "missing" else 0)


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text = f"{text}.{part}" if text else str(part)
    return text or "(document)"


def _prefixed(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if path == "(document)":
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


def _position(error: _Located, document: _Document) -> Position:
    path = error.path
    if error.kind == "missing":
        path = path[:-1]
    if error.key_error and path in document.keys:
        return document.keys[path]
    while path:
        if path in document.values:
            return document.values[path]
        path = path[:-1]
    return document.values.get((), (1, 1))


def _problems(exc: ValidationError, document: _Document) -> list[YamlProblem]:
    located = _prune([_locate(error, document.data) for error in exc.errors(include_url=False)])
    problems: dict[tuple[int, int, str, str], YamlProblem] = {}
    for error in located:
        line, column = _position(error, document)
        problem = YamlProblem(line, column, _dotted(error.path), " ".join(error.message.split()))
        problems.setdefault((line, column, problem.path, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.line, p.column, p.path, p.message))


# ---------------------------------------------------------------------------------------------
# The mixin.


class JobModel(BaseModel):
    """Base of the generated job models: ``from_yaml`` and ``to_yaml``."""

    @classmethod
    def from_yaml(cls, source: str | bytes | os.PathLike[str]) -> Self:
        """The model of one YAML document: YAML text (``str``), its bytes, or a file path
        (``pathlib.Path``). Raises :class:`JobYamlError` listing every problem."""
        document, name = _read(source)
        if not isinstance(document.data, dict):
            kind = type(document.data).__name__
            hint = " (to read a file, pass a pathlib.Path)" if isinstance(source, str) else ""
            line, column = document.values.get((), (1, 1))
            message = f"the document must be a mapping of keys, not a {kind}{hint}"
            raise JobYamlError([YamlProblem(line, column, "(document)", message)], name)
        try:
            return cls.model_validate(document.data)
        except ValidationError as exc:
            raise JobYamlError(_problems(exc, document), name) from None

    @classmethod
    def problems_in(
        cls, document: YamlDocument, at: Path = (), data: Any = None
    ) -> list[YamlProblem]:
        """Every problem of the value at ``at`` in ``document`` as this model, located in the
        document and named by full key paths. ``data`` replaces that value (for instance with
        pipeline bindings filled in); positions still come from the document."""
        part = document.below(at)
        if data is not None:
            part = YamlDocument(data, part.values, part.keys, part.name)
        try:
            cls.model_validate(part.data)
        except ValidationError as exc:
            prefix = _dotted(at) if at else ""
            return [
                YamlProblem(p.line, p.column, _prefixed(prefix, p.path), p.message)
                for p in _problems(exc, part)
            ]
        return []

    def to_yaml(self) -> str:
        """The keys that were set, by their YAML names, in the documented order."""
        data = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        yaml.representer.sort_base_mapping_type_on_output = False  # keep the field order
        yaml.allow_unicode = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        stream = io.StringIO()
        yaml.dump(data, stream)
        return stream.getvalue()
