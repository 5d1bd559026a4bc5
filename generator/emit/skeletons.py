"""YAML skeletons: one fill-in-the-blanks job file per job, ``skeletons/<module>.yml``.

Layout: the banner as ``#`` lines, ``$schema:``, the required keys (the contract's and
the page's, nested required objects written out) with placeholders, then every optional
top-level key commented out with its default (or a placeholder) and a one-line
description, in the page's order.

Placeholders are YAML strings that name the value's type: ``<string>``, ``<integer>``,
``<number>``, ``<boolean>``, ``<object>``, ``<array>`` (a union joins them:
``<string|object>``).  :func:`fill_skeleton` replaces each one with a value from a
callback; :func:`example_filler` gives the contract's example values, after which the
skeleton validates against the contract.

Text from the docs is data: it reaches the template only as variables, comments are
flattened to one printable line, and values are quoted by :func:`yaml_scalar`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml import YAML

from generator.emit.examples import (
    MISSING,
    Contract,
    DocsHints,
    KeyPath,
    NoExample,
    Synth,
    ValuesFor,
    comment_lines,
    lookup,
    one_line,
    yaml_scalar,
    yaml_writer,
)
from generator.emit.inputs import JobInputs
from generator.model import DefaultKind, KeySpec

JSON = dict[str, Any]

SCHEMA_URL = "https://azuremlschemas.azureedge.net/latest/{name}.schema.json"
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "skeleton.yml.j2"
PLACEHOLDER_TYPES = ("string", "integer", "number", "boolean", "object", "array", "null", "value")
PLACEHOLDER_RE = re.compile(r"<((?:%s)(?:\|(?:%s))*)>" % (("|".join(PLACEHOLDER_TYPES),) * 2))
COMMENT_WIDTH = 160
ENUM_SHOWN = 8


def schema_url(schema_name: str) -> str:
    return SCHEMA_URL.format(name=schema_name)


def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def emit_skeletons(
    jobs: list[JobInputs], contracts: Mapping[str, JSON], out: Path, banner: str
) -> list[Path]:
    """Write ``out/skeletons/<module>.yml`` for every job; the paths written, in job order."""
    folder = out / "skeletons"
    folder.mkdir(parents=True, exist_ok=True)
    template = environment().get_template(TEMPLATE)
    written: list[Path] = []
    for job in jobs:
        try:
            context = skeleton_context(job, contracts[job.schema_name], banner)
        except NoExample as exc:
            raise NoExample(f"{job.schema_name}: skeleton: {exc.message}") from None
        text = template.render(**context)
        path = folder / f"{job.module}.yml"
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def render_skeleton(job: JobInputs, contract: JSON, banner: str = "") -> str:
    """One job's skeleton as text."""
    return environment().get_template(TEMPLATE).render(**skeleton_context(job, contract, banner))


def skeleton_context(job: JobInputs, contract: JSON, banner: str) -> dict[str, Any]:
    """The template's variables; every string in it is final YAML or comment text."""
    schema = Contract(contract)
    hints = DocsHints(job.docs)
    example = Synth(schema, hints).minimal()
    required: list[dict[str, Any]] = []
    _required_lines(schema, hints, example, (), required)
    return {
        "banner": comment_lines(banner) if banner else [],
        "schema_url": yaml_scalar(schema_url(job.schema_name)),
        "required": required,
        "optional": _optional_lines(schema, hints, set(example)),
    }


def _required_lines(
    schema: Contract,
    hints: DocsHints,
    value: Mapping[str, Any],
    path: KeyPath,
    out: list[dict[str, Any]],
) -> None:
    for key, item in value.items():
        here = (*path, key)
        node = schema.node_at(here)
        entry: dict[str, Any] = {
            "indent": "  " * len(path),
            "key": yaml_scalar(key),
            "value": None,
            "comment": _describe(hints.spec(here), node, schema),
        }
        out.append(entry)
        if isinstance(item, dict) and item:
            _required_lines(schema, hints, item, here, out)
        elif node is not None and len(schema.fixed_values(node)) == 1:
            entry["value"] = yaml_scalar(item)
        else:
            entry["value"] = placeholder_for(item)


def placeholder_for(value: Any) -> str:
    """The placeholder of an example value's type."""
    if isinstance(value, bool):
        kind = "boolean"
    elif isinstance(value, int):
        kind = "integer"
    elif isinstance(value, float):
        kind = "number"
    elif isinstance(value, str):
        kind = "string"
    elif isinstance(value, dict):
        kind = "object"
    elif isinstance(value, list):
        kind = "array"
    else:
        kind = "null"
    return yaml_scalar(f"<{kind}>")


def _optional_lines(schema: Contract, hints: DocsHints, taken: set[str]) -> list[dict[str, str]]:
    root = schema.schema
    names = [child.name for child in hints.children(()) if not child.name.startswith("<")]
    names += [n for n in root.get("properties", {}) if n not in names]
    out: list[dict[str, str]] = []
    for name in names:
        if name in taken or name == "$schema":
            continue
        node = schema.child(root, name)
        if node is None or schema.resolve(node).get("readOnly"):
            continue
        spec = hints.spec((name,))
        out.append(
            {
                "key": yaml_scalar(name),
                "value": _shown_value(schema, node, spec),
                "comment": _describe(spec, node, schema),
            }
        )
    return out


def _shown_value(schema: Contract, node: Any, spec: KeySpec | None) -> str:
    """The documented default when the contract accepts it, else the contract's default
    or constant, else a placeholder naming the accepted types."""
    if spec is not None and spec.default.kind is DefaultKind.LITERAL:
        if schema.is_valid(spec.default.value, node):
            return one_line(yaml_scalar(spec.default.value))
    resolved = schema.resolve(node)
    if "default" in resolved and not isinstance(resolved["default"], (dict, list)):
        return one_line(yaml_scalar(resolved["default"]))
    fixed = schema.fixed_values(node)
    if len(fixed) == 1 and not isinstance(fixed[0], (dict, list)):
        return one_line(yaml_scalar(fixed[0]))
    kinds = [t for t in schema.types(node) if t != "null"] or ["value"]
    return yaml_scalar("<" + "|".join(kinds) + ">")


def _describe(spec: KeySpec | None, node: Any, schema: Contract) -> str:
    """One line: the first sentence of the docs' (else the contract's) description, plus
    the allowed values when the contract lists a few."""
    text = spec.description if spec is not None else ""
    if not text and node is not None:
        described = schema.resolve(node).get("description")
        text = described if isinstance(described, str) else ""
    line = _first_sentence(one_line(text))
    fixed = schema.fixed_values(node) if node is not None else []
    if 1 < len(fixed) <= ENUM_SHOWN:
        shown = ", ".join(one_line(yaml_scalar(v)) for v in fixed)
        line = f"{line} (one of: {shown})" if line else f"One of: {shown}"
    return line


def _first_sentence(text: str) -> str:
    match = re.search(r"(?<=[.!?])\s", text)
    if match:
        text = text[: match.start()]
    if len(text) > COMMENT_WIDTH:
        text = text[: COMMENT_WIDTH - 3].rstrip() + "..."
    return text


# --------------------------------------------------------------------------- filling


def example_filler(job: JobInputs, contract: JSON) -> ValuesFor:
    """Placeholder values from the job's minimal example (the values the skeleton was
    built from), else the contract's example for the node at that path."""
    schema = Contract(contract)
    synth = Synth(schema, DocsHints(job.docs))
    example = synth.minimal()

    def values_for(path: tuple[str | int, ...], kind: str) -> Any:
        found = lookup(example, path)
        if found is not MISSING:
            return found
        node = schema.node_at(path)
        if node is None:
            raise KeyError(f"no schema for {path!r}")
        keys = tuple(seg if isinstance(seg, str) else "[]" for seg in path)
        return synth.value(node, keys)

    return values_for


def fill_skeleton(text: str, values_for: ValuesFor) -> str:
    """Replace every placeholder value (``<string>``, ``<integer|string>``, ...) with
    ``values_for(path, kind)``; comments and key order are kept."""
    yaml = YAML(typ="rt", pure=True)
    data = yaml.load(text)
    _fill(data, (), values_for)
    stream = io.StringIO()
    writer = yaml_writer()
    writer.dump(data, stream)
    return stream.getvalue()


def _fill(data: Any, path: tuple[str | int, ...], values_for: ValuesFor) -> None:
    if isinstance(data, dict):
        items: list[tuple[Any, Any]] = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return
    for key, value in items:
        here = (*path, key)
        if isinstance(value, str):
            match = PLACEHOLDER_RE.fullmatch(value)
            if match:
                data[key] = values_for(here, match.group(1))
        else:
            _fill(value, here, values_for)


def placeholders_in(data: Any) -> list[str]:
    """Placeholder strings left anywhere in parsed YAML."""
    found: list[str] = []
    if isinstance(data, dict):
        for value in data.values():
            found += placeholders_in(value)
    elif isinstance(data, list):
        for value in data:
            found += placeholders_in(value)
    elif isinstance(data, str) and PLACEHOLDER_RE.fullmatch(data):
        found.append(data)
    return found
