"""Pipeline data bindings: ``${{parent.inputs.x}}`` and ``${{parent.jobs.<node>.outputs.y}}``.

Inside a pipeline's AutoML node the SDK accepts a binding in place of any value except
``type`` and ``task`` (and not in place of a whole section such as ``limits``).  A
binding is checked for its form and for what it names (an input of the pipeline, a
node of the pipeline); the node is then checked by its job model with each binding
replaced by an example value of the type its key expects, so one set of rules judges
standalone jobs and pipeline nodes alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

BINDING = re.compile(r"^\$\{\{\s*(?P<expr>[^{}]*?)\s*\}\}$")
_PARENT_INPUT = re.compile(r"^parent\.inputs\.(?P<name>[A-Za-z_][\w]*)$")
_PARENT_OUTPUT = re.compile(r"^parent\.outputs\.(?P<name>[A-Za-z_][\w]*)$")
_NODE_OUTPUT = re.compile(
    r"^parent\.jobs\.(?P<node>[A-Za-z_][\w-]*)\.outputs\.(?P<name>[A-Za-z_]\w*)$"
)
_NODE_LOCAL = re.compile(r"^(inputs|outputs)\.(?P<name>[A-Za-z_]\w*)$")

Path = tuple[str | int, ...]


def is_binding(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip().startswith("${{")


@dataclass(frozen=True)
class Binding:
    path: Path  # where the binding stands, from the document root
    text: str


def bindings_in(value: Any, at: Path) -> Iterator[Binding]:
    """Every binding string at or below ``at``."""
    if is_binding(value):
        yield Binding(at, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from bindings_in(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from bindings_in(item, (*at, index))


def binding_problem(text: str, pipeline: dict[str, Any], in_node: bool) -> str | None:
    """What is wrong with one binding in a pipeline, or None."""
    match = BINDING.match(text.strip())
    if match is None:
        return f"`{text}` is not a binding: write `${{{{parent.inputs.<name>}}}}`"
    expr = match.group("expr")
    found = _PARENT_INPUT.match(expr)
    if found:
        inputs = pipeline.get("inputs")
        if not isinstance(inputs, dict) or found.group("name") not in inputs:
            return f"`{text}` names pipeline input `{found.group('name')}`, which is not declared"
        return None
    found = _PARENT_OUTPUT.match(expr)
    if found:
        outputs = pipeline.get("outputs")
        if not isinstance(outputs, dict) or found.group("name") not in outputs:
            return f"`{text}` names pipeline output `{found.group('name')}`, which is not declared"
        return None
    found = _NODE_OUTPUT.match(expr)
    if found:
        jobs = pipeline.get("jobs")
        if not isinstance(jobs, dict) or found.group("node") not in jobs:
            return f"`{text}` names node `{found.group('node')}`, which is not in `jobs`"
        return None
    if in_node and _NODE_LOCAL.match(expr):
        return None
    return (
        f"`{text}`: a binding names `parent.inputs.<name>`, `parent.outputs.<name>` or "
        "`parent.jobs.<node>.outputs.<name>`"
    )
