"""The merged contract: one documented, self-contained draft-07 JSON Schema per job.

Merge policy
------------
The exported schema is the machine contract; the reference docs add what it lacks.  The
schema always wins: the docs never remove, loosen or replace anything that validates.

* **Descriptions.** Every property the docs document gets the docs' description at the
  property site (replacing the schema's shorter text, if any).  It is plain text, kept as data.
  When several docs variants land on one schema branch with different texts
  (``uniform`` and ``loguniform`` both map to one branch), the texts are joined, one line per
  variant, each led by the variant's name.
* **Defaults.** A documented default is added only when it is a literal with no per-variant
  overrides (``Default.kind == LITERAL``), the schema has no default there, and the value
  validates against the property's schema.
* **Ranges.** A documented range becomes ``minimum`` / ``maximum`` / ``exclusiveMinimum`` /
  ``exclusiveMaximum`` on the numeric branches of the property, only when the schema has no
  bound, no ``enum`` and no ``const`` there, and the schema's own default (if any) is inside it.
* **Allowed values.** A documented enumeration becomes ``enum`` only on a scalar property
  without ``enum``/``const`` of its own (including in its branches) and only when every value
  validates against the property's schema.
* Anything else the docs say (types, required flags, symbolic defaults) is left to the drift
  check; where the two contradict, the fact is simply not added.

Where facts go
--------------
Docs paths map to schema locations by walking ``properties``, ``additionalProperties`` for a
``<placeholder>`` segment (or, for an object without such a schema, every property the docs do
not name explicitly), ``items`` for ``[]``, through ``$ref`` / ``allOf`` / ``anyOf`` / ``oneOf``.
A docs variant (``Variant(at, name)``) selects the branches at ``at`` whose ``type`` property is
fixed to one of the variant's values.

One definition can be used at several paths with different docs text, so every use is first
expanded into its own copy, facts are added per path, and the copies are folded back into
definitions: equal copies share one definition (named after the original, ``Schema`` dropped);
differing copies each get a definition named after the first key that uses them
(``TrainingDataMLTableInput``).  Path-specific facts therefore never leak to another path.
Constraints beside a reference are wrapped (``{"allOf": [{"$ref": ...}], "minimum": 1}``).

Models
------
* Every ``anyOf`` whose object branches (at least two, all references) each require ``type``
  fixed to distinct string constants gets ``discriminator: {propertyName: "type", mapping}``.
  Scalar branches (a plain string or number alternative) cannot be tagged: they stay members of
  the ``anyOf`` beside one reference to a new definition holding the tagged object branches.
* Scalar branches with constraints (a pattern, a bound) become titled definitions, and every
  definition has a ``title`` equal to its name, so generated class names are readable.

Output is deterministic: definitions sorted by name; properties ordered ``$schema`` first, then
in documentation order, then the remaining schema keys in schema order; a ``$comment`` names the
inputs by their shown path and sha256, with no timestamp and no absolute path.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft7Validator

from generator.emit.inputs import JobInputs
from generator.model import (
    LIST_ITEMS,
    DefaultKind,
    KeySpec,
    Range,
    Scalar,
    Variant,
    match_path,
)

JSON = dict[str, Any]

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DISCRIMINATOR = "type"  # the property every tagged union of the exported schemas varies on

_COMBINATORS = ("allOf", "anyOf", "oneOf")
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_SCALAR_CONSTRAINTS = (
    "pattern",
    "minLength",
    "maxLength",
    "multipleOf",
    "format",
    *_BOUNDS,
)
# Keywords that constrain a value (must not sit beside a $ref: draft-07 ignores them there).
_ANNOTATIONS = frozenset(
    {"description", "title", "default", "examples", "readOnly", "writeOnly", "$comment"}
)
_NUMERIC = frozenset({"integer", "number"})
_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})


# ---------------------------------------------------------------------------------------------
# The expanded tree: every $ref replaced by a _Use holding its own copy of the definition.


@dataclass(eq=False)
class _Use:
    """One use of a definition: ``body`` is this use's own copy, ``site`` the ref's siblings."""

    name: str
    body: JSON
    site: JSON = field(default_factory=dict)
    added: set[str] = field(default_factory=set)  # constraints the docs put beside the ref


@dataclass(eq=False)
class _Group:
    """A definition of the merged contract: equal copies of one original share a group."""

    uid: int
    base: str  # the original definition's name, or a name for a new definition
    body: Any
    sites: list[str] = field(default_factory=list)  # docs-form paths of its uses, in order
    kind: str = "definition"  # "definition", "union" (tagged branches) or "scalar" (a branch)
    name: str = ""


@dataclass(eq=False)
class _Ref:
    """A reference to a group in the folded tree; materialized once groups have names."""

    group: _Group
    site: JSON = field(default_factory=dict)
    added: set[str] = field(default_factory=set)


_DOCS_KEY = "\x00docs"  # the docs key path that addressed a site (temporary, stripped)
_TAGGED = "\x00tagged"  # an anyOf found to be a tagged union (temporary, stripped)


def _expand(node: Any, definitions: JSON, stack: tuple[str, ...] = ()) -> Any:
    if isinstance(node, list):
        return [_expand(item, definitions, stack) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/"):
        name = ref[len("#/definitions/") :]
        site = {k: _expand(v, definitions, stack) for k, v in node.items() if k != "$ref"}
        if name in stack or name not in definitions:  # a cycle stays a plain reference
            return node
        body = _expand(definitions[name], definitions, (*stack, name))
        return _Use(name, body, site)
    return {key: _expand(value, definitions, stack) for key, value in node.items()}


def _body(node: Any) -> Any:
    return node.body if isinstance(node, _Use) else node


def _alternatives(node: Any) -> list[JSON]:
    """The schema objects ``node`` can be: itself and its combinator branches, through uses."""
    node = _body(node)
    if not isinstance(node, dict):
        return []
    found = [node]
    for key in _COMBINATORS:
        for branch in node.get(key, []) if isinstance(node.get(key), list) else []:
            found.extend(_alternatives(branch))
    return found


def _tags(schema: Any) -> tuple[str, ...] | None:
    """The values an object schema fixes its ``type`` property to, if it does."""
    schema = _body(schema)
    if not isinstance(schema, dict):
        return None
    prop = _body(schema.get("properties", {}).get(DISCRIMINATOR))
    if not isinstance(prop, dict):
        return None
    if isinstance(prop.get("const"), str):
        return (prop["const"],)
    values = prop.get("enum")
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return tuple(values)
    return None


def _is_object(schema: Any) -> bool:
    schema = _body(schema)
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    return kind == "object" or (kind is None and "properties" in schema)


# ---------------------------------------------------------------------------------------------
# Docs paths to schema sites.


def _segments(path: str) -> list[str]:
    parts: list[str] = []
    for piece in path.split("."):
        items = 0
        while piece.endswith(LIST_ITEMS):
            piece = piece[: -len(LIST_ITEMS)]
            items += 1
        if piece:
            parts.append(piece)
        parts.extend([LIST_ITEMS] * items)
    return parts


def _is_placeholder(segment: str) -> bool:
    return segment.startswith("<") and segment.endswith(">")


def _variant_values(variant: Variant) -> set[str]:
    return {value.strip() for value in variant.name.split(",") if value.strip()}


@dataclass(eq=False)
class _Site:
    """A property schema the docs address: ``holder[key]``."""

    holder: JSON
    key: str

    @property
    def node(self) -> Any:
        return self.holder[self.key]


@dataclass
class _Facts:
    site: _Site
    docs_key: str
    descriptions: list[tuple[str, str]] = field(default_factory=list)  # (variant label, text)
    defaults: list[Scalar] = field(default_factory=list)
    ranges: list[Range] = field(default_factory=list)
    enums: list[tuple[Scalar, ...]] = field(default_factory=list)


class _Locator:
    def __init__(self, root: JSON, explicit: dict[str, set[str]]) -> None:
        self.root = root
        self.explicit = explicit  # match-folded parent path -> names the docs give below it
        self.order: dict[int, list[str]] = {}  # id(properties dict) -> names in docs order
        self.holders: dict[int, JSON] = {}

    def sites(self, spec: KeySpec) -> list[_Site]:
        segments = _segments(spec.path)
        variants = {tuple(_segments(match_path(v.at))): v for v in spec.variants}
        current: list[Any] = [self.root]
        found: list[_Site] = []
        for depth, segment in enumerate(segments):
            prefix = tuple(_segments(match_path(_join(segments[:depth]))))
            parent_key = match_path(_join(segments[:depth]))
            step: list[_Site] = []
            for node in current:
                alternatives = _alternatives(node)
                variant = variants.get(prefix)
                if variant is not None:
                    wanted = _variant_values(variant)
                    alternatives = [a for a in alternatives if set(_tags(a) or ()) & wanted]
                for alt in alternatives:
                    step.extend(self._step(alt, segment, parent_key, depth == len(segments) - 1))
            found = step
            current = [site.node for site in step]
            if not current:
                return []
        return found

    def _step(self, alt: JSON, segment: str, parent_key: str, last: bool) -> list[_Site]:
        props = alt.get("properties")
        if segment == LIST_ITEMS:
            items = alt.get("items")
            return [_Site(alt, "items")] if isinstance(items, dict | _Use) else []
        if _is_placeholder(segment):
            extra = alt.get("additionalProperties")
            if isinstance(extra, dict | _Use):
                return [_Site(alt, "additionalProperties")]
            if isinstance(props, dict):
                named = self.explicit.get(parent_key, set())
                return [
                    _Site(props, name)
                    for name, value in props.items()
                    if name not in named and isinstance(value, dict | _Use)
                ]
            return []
        if isinstance(props, dict) and isinstance(props.get(segment), dict | _Use):
            if last:
                self.order.setdefault(id(props), [])
                self.holders[id(props)] = props
                if segment not in self.order[id(props)]:
                    self.order[id(props)].append(segment)
            return [_Site(props, segment)]
        return []


def _join(segments: list[str]) -> str:
    path = ""
    for segment in segments:
        path = path + segment if segment == LIST_ITEMS or not path else f"{path}.{segment}"
    return path


# ---------------------------------------------------------------------------------------------
# Adding facts.


def _plain(node: Any) -> Any:
    """The expanded node back as a plain schema (uses inlined), for validation."""
    if isinstance(node, _Use):
        body = _plain(node.body)
        site = {k: _plain(v) for k, v in node.site.items() if not k.startswith("\x00")}
        return {"allOf": [body], **site} if site else body
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if not k.startswith("\x00")}
    return node


def _valid(value: Any, node: Any, definitions: JSON) -> bool:
    schema = _plain(node)
    if isinstance(schema, dict):
        schema = {**schema, "definitions": definitions}
    return bool(Draft7Validator(schema).is_valid(value))


def _types(schema: JSON) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _scalar_targets(node: Any) -> list[tuple[JSON, set[str]]] | None:
    """Where scalar facts go (schema objects and their types), or None if the property isn't
    scalar.  A reference to a scalar definition takes them beside the reference (wrapped)."""
    if isinstance(node, _Use):
        body = node.body
        if _types(body) and _types(body) <= _SCALARS and not _has_structure(body):
            return [(node.site, _types(body))]
        return None
    if not isinstance(node, dict):
        return None
    if "type" in node:
        return [(node, _types(node))] if _types(node) and _types(node) <= _SCALARS else None
    branches = node.get("anyOf")
    if not isinstance(branches, list) or not branches:
        return None
    if all(isinstance(b, dict) and _types(b) and _types(b) <= _SCALARS for b in branches):
        return [(b, _types(b)) for b in branches]
    return None


def _has_structure(schema: JSON) -> bool:
    return any(key in schema for key in ("properties", "items", "$ref", *_COMBINATORS))


def _found(node: Any, key: str) -> list[Any]:
    """The values of ``key`` on the property schema, its branches and its reference site."""
    values = [alt[key] for alt in _alternatives(node) if key in alt]
    if isinstance(node, _Use) and key in node.site:
        values.append(node.site[key])
    return values


def _has_any(node: Any, keys: tuple[str, ...]) -> bool:
    return any(_found(node, key) for key in keys)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _range_keywords(rng: Range) -> JSON:
    out: JSON = {}
    if rng.minimum is not None:
        out["exclusiveMinimum" if rng.exclusive_minimum else "minimum"] = _number(rng.minimum)
    if rng.maximum is not None:
        out["exclusiveMaximum" if rng.exclusive_maximum else "maximum"] = _number(rng.maximum)
    return out


def _annotate(site: _Site, key: str, value: Any) -> None:
    node = site.node
    if isinstance(node, _Use):
        node.site[key] = value
    else:
        node[key] = value


def _apply(facts: _Facts, definitions: JSON) -> None:
    site = facts.site
    node = site.node
    texts = list(dict.fromkeys(text for _, text in facts.descriptions))
    if len(texts) == 1:
        _annotate(site, "description", texts[0])
    elif texts:
        lines = dict.fromkeys(
            f"{label}: {text}" if label else text for label, text in facts.descriptions
        )
        _annotate(site, "description", "\n".join(lines))
    _annotate(site, _DOCS_KEY, facts.docs_key)

    targets = _scalar_targets(node)
    if targets is not None and len({json.dumps(e) for e in facts.enums}) == 1:
        values = list(facts.enums[0])
        if not _has_any(node, ("enum", "const")) and all(
            _valid(v, node, definitions) for v in values
        ):
            _constrain(node, node.site if isinstance(node, _Use) else node, {"enum": values})

    if targets is not None and facts.ranges and all(r == facts.ranges[0] for r in facts.ranges):
        rng = facts.ranges[0]
        bounds = _range_keywords(rng)
        numeric = [target for target, types in targets if types & _NUMERIC]
        given = [d for d in _found(node, "default") if isinstance(d, int | float)]
        if (
            bounds
            and numeric
            and not _has_any(node, (*_BOUNDS, "enum", "const"))
            and all(rng.contains(d) for d in given if not isinstance(d, bool))
        ):
            for target in numeric:
                _constrain(node, target, bounds)

    if len({json.dumps(d) for d in facts.defaults}) == 1 and not _has_any(node, ("default",)):
        value = facts.defaults[0]
        if _valid(value, node, definitions):
            _annotate(site, "default", value)


def _constrain(node: Any, target: JSON, keywords: JSON) -> None:
    target.update(keywords)
    if isinstance(node, _Use) and target is node.site:
        node.added.update(keywords)


def _variant_label(spec: KeySpec) -> str:
    return ", ".join(v.name for v in spec.variants) if spec.variants else ""


def _collect(job: JobInputs, root: JSON) -> tuple[list[_Facts], _Locator]:
    explicit: dict[str, set[str]] = {}
    for spec in job.docs.keys:
        segments = _segments(spec.path)
        if segments and not _is_placeholder(segments[-1]):
            explicit.setdefault(match_path(_join(segments[:-1])), set()).add(segments[-1])
    locator = _Locator(root, explicit)
    facts: dict[int, _Facts] = {}
    ordered: list[_Facts] = []
    for spec in job.docs.keys:
        for site in locator.sites(spec):
            key = id(site.node)
            if key not in facts:
                facts[key] = _Facts(site, spec.path)
                ordered.append(facts[key])
            entry = facts[key]
            if spec.description.strip():
                entry.descriptions.append((_variant_label(spec), spec.description.strip()))
            if spec.default.kind is DefaultKind.LITERAL and not spec.default.overrides:
                entry.defaults.append(spec.default.value)
            if spec.range is not None:
                entry.ranges.append(spec.range)
            if spec.allowed is not None and spec.allowed:
                entry.enums.append(tuple(spec.allowed))
    return ordered, locator


def _reorder(locator: _Locator, root: JSON) -> None:
    def ordered(props: JSON, docs_order: list[str]) -> JSON:
        names = [n for n in ("$schema",) if n in props]
        names += [n for n in docs_order if n in props and n not in names]
        names += [n for n in props if n not in names]
        return {name: props[name] for name in names}

    def walk(node: Any) -> None:
        if isinstance(node, _Use):
            walk(node.site)
            walk(node.body)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                new = ordered(props, locator.order.get(id(props), []))
                props.clear()
                props.update(new)
            for value in node.values():
                walk(value)

    walk(root)


# ---------------------------------------------------------------------------------------------
# Tagged unions.


def _mark_tagged_unions(node: Any) -> None:
    if isinstance(node, _Use):
        _mark_tagged_unions(node.site)
        _mark_tagged_unions(node.body)
        return
    if isinstance(node, list):
        for item in node:
            _mark_tagged_unions(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _mark_tagged_unions(value)
    branches = node.get("anyOf")
    if not isinstance(branches, list):
        return
    objects = [i for i, b in enumerate(branches) if _is_object(b)]
    tagged = [i for i in objects if isinstance(branches[i], _Use) and _tags(branches[i])]
    seen: set[str] = set()
    distinct = True
    for i in tagged:
        use = branches[i]
        tags = _tags(use) or ()
        required = use.body.get("required", [])
        if DISCRIMINATOR not in required or seen & set(tags) or len(set(tags)) != len(tags):
            distinct = False
        seen |= set(tags)
    if len(tagged) >= 2 and tagged == objects and distinct:
        node[_TAGGED] = tagged
    else:
        node.pop("discriminator", None)  # a hint the branches cannot honour


# ---------------------------------------------------------------------------------------------
# Folding the expanded tree back into definitions.


def _strip_private(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_private(v) for k, v in node.items() if not k.startswith("\x00")}
    if isinstance(node, list):
        return [_strip_private(item) for item in node]
    return node


class _Folder:
    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_key: dict[tuple[str, str, str], _Group] = {}

    def group(self, kind: str, base: str, body: Any, site_path: str) -> _Group:
        key = (kind, base, self._canonical(body))
        found = self.by_key.get(key)
        if found is None:
            found = _Group(len(self.groups), base, body, kind=kind)
            self.groups.append(found)
            self.by_key[key] = found
        found.sites.append(site_path)
        return found

    @staticmethod
    def _canonical(body: Any) -> str:
        def default(obj: Any) -> str:
            if isinstance(obj, _Ref):
                site = json.dumps(_strip_private(obj.site), default=default)
                return f"\x00ref{obj.group.uid}{site}"
            raise TypeError(type(obj))

        return json.dumps(_strip_private(body), default=default)

    def fold(self, node: Any, path: str) -> Any:
        if isinstance(node, _Use):
            body = self.fold(node.body, path)
            site = {k: self.fold(v, path) for k, v in node.site.items()}
            return _Ref(self.group("definition", node.name, body, path), site, set(node.added))
        if isinstance(node, list):
            return [self.fold(item, path) for item in node]
        if not isinstance(node, dict):
            return node
        out: JSON = {}
        here = _path_segments(path)
        for key, value in node.items():
            if key in (_TAGGED, "discriminator"):
                continue  # tagged unions get a fresh discriminator when materialized
            if key == "properties" and isinstance(value, dict):
                out[key] = {n: self.fold(v, _join([*here, n])) for n, v in value.items()}
            elif key == "additionalProperties" and isinstance(value, dict | _Use):
                out[key] = self.fold(value, _join([*here, "<name>"]))
            elif key == "items" and isinstance(value, dict | _Use):
                out[key] = self.fold(value, _join([*here, LIST_ITEMS]))
            elif key == "anyOf" and isinstance(value, list):
                out[key], whole = self._fold_any_of(node, value, path)
                if whole:
                    out[_TAGGED] = True
            else:
                out[key] = self.fold(value, path)
        return out

    def _fold_any_of(self, node: JSON, branches: list[Any], path: str) -> tuple[list[Any], bool]:
        """The folded branches, and whether the anyOf itself is a tagged union."""
        folded = [self.fold(branch, path) for branch in branches]
        prop = _last_name(path)
        for i, branch in enumerate(folded):  # constrained scalar branches become definitions
            if (
                isinstance(branch, dict)
                and _types(branch) <= _SCALARS
                and any(k in branch for k in _SCALAR_CONSTRAINTS)
            ):
                base = _camel(prop) + _scalar_word(branch)
                folded[i] = _Ref(self.group("scalar", base, branch, path))
        tagged = node.get(_TAGGED)
        if not tagged:
            return folded, False
        if len(tagged) == len(folded):
            return folded, True
        members = [folded[i] for i in tagged]
        docs_key = node.get(_DOCS_KEY)
        base = _camel(_last_name(docs_key)) if isinstance(docs_key, str) else _camel(prop)
        ref = _Ref(self.group("union", base, {"anyOf": members, _TAGGED: True}, path))
        first = tagged[0]
        kept = [
            ref if i == first else b for i, b in enumerate(folded) if i == first or i not in tagged
        ]
        return kept, False


def _path_segments(path: str) -> list[str]:
    return _segments(path) if path else []


def _last_name(path: str) -> str:
    for segment in reversed(_segments(path)):
        if segment != LIST_ITEMS:
            return segment.strip("<>")
    return "root"


def _camel(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Value"


def _title(name: str) -> str:
    """A readable definition name: ``CustomChoiceSchema_Integer`` -> ``CustomChoiceInteger``."""
    core = re.sub(r"Schema(?=_|$)", "", name)
    words = [w for w in re.split(r"[^A-Za-z0-9]+", core) if w]
    return "".join(w[:1].upper() + w[1:] for w in words) or _camel(name)


def _scalar_word(branch: JSON) -> str:
    pattern = branch.get("pattern")
    if isinstance(pattern, str):
        if pattern.startswith("^(?!"):
            return "Other"
        word = re.search(r"[A-Za-z][A-Za-z0-9]*", pattern)
        if word:
            return _camel(word.group(0))
    kinds = sorted(_types(branch))
    return "".join(_camel(k) for k in kinds) or "Value"


def _assign_names(groups: list[_Group], taken: set[str]) -> None:
    by_base: dict[tuple[str, str], list[_Group]] = {}
    for group in groups:
        by_base.setdefault((group.kind, group.base), []).append(group)
    used = set(taken)

    def claim(candidates: list[str]) -> str:
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                return candidate
        stem = candidates[-1]
        n = 2
        while f"{stem}{_ordinal(n)}" in used:
            n += 1
        used.add(f"{stem}{_ordinal(n)}")
        return f"{stem}{_ordinal(n)}"

    for (kind, base), same in by_base.items():
        title = _title(base) if kind == "definition" else base
        if len(same) == 1:
            same[0].name = claim([title])
            continue
        for group in same:
            first = group.sites[0] if group.sites else ""
            names = [s for s in _segments(first) if s != LIST_ITEMS]
            candidates = [
                "".join(_camel(n.strip("<>")) for n in names[-k:]) + title
                for k in range(1, len(names) + 1)
            ] or [title]
            group.name = claim(candidates)


def _ordinal(n: int) -> str:
    words = ["", "", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth"]
    return words[n] if n < len(words) else f"No{n}"


def _materialize(node: Any) -> Any:
    if isinstance(node, _Ref):
        site = _materialize(node.site)
        ref = {"$ref": f"#/definitions/{node.group.name}"}
        if node.added - _ANNOTATIONS:  # validation keywords beside a $ref need a wrapper
            return {"allOf": [ref], **site}
        return {**ref, **site}
    if isinstance(node, list):
        return [_materialize(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _materialize(v) for k, v in node.items() if not k.startswith("\x00")}
    if node.get(_TAGGED):
        out["discriminator"] = _discriminator(node["anyOf"])
    return out


def _discriminator(branches: list[Any]) -> JSON:
    mapping: JSON = {}
    for branch in branches:
        if isinstance(branch, _Ref):
            for tag in _tags(branch.group.body) or ():
                mapping[tag] = f"#/definitions/{branch.group.name}"
    return {"propertyName": DISCRIMINATOR, "mapping": mapping}


def _plain_refs(node: Any) -> Iterator[str]:
    """Names of definitions referenced by plain ``$ref`` strings (cycles, kept as written)."""
    if isinstance(node, _Ref):
        yield from _plain_refs(node.site)
        yield from _plain_refs(node.group.body)
    elif isinstance(node, list):
        for item in node:
            yield from _plain_refs(item)
    elif isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            yield ref[len("#/definitions/") :]
        for value in node.values():
            yield from _plain_refs(value)


def _verbatim(names: list[str], definitions: JSON) -> JSON:
    """Original definitions kept as written, with everything they reference."""
    kept: JSON = {}
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in kept or name not in definitions:
            continue
        kept[name] = definitions[name]
        pending.extend(_plain_refs(definitions[name]))
    return kept


def merge_contract(job: JobInputs) -> JSON:
    """The documented JSON schema of ``job``: its exported schema plus the docs' facts."""
    schema = copy.deepcopy(job.schema)
    definitions: JSON = schema.pop("definitions", {})
    original_comment = schema.pop("$comment", None)
    root = _expand(schema, definitions)

    facts, locator = _collect(job, root)
    for entry in facts:
        _apply(entry, definitions)
    _reorder(locator, root)
    _mark_tagged_unions(root)

    folder = _Folder()
    folded = folder.fold(root, "")
    verbatim = _verbatim(sorted(set(_plain_refs(folded))), definitions)
    _assign_names(folder.groups, set(verbatim) | {job.class_name})

    out_definitions: JSON = {name: {"title": name, **body} for name, body in verbatim.items()}
    for group in folder.groups:
        out_definitions[group.name] = {"title": group.name, **_materialize(group.body)}

    body = _materialize(folded)
    contract: JSON = {"$schema": DRAFT7, "$comment": _comment(job, original_comment)}
    contract["title"] = job.class_name
    description = job.docs.title or body.get("description")
    if description:
        contract["description"] = description
    skip = {"$schema", "$comment", "title", "description", "definitions"}
    contract.update({k: v for k, v in body.items() if k not in skip})
    contract["definitions"] = {name: out_definitions[name] for name in sorted(out_definitions)}
    return contract


def _comment(job: JobInputs, original: Any) -> str:
    inputs = "; ".join(f"{path} sha256:{job.sources[path]}" for path in sorted(job.sources))
    text = (
        f"Merged contract of {job.schema_name} (docgen): the exported schema, with the "
        f"descriptions, literal defaults, ranges and allowed values of the reference docs "
        f"added where the schema has none. Inputs: {inputs}."
    )
    if isinstance(original, str) and original:
        text += f" Exported schema: {original}"
    return text


def contract_json(contract: JSON) -> str:
    """The contract as written to disk: stable, readable, newline-terminated."""
    return json.dumps(contract, indent=2, ensure_ascii=False) + "\n"
