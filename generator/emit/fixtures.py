"""Test fixtures: valid and invalid job files per job, ``fixtures/<module>/``.

* ``valid/minimal.yml``: the required keys only (the contract's and the page's).
* ``valid/full.yml``: every key the page documents that the contract accepts (one side
  of each alternative, the page's first variant of each union).
* ``valid/<key>-<variant>.yml``: one per variant of every union of objects told apart by
  ``type`` in the contract (sampling algorithms, early-termination policies, search-space
  distributions, identities, services), each with the variant's documented keys.
* ``invalid/<rule>-<key>.yml``: a valid file with exactly one constraint broken:
  ``required``, ``const``, ``enum``, ``type``, ``range`` or ``unknown-key``.
* ``index.json``: one entry per file, ``{"file", "expect", "description"}``, plus
  ``"path"`` (the key broken, dotted) and ``"rule"`` for invalid files.

The YAML is written by ruamel.yaml in block style, keys in the page's order, after the
banner as ``#`` lines; file names and bytes depend only on the inputs.
"""

from __future__ import annotations

import copy
import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.emit.examples import (
    MAP_ENTRY,
    MAP_SEG,
    Contract,
    DocsHints,
    KeyPath,
    NoExample,
    Synth,
    dump_yaml,
    is_placeholder,
    path_str,
)
from generator.emit.inputs import JobInputs
from generator.emit.skeletons import schema_url
from generator.model import LIST_ITEMS

JSON = dict[str, Any]

RULES = ("required", "const", "enum", "type", "range", "unknown-key")
UNKNOWN_KEY = "unknown_key"
RANGE_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


@dataclass(frozen=True)
class Fixture:
    file: str  # relative to the job's fixture folder: "valid/minimal.yml"
    data: Any
    description: str
    rule: str | None = None  # invalid fixtures: which constraint is broken
    path: str | None = None  # invalid fixtures: the key that breaks it

    @property
    def expect(self) -> str:
        return "valid" if self.rule is None else "invalid"

    def index_entry(self) -> dict[str, str]:
        entry = {"file": self.file, "expect": self.expect}
        if self.rule is not None and self.path is not None:
            entry |= {"path": self.path, "rule": self.rule}
        entry["description"] = self.description
        return entry


def emit_fixtures(
    jobs: list[JobInputs], contracts: Mapping[str, JSON], out: Path, banner: str
) -> list[Path]:
    """Write every job's fixtures and index; the paths written, in a fixed order."""
    written: list[Path] = []
    for job in jobs:
        folder = out / "fixtures" / job.module
        try:
            fixtures = build_fixtures(job, contracts[job.schema_name])
        except NoExample as exc:
            raise NoExample(f"{job.schema_name}: fixtures: {exc.message}") from None
        for fixture in fixtures:
            path = folder / fixture.file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(dump_yaml(fixture.data, banner).encode("utf-8"))
            written.append(path)
        index = folder / "index.json"
        text = json.dumps([f.index_entry() for f in fixtures], indent=2, ensure_ascii=False)
        index.write_bytes((text + "\n").encode("utf-8"))
        written.append(index)
    return written


def build_fixtures(job: JobInputs, contract: JSON) -> list[Fixture]:
    """One job's fixtures: valid ones first, then the invalid ones, names unique."""
    schema = Contract(contract)
    hints = DocsHints(job.docs)
    synth = Synth(schema, hints)
    minimal = synth.minimal()
    full = Synth(schema, hints, {("$schema",): schema_url(job.schema_name)}).full()
    fixtures = [
        Fixture("valid/minimal.yml", minimal, "Only the required keys."),
        Fixture(
            "valid/full.yml",
            full,
            "Every documented key the contract accepts, with example values "
            "(one side of each alternative, the first documented variant of each union).",
        ),
    ]
    fixtures += _variants(schema, hints, synth, minimal)
    fixtures += _invalid(schema, minimal, full)
    names = [f.file for f in fixtures]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"fixture names collide for {job.module}: {duplicates}")
    return fixtures


# --------------------------------------------------------------------------- variants


def _variants(schema: Contract, hints: DocsHints, synth: Synth, minimal: Any) -> list[Fixture]:
    out: list[Fixture] = []
    for site in schema.variant_sites(hints):
        for value, (where, branch) in site.values.items():
            path = _concrete(where, site.at)
            try:
                leaf = synth.variant(branch, path, value)
                data = _set_at(copy.deepcopy(minimal), path, leaf, synth, schema)
            except NoExample:
                continue
            if not schema.is_valid(data):
                continue
            label = path_str(site.at)
            out.append(
                Fixture(
                    f"valid/{_slug(site.at)}-{_slug((value,))}.yml",
                    data,
                    f"The required keys, plus `{label}` as the `{value}` variant "
                    f"with its documented keys (at `{path_str(path)}`).",
                )
            )
    return out


def _concrete(path: KeyPath, at: KeyPath) -> KeyPath:
    """A walk path with its map entries named (after the docs' placeholder when known)."""
    out: list[str] = []
    for i, seg in enumerate(path):
        if seg == MAP_SEG:
            doc = at[i] if len(at) == len(path) else MAP_SEG
            seg = doc.strip("<>") if is_placeholder(doc) and doc != MAP_SEG else MAP_ENTRY
        out.append(seg)
    return tuple(out)


def _set_at(data: Any, path: KeyPath, leaf: Any, synth: Synth, schema: Contract) -> Any:
    """``data`` with ``leaf`` at ``path``; missing parents get their minimal example."""
    if not path:
        return leaf
    cur = data
    for i, seg in enumerate(path[:-1]):
        nxt = path[i + 1]
        if seg == LIST_ITEMS:
            if not isinstance(cur, list):
                raise NoExample("a list was expected")
            if not cur:
                cur.append({} if nxt != LIST_ITEMS else [])
            cur = cur[0]
            continue
        if not isinstance(cur, dict):
            raise NoExample("an object was expected")
        if seg not in cur:
            node = schema.node_at(path[: i + 1])
            cur[seg] = synth.value(node, path[: i + 1]) if node is not None else {}
        cur = cur[seg]
    last = path[-1]
    if last == LIST_ITEMS:
        if not isinstance(cur, list):
            raise NoExample("a list was expected")
        cur[:] = [leaf]
    elif isinstance(cur, dict):
        cur[last] = leaf
    else:
        raise NoExample("an object was expected")
    return data


def _slug(path: KeyPath) -> str:
    parts = [seg for seg in path if seg != LIST_ITEMS and not is_placeholder(seg)]
    text = "-".join(parts) or "root"
    return re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-") or "root"


# --------------------------------------------------------------------------- invalid


@dataclass(frozen=True)
class _Leaf:
    path: KeyPath
    node: JSON  # resolved; never a union
    value: Any


def _leaves(schema: Contract, data: Any) -> Iterator[_Leaf]:
    """Declared, writable keys of ``data`` reached through objects only, whose schema is
    not a union, in document order (depth first)."""

    def walk(node: Any, value: Any, path: KeyPath) -> Iterator[_Leaf]:
        if not isinstance(value, dict):
            return
        declared = schema.branches(node)[0].get("properties", {})
        for key, item in value.items():
            sub = declared.get(key)
            if sub is None or len(schema.branches(sub)) != 1:
                continue
            resolved = schema.branches(sub)[0]
            if resolved.get("readOnly"):
                continue
            yield _Leaf((*path, key), resolved, item)
            if isinstance(item, dict):
                yield from walk(sub, item, (*path, key))

    if len(schema.branches(schema.schema)) == 1:
        yield from walk(schema.schema, data, ())


def _invalid(schema: Contract, minimal: Any, full: Any) -> list[Fixture]:
    out: list[Fixture] = []
    out += _missing(schema, minimal)
    out += _consts(schema, minimal)
    out += _enums(schema, full)
    out += _types(schema, full)
    out += _ranges(schema, full)
    out += _unknown_keys(schema, minimal, full)
    return out


def _with(data: Any, path: KeyPath, value: Any) -> Any:
    copied = copy.deepcopy(data)
    cur = copied
    for seg in path[:-1]:
        cur = cur[seg]
    cur[path[-1]] = value
    return copied


def _without(data: Any, path: KeyPath) -> Any:
    copied = copy.deepcopy(data)
    cur = copied
    for seg in path[:-1]:
        cur = cur[seg]
    del cur[path[-1]]
    return copied


def _fixture(rule: str, path: KeyPath, data: Any, description: str, tag: str = "") -> Fixture:
    prefix = "missing" if rule == "required" else rule
    name = f"invalid/{prefix}-{_slug(path)}{tag}.yml"
    return Fixture(name, data, description, rule=rule, path=path_str(path))


def _missing(schema: Contract, minimal: Any) -> list[Fixture]:
    root = schema.branches(schema.schema)[0]
    out: list[Fixture] = []
    for name in root.get("required", []):
        if isinstance(minimal, dict) and name in minimal:
            out.append(
                _fixture(
                    "required",
                    (name,),
                    _without(minimal, (name,)),
                    f"`{name}` is left out; the contract requires it.",
                )
            )
    return out


def _first_per_depth(leaves: Iterator[_Leaf]) -> list[_Leaf]:
    """The first top-level leaf and the first nested one."""
    top = nested = None
    for leaf in leaves:
        if len(leaf.path) == 1 and top is None:
            top = leaf
        elif len(leaf.path) > 1 and nested is None:
            nested = leaf
    return [leaf for leaf in (top, nested) if leaf is not None]


def _consts(schema: Contract, minimal: Any) -> list[Fixture]:
    out: list[Fixture] = []
    leaves = [leaf for leaf in _leaves(schema, minimal) if "const" in leaf.node]
    chosen = [leaf for leaf in leaves if len(leaf.path) == 1]
    chosen += [leaf for leaf in leaves if len(leaf.path) > 1][:1]
    for leaf in chosen:
        const = leaf.node["const"]
        wrong = _other_value(const, [const])
        data = _with(minimal, leaf.path, wrong)
        if schema.is_valid(data):
            continue
        out.append(
            _fixture(
                "const",
                leaf.path,
                data,
                f"`{path_str(leaf.path)}` is {json.dumps(wrong)}; the contract fixes it to "
                f"{json.dumps(const)}.",
            )
        )
    return out


def _enums(schema: Contract, full: Any) -> list[Fixture]:
    out: list[Fixture] = []
    leaves = (leaf for leaf in _leaves(schema, full) if "enum" in leaf.node)
    for leaf in _first_per_depth(leaves):
        allowed = leaf.node["enum"]
        wrong = _other_value(allowed[0] if allowed else "", allowed)
        data = _with(full, leaf.path, wrong)
        if schema.is_valid(data):
            continue
        out.append(
            _fixture(
                "enum",
                leaf.path,
                data,
                f"`{path_str(leaf.path)}` is {json.dumps(wrong)}, which is not one of the "
                "allowed values.",
            )
        )
    return out


def _other_value(like: Any, taken: list[Any]) -> Any:
    """A value of the same JSON type as ``like`` that is not in ``taken``."""
    if isinstance(like, bool):
        flipped = not like
        return flipped if flipped not in taken else "not-a-boolean"
    numbers: list[float] = [
        v for v in taken if isinstance(v, (int, float)) and not isinstance(v, bool)
    ]
    if isinstance(like, int):
        return int(max(numbers, default=like)) + 1
    if isinstance(like, float):
        return float(max(numbers, default=like)) + 1.5
    text = f"not-{like}" if isinstance(like, str) and like else "not-allowed"
    while text in taken:
        text += "-x"
    return text


_WRONG_TYPE: dict[str, list[Any]] = {
    "string": [12345, ["example"]],
    "integer": ["not-an-integer", 0.5],
    "number": ["not-a-number"],
    "boolean": ["not-a-boolean"],
    "object": ["not-an-object"],
    "array": ["not-an-array"],
}


def _types(schema: Contract, full: Any) -> list[Fixture]:
    out: list[Fixture] = []
    leaves = (
        leaf
        for leaf in _leaves(schema, full)
        if isinstance(leaf.node.get("type"), (str, list))
        and "const" not in leaf.node
        and "enum" not in leaf.node
    )
    for leaf in _first_per_depth(leaves):
        declared = leaf.node["type"]
        kinds = [declared] if isinstance(declared, str) else list(declared)
        main = next((k for k in kinds if k != "null"), "null")
        for wrong in _WRONG_TYPE.get(main, ["not-a-value"]):
            data = _with(full, leaf.path, wrong)
            if not schema.is_valid(wrong, leaf.node) and not schema.is_valid(data):
                out.append(
                    _fixture(
                        "type",
                        leaf.path,
                        data,
                        f"`{path_str(leaf.path)}` is {json.dumps(wrong)}; the contract wants "
                        f"{' or '.join(kinds)}.",
                    )
                )
                break
    return out


def _ranges(schema: Contract, full: Any) -> list[Fixture]:
    out: list[Fixture] = []
    leaves = (
        leaf
        for leaf in _leaves(schema, full)
        if any(isinstance(leaf.node.get(k), (int, float)) for k in RANGE_KEYWORDS)
        and isinstance(leaf.value, (int, float))
        and not isinstance(leaf.value, bool)
    )
    for leaf in _first_per_depth(leaves):
        declared = leaf.node.get("type")
        kinds = [declared] if isinstance(declared, str) else list(declared or [])
        integer = "integer" in kinds and "number" not in kinds
        for side, wrong in _out_of_range(leaf.node, integer):
            data = _with(full, leaf.path, wrong)
            if schema.is_valid(data):
                continue
            out.append(
                _fixture(
                    "range",
                    leaf.path,
                    data,
                    f"`{path_str(leaf.path)}` is {json.dumps(wrong)}, {side} the allowed range.",
                    tag=f"-{side}",
                )
            )
    return out


def _out_of_range(node: JSON, integer: bool) -> list[tuple[str, int | float]]:
    """A value just below the lower bound and one just above the upper bound."""
    out: list[tuple[str, int | float]] = []
    low, ex_low = _number(node.get("minimum")), _number(node.get("exclusiveMinimum"))
    high, ex_high = _number(node.get("maximum")), _number(node.get("exclusiveMaximum"))
    if low is not None:
        out.append(("below", math.ceil(low) - 1 if integer else float(low) - 1))
    elif ex_low is not None:
        out.append(("below", math.floor(ex_low) if integer else float(ex_low)))
    if high is not None:
        out.append(("above", math.floor(high) + 1 if integer else float(high) + 1))
    elif ex_high is not None:
        out.append(("above", math.ceil(ex_high) if integer else float(ex_high)))
    return out


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def _unknown_keys(schema: Contract, minimal: Any, full: Any) -> list[Fixture]:
    out: list[Fixture] = []
    root = schema.branches(schema.schema)[0]
    if root.get("additionalProperties") is False and isinstance(minimal, dict):
        key = _unknown_name(root)
        out.append(
            _fixture(
                "unknown-key",
                (key,),
                _with(minimal, (key,), "example"),
                f"`{key}` is not a key of the job; the contract allows no others.",
            )
        )
    for source in (minimal, full):
        nested = [
            leaf
            for leaf in _leaves(schema, source)
            if isinstance(leaf.value, dict) and leaf.node.get("additionalProperties") is False
        ]
        if nested:
            leaf = nested[0]
            key = _unknown_name(leaf.node)
            path = (*leaf.path, key)
            out.append(
                _fixture(
                    "unknown-key",
                    path,
                    _with(source, path, "example"),
                    f"`{key}` is not a key of `{path_str(leaf.path)}`; the contract allows "
                    "no others.",
                )
            )
            break
    return out


def _unknown_name(node: JSON) -> str:
    name = UNKNOWN_KEY
    props = node.get("properties", {})
    patterns = node.get("patternProperties", {})
    while name in props or any(re.search(p, name) for p in patterns):
        name += "_x"
    return name
