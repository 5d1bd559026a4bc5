"""Example values for a job's contract (a draft-07 JSON Schema), and the YAML they are written in.

Shared by the skeleton and fixture emitters.  Everything here is deterministic:
the same contract (and docs) always give the same values, in the same key order.

* :class:`Contract` wraps one merged contract: ``$ref``/``allOf`` resolution,
  ``anyOf``/``oneOf`` branches, validity checks (``Draft7Validator``), navigation
  by key path, and the variant sites (unions of objects told apart by ``type``).
* :class:`DocsHints` is what the reference page adds: key order, the keys it
  documents, the keys it calls required, alternatives ("One of ``a`` or ``b``"),
  and the order of the variants.  Without hints the contract alone decides.
* :class:`Synth` builds the values: ``minimal`` (required keys only), ``full``
  (every documented key the contract accepts) and one value per variant.
* :func:`yaml_scalar` and :func:`dump_yaml` write YAML that reads the same under
  YAML 1.2 and YAML 1.1 loaders (PyYAML, which the Azure ML CLI uses).

Paths are tuples of segments: a property or map-entry name, or ``"[]"`` for the
items of a list (as in the key model; a concrete document path uses the index 0).
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft7Validator
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver

from generator.errors import InputError
from generator.model import LIST_ITEMS, PLACEHOLDER, KeySpec, KeyTable, RequiredKind

JSON = dict[str, Any]
Seg = str
KeyPath = tuple[Seg, ...]


class NoExample(InputError):
    """No value satisfies the node (an unsatisfiable or unsupported schema)."""


_MISSING = object()

#: ``type: <one of these>`` on an input object means its data lives at ``path``.
DATA_INPUT_TYPES = ("mltable", "uri_folder", "uri_file")
#: The map key used when nothing better names an entry of a user-keyed map.
MAP_ENTRY = "example"
MAP_SEG = "<*>"  # a map entry in a contract walk (any name)

_TYPE_ORDER = ("object", "array", "string", "integer", "number", "boolean", "null")


def path_str(path: Iterable[str | int]) -> str:
    """``("search_space", 0, "beta1")`` -> ``search_space[0].beta1`` (``[]`` stays ``[]``)."""
    out = ""
    for seg in path:
        if isinstance(seg, int):
            out += f"[{seg}]"
        elif seg == LIST_ITEMS:
            out += LIST_ITEMS
        else:
            out = f"{out}.{seg}" if out else seg
    return out


@functools.lru_cache(maxsize=4096)
def split_docs_path(path: str) -> KeyPath:
    """A key-model path (``search_space[].<hyperparameter>.type``) as segments."""
    segs: list[str] = []
    for part in PLACEHOLDER.sub(lambda m: m.group(0).replace(".", "\0"), path).split("."):
        part = part.replace("\0", ".")
        tail = 0
        while part.endswith(LIST_ITEMS) and part != LIST_ITEMS:
            part = part[: -len(LIST_ITEMS)]
            tail += 1
        if part:
            segs.append(part)
        segs.extend([LIST_ITEMS] * tail)
    return tuple(segs)


def is_placeholder(seg: str) -> bool:
    return seg == MAP_SEG or bool(PLACEHOLDER.fullmatch(seg))


def segs_match(pattern: KeyPath, path: KeyPath) -> bool:
    """Docs segments against a path: ``<name>`` matches any name (never ``[]``)."""
    if len(pattern) != len(path):
        return False
    for want, have in zip(pattern, path, strict=True):
        if want == have:
            continue
        if LIST_ITEMS in (want, have):
            return False
        if not (is_placeholder(want) or is_placeholder(have)):
            return False
    return True


# --------------------------------------------------------------------------- contract


class Contract:
    """One merged contract with cached resolution and validators."""

    def __init__(self, schema: JSON) -> None:
        self.schema = schema
        self.definitions: JSON = schema.get("definitions", {})
        self._resolved: dict[int, tuple[Any, JSON]] = {}
        self._branches: dict[int, tuple[Any, list[JSON]]] = {}
        self._validators: dict[int, tuple[Any, Draft7Validator]] = {}

    # ---- resolution
    def resolve(self, node: Any) -> JSON:
        """``node`` with its ``$ref`` followed and ``allOf`` merged in (cached)."""
        if not isinstance(node, dict):
            return {} if node is True or node is None else {"not": {}}
        hit = self._resolved.get(id(node))
        if hit is not None:
            return hit[1]
        out = self._resolve(node, 0)
        self._resolved[id(node)] = (node, out)
        return out

    def _resolve(self, node: JSON, depth: int) -> JSON:
        if depth > 50:
            raise NoExample("$ref chain too deep")
        if "$ref" in node:
            target = self._target(node["$ref"])
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return _merge(self._resolve(target, depth + 1), rest)
        if "allOf" in node:
            out = {k: v for k, v in node.items() if k != "allOf"}
            for sub in node["allOf"]:
                if isinstance(sub, dict):
                    out = _merge(out, self._resolve(sub, depth + 1))
            return out
        return node

    def _target(self, ref: str) -> JSON:
        prefix = "#/definitions/"
        if ref == "#":
            return self.schema
        if not ref.startswith(prefix) or ref[len(prefix) :] not in self.definitions:
            raise NoExample(f"unsupported $ref {ref!r}")
        found = self.definitions[ref[len(prefix) :]]
        return found if isinstance(found, dict) else {}

    def branches(self, node: Any) -> list[JSON]:
        """The alternatives of a node (``anyOf``/``oneOf`` flattened), each resolved and
        carrying the node's other keywords; a node without alternatives is its own branch."""
        if isinstance(node, dict):
            hit = self._branches.get(id(node))
            if hit is not None:
                return hit[1]
        resolved = self.resolve(node)
        key = "anyOf" if "anyOf" in resolved else "oneOf" if "oneOf" in resolved else None
        if key is None:
            out = [resolved]
        else:
            base = {k: v for k, v in resolved.items() if k not in ("anyOf", "oneOf")}
            out = []
            for sub in resolved[key]:
                for branch in self.branches(sub):
                    out.append(_merge(branch, base))
        if isinstance(node, dict):
            self._branches[id(node)] = (node, out)
        return out

    # ---- validation
    def validator(self, node: Any) -> Draft7Validator:
        hit = self._validators.get(id(node))
        if hit is not None:
            return hit[1]
        schema: Any = node
        if isinstance(node, dict) and node is not self.schema:
            schema = {**node, "definitions": self.definitions}
        validator = Draft7Validator(schema)
        self._validators[id(node)] = (node, validator)
        return validator

    def is_valid(self, value: Any, node: Any | None = None) -> bool:
        return bool(self.validator(self.schema if node is None else node).is_valid(value))

    # ---- navigation
    def child(self, node: Any, name: str, value: Any = _MISSING) -> Any | None:
        """The schema of property ``name`` of an object node (the branch whose
        discriminator fits ``value`` when the node is a union), or None if refused."""
        for branch in self.branches(node):
            if (
                value is not _MISSING
                and isinstance(value, dict)
                and not self.is_valid(value, branch)
            ):
                continue
            props = branch.get("properties", {})
            if name in props:
                return props[name]
            for pattern, sub in branch.get("patternProperties", {}).items():
                if re.search(pattern, name):
                    return sub
            extra = branch.get("additionalProperties", True)
            if extra is not False and "object" in _own_types(branch):
                return extra if isinstance(extra, dict) else {}
        return None

    def items(self, node: Any) -> Any | None:
        for branch in self.branches(node):
            if "items" in branch and isinstance(branch["items"], dict):
                return branch["items"]
        return None

    def node_at(self, path: Iterable[str | int]) -> Any | None:
        """The schema node a document path leads to (list indexes and ``[]`` both mean items)."""
        node: Any = self.schema
        for seg in path:
            if node is None:
                return None
            node = (
                self.items(node)
                if isinstance(seg, int) or seg == LIST_ITEMS
                else self.child(node, seg)
            )
        return node

    def accepts(self, node: Any, name: str) -> bool:
        return self.child(node, name) is not None

    # ---- facts
    def types(self, node: Any) -> list[str]:
        """JSON types a node admits, in a fixed preference order (null last)."""
        found: list[str] = []
        for branch in self.branches(node):
            for t in _own_types(branch):
                if t not in found:
                    found.append(t)
        return sorted(found, key=lambda t: _TYPE_ORDER.index(t) if t in _TYPE_ORDER else 99)

    def discriminators(self, node: Any) -> list[tuple[str, JSON]]:
        """``(type value, branch)`` for every object branch whose ``type`` property is fixed
        (``const`` or ``enum``), in schema order; empty when fewer than two values."""
        out: list[tuple[str, JSON]] = []
        objects = 0
        for branch in self.branches(node):
            if "object" not in _own_types(branch):
                continue
            objects += 1
            prop = branch.get("properties", {}).get("type")
            if prop is None:
                continue
            for value in self.fixed_values(prop):
                if isinstance(value, str):
                    out.append((value, branch))
        if objects < 2 or len({value for value, _ in out}) < 2:
            return []
        return out

    def fixed_values(self, node: Any) -> list[Any]:
        """The values a node is limited to (``const``/``enum`` in every branch), else []."""
        values: list[Any] = []
        for branch in self.branches(node):
            if "const" in branch:
                values.append(branch["const"])
            elif "enum" in branch:
                values.extend(branch["enum"])
            else:
                return []
        return values

    def variant_sites(self, hints: DocsHints | None = None) -> list[VariantSite]:
        """Every union of ``type``-discriminated objects reachable from the root, grouped
        by the key that varies (the docs' variant key when it matches), in walk order."""
        sites: list[tuple[KeyPath, str, JSON]] = []
        self._walk(self.schema, (), sites, set())
        grouped: dict[KeyPath, VariantSite] = {}
        for path, value, branch in sites:
            group = self._group(path, hints)
            site = grouped.setdefault(group, VariantSite(group))
            if value not in site.values:
                site.values[value] = (path, branch)
        return list(grouped.values())

    def _walk(
        self, node: Any, path: KeyPath, out: list[tuple[KeyPath, str, JSON]], seen: set[Any]
    ) -> None:
        marker = (path, id(node))
        if marker in seen or len(path) > 12:
            return
        seen.add(marker)
        for value, branch in self.discriminators(node):
            out.append((path, value, branch))
        for branch in self.branches(node):
            for name, sub in branch.get("properties", {}).items():
                if not self.resolve(sub).get("readOnly") and name != "$schema":
                    self._walk(sub, (*path, name), out, seen)
            extra = branch.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                self._walk(extra, (*path, MAP_SEG), out, seen)
            items = branch.get("items")
            if isinstance(items, dict):
                self._walk(items, (*path, LIST_ITEMS), out, seen)

    def _group(self, path: KeyPath, hints: DocsHints | None) -> KeyPath:
        if hints is not None:
            for at in hints.variant_keys():
                if segs_match(at, path):
                    return at
        if path and path[-1] not in (LIST_ITEMS, MAP_SEG):
            parent = self.node_at(path[:-1])
            if parent is not None:
                siblings = [
                    name
                    for branch in self.branches(parent)
                    for name, sub in branch.get("properties", {}).items()
                    if self.discriminators(sub)
                ]
                if len(siblings) > 1:
                    return (*path[:-1], MAP_SEG)
        return path


@dataclass
class VariantSite:
    """One varying key (``at``) and, per discriminator value, the first concrete
    place it can be set (a path with ``<*>`` for map entries) and its branch."""

    at: KeyPath
    values: dict[str, tuple[KeyPath, JSON]] = field(default_factory=dict)


def _own_types(node: JSON) -> list[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str)]
    if "const" in node:
        return [_json_type(node["const"])]
    if "enum" in node:
        return list(dict.fromkeys(_json_type(v) for v in node["enum"]))
    if "properties" in node or "additionalProperties" in node or "required" in node:
        return ["object"]
    if "items" in node:
        return ["array"]
    return []


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _merge(base: JSON, extra: Mapping[str, Any]) -> JSON:
    """Two schema nodes that must both hold, combined (first one wins on plain keywords)."""
    out = dict(base)
    for key, value in extra.items():
        if key not in out:
            out[key] = value
        elif key == "properties" and isinstance(value, dict):
            out[key] = {**value, **out[key]}
        elif key == "required" and isinstance(value, list):
            out[key] = list(dict.fromkeys([*out[key], *value]))
    return out


# --------------------------------------------------------------------------- docs hints


@dataclass(frozen=True)
class DocChild:
    name: str  # a property name, or a ``<placeholder>`` for user-chosen names
    spec: KeySpec


class DocsHints:
    """What a resolved reference page says about shapes: order, documented and required keys."""

    def __init__(self, table: KeyTable) -> None:
        self.table = table
        self._keys = [(split_docs_path(spec.path), spec) for spec in table.keys]
        self._children: dict[tuple[KeyPath, str | None], list[DocChild]] = {}
        self._variant_keys: list[KeyPath] | None = None

    def children(self, path: KeyPath, variant: str | None = None) -> list[DocChild]:
        """Documented keys directly below ``path``, in page order, one per name; rows of
        other variants at ``path`` are left out when ``variant`` is given."""
        hit = self._children.get((path, variant))
        if hit is None:
            hit = self._children[(path, variant)] = self._find_children(path, variant)
        return hit

    def _find_children(self, path: KeyPath, variant: str | None) -> list[DocChild]:
        out: dict[str, DocChild] = {}
        for segs, spec in self._keys:
            if len(segs) != len(path) + 1 or not segs_match(segs[:-1], path):
                continue
            if variant is not None and not self._in_variant(spec, path, variant):
                continue
            out.setdefault(segs[-1], DocChild(segs[-1], spec))
        return list(out.values())

    def _in_variant(self, spec: KeySpec, path: KeyPath, variant: str) -> bool:
        for v in spec.variants:
            if segs_match(split_docs_path(v.at), path):
                return variant in variant_names(v.name)
        return True

    def spec(self, path: KeyPath) -> KeySpec | None:
        """The first documented row for ``path`` (placeholders match any name)."""
        for segs, spec in self._keys:
            if segs_match(segs, path):
                return spec
        return None

    def order(self, path: KeyPath) -> list[str]:
        """Names documented below ``path`` in page order (all variants)."""
        return [child.name for child in self.children(path)]

    def variant_keys(self) -> list[KeyPath]:
        """The keys that vary, in page order."""
        if self._variant_keys is None:
            seen: dict[KeyPath, None] = {}
            for _, spec in self._keys:
                for v in spec.variants:
                    seen.setdefault(split_docs_path(v.at), None)
            self._variant_keys = list(seen)
        return list(self._variant_keys)

    def variant_order(self, path: KeyPath) -> list[str]:
        """Variant names documented at ``path`` (``"a, b"`` split), in page order."""
        names: dict[str, None] = {}
        for _, spec in self._keys:
            for v in spec.variants:
                if segs_match(split_docs_path(v.at), path):
                    for name in variant_names(v.name):
                        names.setdefault(name, None)
        return list(names)


def variant_names(name: str) -> list[str]:
    return [part.strip() for part in name.split(",") if part.strip()]


# --------------------------------------------------------------------------- synthesis


def example_value(node: Any, contract: JSON, *, key: str = "") -> Any:
    """A valid example for one node of ``contract`` (required keys only for objects)."""
    return Synth(Contract(contract)).value(node, (key,) if key else ())


class Synth:
    """Deterministic example values for a contract, optionally shaped by the docs.

    ``overrides`` fixes the value at given paths (``{("$schema",): url}``); such a key
    is written even when the contract marks it read-only."""

    def __init__(
        self,
        contract: Contract,
        hints: DocsHints | None = None,
        overrides: Mapping[KeyPath, Any] | None = None,
    ) -> None:
        self.contract = contract
        self.hints = hints
        self.overrides = dict(overrides or {})

    # ---- entry points
    def minimal(self) -> Any:
        """The root with its required keys (the contract's and the page's)."""
        return self.value(self.contract.schema, ())

    def full(self) -> Any:
        """The root with every documented key the contract accepts (one of each alternative)."""
        return self.value(self.contract.schema, (), full=True)

    def variant(self, branch: JSON, path: KeyPath, name: str) -> Any:
        """The object of one variant (``type: name``) with its documented keys."""
        value = self._object(branch, path, full=True, fixed_type=name)
        if not self.contract.is_valid(value, branch):
            raise NoExample(f"no valid {name!r} at {path_str(path)}")
        return value

    # ---- values
    def value(self, node: Any, path: KeyPath, *, full: bool = False) -> Any:
        if path in self.overrides:
            return self.overrides[path]
        found = self._try(node, path, full)
        if found is _MISSING:
            raise NoExample(f"no valid example for {path_str(path) or 'the root'}")
        return found

    def _try(self, node: Any, path: KeyPath, full: bool) -> Any:
        resolved = self.contract.resolve(node)
        branches = self.contract.branches(node)
        if len(branches) > 1:
            for branch in self._branch_order(node, branches, path, full):
                candidate = self._try(branch, path, full)
                if candidate is not _MISSING and self.contract.is_valid(candidate, node):
                    return candidate
            return _MISSING
        for candidate in self._candidates(resolved, path, full):
            if self.contract.is_valid(candidate, node):
                return candidate
        return _MISSING

    def _branch_order(
        self, node: Any, branches: list[JSON], path: KeyPath, full: bool
    ) -> list[JSON]:
        """Schema order; in full mode the docs' first variant (an object) comes first."""
        if not full or self.hints is None:
            return branches
        preferred: list[JSON] = []
        by_value = self.contract.discriminators(node)
        for name in self.hints.variant_order(path):
            for value, branch in by_value:
                if value == name and branch not in preferred:
                    preferred.append(branch)
        if not preferred:
            return branches
        return [preferred[0]] + [b for b in branches if b is not preferred[0]]

    def _candidates(self, node: JSON, path: KeyPath, full: bool) -> Iterator[Any]:
        if "const" in node:
            yield node["const"]
            return
        default = node.get("default", _MISSING)
        if default is not _MISSING and not isinstance(default, (dict, list)):
            yield default
        if "enum" in node:
            spec = self.hints.spec(path) if self.hints is not None else None
            documented = list(spec.allowed or ()) if spec is not None else []
            yield from [v for v in documented if v in node["enum"]]
            yield from node["enum"]
            return
        for kind in _own_types(node) or ["string"]:
            if kind == "object":
                yield self._object(node, path, full)
            elif kind == "array":
                yield self._array(node, path, full)
            elif kind == "string":
                yield from _strings(node, _label(path))
            elif kind == "integer":
                yield from _numbers(node, integer=True)
            elif kind == "number":
                yield from _numbers(node, integer=False)
            elif kind == "boolean":
                yield True
                yield False
            elif kind == "null":
                yield None

    def _array(self, node: JSON, path: KeyPath, full: bool) -> list[Any]:
        items = node.get("items")
        count = max(1, int(node.get("minItems", 1)))
        if not isinstance(items, dict):
            return []
        item = self._try(items, (*path, LIST_ITEMS), full)
        if item is _MISSING:
            return []
        return [copy.deepcopy(item) for _ in range(count)]

    def _object(
        self, node: JSON, path: KeyPath, full: bool, fixed_type: str | None = None
    ) -> dict[str, Any]:
        props: JSON = node.get("properties", {})
        required = [n for n in node.get("required", []) if isinstance(n, str)]
        extra = node.get("additionalProperties", True)
        hints = self.hints
        variant = fixed_type
        if variant is None and "type" in props:
            fixed = self.contract.fixed_values(props["type"])
            if len(fixed) == 1 and isinstance(fixed[0], str):
                variant = fixed[0]
        docs = hints.children(path, variant) if hints is not None else []

        wanted: list[str] = list(required)
        if fixed_type is not None and "type" in props and "type" not in wanted:
            wanted.append("type")
        for child in docs:
            if child.spec.required.kind is RequiredKind.YES and not is_placeholder(child.name):
                wanted.append(child.name)
        wanted += [p[-1] for p in self.overrides if len(p) == len(path) + 1 and p[:-1] == path]
        if full:
            if hints is not None:
                for child in docs:
                    if is_placeholder(child.name):
                        wanted += self._placeholder_names(child.name, props, extra)
                    elif not self._alternative_taken(child, wanted):
                        wanted.append(child.name)
            else:
                wanted += list(props)
            if isinstance(extra, dict) and not props and not docs:
                wanted.append(MAP_ENTRY)
        type_value = self._type_value(props, fixed_type)
        if type_value in DATA_INPUT_TYPES and "path" in props:
            wanted += ["type", "path"]

        order = hints.order(path) if hints is not None else []
        names = _ordered(dict.fromkeys(wanted), [*order, *props])
        out: dict[str, Any] = {}
        for name in names:
            child_path = (*path, name)
            sub = props.get(name)
            if sub is None:
                sub = self.contract.child(node, name)
            if sub is None:
                continue  # documented, but the contract refuses it
            if child_path not in self.overrides and self.contract.resolve(sub).get("readOnly"):
                continue
            if name == "type" and fixed_type is not None:
                out[name] = fixed_type
                continue
            if name == "path" and type_value in DATA_INPUT_TYPES:
                local = f"./data/{_label(path)}"
                if self.contract.is_valid(local, sub):
                    out[name] = local
                    continue
            found = (
                self.overrides[child_path]
                if child_path in self.overrides
                else self._try(sub, child_path, full)
            )
            if found is _MISSING:
                if name in required:
                    return {}  # the caller's validity check rejects it
                continue
            out[name] = found
        return out

    def _type_value(self, props: JSON, fixed_type: str | None) -> Any:
        if fixed_type is not None:
            return fixed_type
        if "type" in props:
            fixed = self.contract.fixed_values(props["type"])
            if len(fixed) == 1:
                return fixed[0]
        return None

    def _placeholder_names(self, placeholder: str, props: JSON, extra: Any) -> list[str]:
        """A documented ``<name>`` child: every declared property, or one map entry."""
        if props:
            return [n for n in props if not self.contract.resolve(props[n]).get("readOnly")]
        if extra is False:
            return []
        return [placeholder.strip("<>") or MAP_ENTRY]

    @staticmethod
    def _alternative_taken(child: DocChild, taken: list[str]) -> bool:
        """A conditionally required key that names a sibling already chosen
        ("if not using `slack_factor`") is the other side of an alternative."""
        if child.spec.required.kind is not RequiredKind.CONDITIONAL:
            return False
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", child.spec.required.condition))
        return any(w in taken for w in words if w != child.name)


def _ordered(names: dict[str, None], order: list[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(dict.fromkeys(order))}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), list(names).index(n)))


def _label(path: KeyPath) -> str:
    for seg in reversed(path):
        if seg != LIST_ITEMS and not is_placeholder(seg):
            return seg.lstrip("$") or "value"
    return "value"


_PREFIXES = (
    "azureml:",
    "https://example.com/",
    "wasbs://container@account.blob.core.windows.net/",
    "file:./",
    "./",
)


def _strings(node: JSON, label: str) -> Iterator[str]:
    pattern = node.get("pattern")
    plain = f"example-{label}"
    candidates = [plain]
    if isinstance(pattern, str):
        prefix = _literal_prefix(pattern)
        candidates = [prefix + plain] if prefix else []
        candidates += [p + plain for p in _PREFIXES] + [plain, label, "example"]
    low = int(node.get("minLength", 0))
    high = node.get("maxLength")
    for text in candidates:
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            text = text[:high]
        if isinstance(pattern, str):
            try:
                if not re.search(pattern, text):
                    continue
            except re.error:
                pass
        yield text


def _literal_prefix(pattern: str) -> str:
    """``^azureml:.+`` -> ``azureml:`` (the literal text a pattern anchors at)."""
    if not pattern.startswith("^"):
        return ""
    out = ""
    for ch in pattern[1:]:
        if ch in ".^$*+?()[]{}|\\":
            break
        out += ch
    return out


def _numbers(node: JSON, *, integer: bool) -> Iterator[int | float]:
    low, high = node.get("minimum"), node.get("maximum")
    ex_low, ex_high = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
    if isinstance(ex_low, bool):  # draft-04 style
        ex_low = low if ex_low else None
    if isinstance(ex_high, bool):
        ex_high = high if ex_high else None
    bounds = [b for b in (low, high, ex_low, ex_high) if isinstance(b, (int, float))]
    base: list[float] = [1, 0] if integer else [0.5, 1.0, 0.0]
    for b in bounds:
        base += [b, b + 1, b - 1, math.floor(b), math.ceil(b)]
    lo_all = [b for b in (low, ex_low) if isinstance(b, (int, float))]
    hi_all = [b for b in (high, ex_high) if isinstance(b, (int, float))]
    if lo_all and hi_all:
        base.append((max(lo_all) + min(hi_all)) / 2)
    step = node.get("multipleOf")
    for value in base:
        if integer:
            if not float(value).is_integer():
                continue
            value = int(value)
        else:
            value = float(value)
        if isinstance(step, (int, float)) and step > 0:
            value = math.ceil(value / step) * step
            value = int(value) if integer else float(value)
        if (low is not None and value < low) or (high is not None and value > high):
            continue
        if (ex_low is not None and value <= ex_low) or (ex_high is not None and value >= ex_high):
            continue
        yield value


# --------------------------------------------------------------------------- YAML out


_R11 = VersionedResolver(version=(1, 1))
_R12 = VersionedResolver(version=(1, 2))
_STR = "tag:yaml.org,2002:str"


@functools.lru_cache(maxsize=8192)
def plain_is_string(text: str) -> bool:
    """True when ``text`` written plain reads back as a string under YAML 1.1 and 1.2."""
    return all(r.resolve(ScalarNode, text, (True, False)) == _STR for r in (_R11, _R12))


_SAFE_PLAIN = re.compile(r"[A-Za-z0-9_./<$][A-Za-z0-9_./<>$@~=+\-:| ]*")


def yaml_scalar(value: Any) -> str:
    """One scalar as YAML text on one line, strictly quoted: plain only for a conservative
    character set that reads back as the same value under YAML 1.1 and 1.2; otherwise a
    double-quoted string with every non-ASCII or control character escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    text = str(value)
    if (
        _SAFE_PLAIN.fullmatch(text)
        and not text.endswith((" ", ":"))
        and ": " not in text
        and " #" not in text
        and plain_is_string(text)
    ):
        return text
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = exponent[0] if exponent[0] in "+-" else "+"
        text = f"{mantissa}e{sign}{exponent.lstrip('+-')}"
    return text


class _Representer(RoundTripRepresenter):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice is written twice, never as an anchor


def _represent_str(rep: RoundTripRepresenter, data: str) -> Any:
    style = None if plain_is_string(data) or "\n" in data else "'"
    return rep.represent_scalar(_STR, data, style=style)


def _represent_float(rep: RoundTripRepresenter, data: float) -> Any:
    return rep.represent_scalar("tag:yaml.org,2002:float", _float_text(data))


def _represent_none(rep: RoundTripRepresenter, data: None) -> Any:
    return rep.represent_scalar("tag:yaml.org,2002:null", "null")


_Representer.add_representer(str, _represent_str)
_Representer.add_representer(float, _represent_float)
_Representer.add_representer(type(None), _represent_none)


def yaml_writer() -> YAML:
    """Block style, keys in insertion order, 2-space indents, one line per scalar."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Representer = _Representer
    yaml.default_flow_style = False
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def comment_lines(text: str) -> list[str]:
    """Text as ``#`` comment lines (one per line of ``text``, never a bare line break)."""
    return [f"# {line}".rstrip() for line in (one_line(part) for part in text.split("\n"))]


def one_line(text: str) -> str:
    """Text collapsed to one line of printable characters (safe inside a YAML comment)."""
    flat = " ".join(str(text).split())
    return "".join(ch if _printable(ch) else "?" for ch in flat)


def _printable(ch: str) -> bool:
    code = ord(ch)
    if code == 0xFEFF:
        return False
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def dump_yaml(data: Any, banner: str = "") -> str:
    """``data`` (plain mappings, lists and scalars) as a block-style YAML document, after
    the banner as ``#`` lines.

    Written directly rather than through ruamel's emitter (ten times slower on fixtures):
    every key and scalar goes through :func:`yaml_scalar`, so the text reads back as the
    same value under YAML 1.1 and 1.2, whatever the strings hold.
    """
    head = "".join(line + "\n" for line in comment_lines(banner)) if banner else ""
    return head + "".join(line + "\n" for line in _block(data, 0))


def _block(value: Any, indent: int) -> list[str]:
    """The lines of a mapping or list written at ``indent``; a scalar as one line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [pad + "{}"]
        lines: list[str] = []
        for key, item in value.items():
            name = yaml_scalar(key)
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{name}:")
                lines.extend(_block(item, indent + 2))
            else:
                lines.append(f"{pad}{name}: {_inline(item)}")
        return lines
    if isinstance(value, list):
        if not value:
            return [pad + "[]"]
        lines = []
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = _block(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {_inline(item)}")
        return lines
    return [pad + _inline(value)]


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return yaml_scalar(value)


def load_yaml(text: str) -> Any:
    """Parse YAML safely (for checks and tests)."""
    return YAML(typ="safe", pure=True).load(text)


def lookup(data: Any, path: Iterable[str | int]) -> Any:
    """The value at a document path (``[]`` means the first item), or ``_MISSING``."""
    cur = data
    for seg in path:
        if seg == LIST_ITEMS:
            seg = 0
        if isinstance(seg, int):
            if not isinstance(cur, list) or len(cur) <= seg:
                return _MISSING
            cur = cur[seg]
        else:
            if not isinstance(cur, dict) or seg not in cur:
                return _MISSING
            cur = cur[seg]
    return cur


MISSING = _MISSING

ValuesFor = Callable[[tuple[str | int, ...], str], Any]
