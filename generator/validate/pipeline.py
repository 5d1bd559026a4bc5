"""Checking a ``type: pipeline`` document: its own keys, then node by node.

* The pipeline's own keys (``inputs``, ``outputs``, ``settings``, ``jobs``, ...) are
  checked against the exported pipeline schema.
* An AutoML node is checked by the same generated job model as a standalone job, with
  its bindings checked first and then replaced by example values of the expected type.
* Other nodes (command, sweep, ...) are checked for shape against the pipeline schema.
  A node that refers to a component file, or a ``code:`` folder, that is not there gets
  a note saying what was not checked. It is not an error: the examples' component
  folders are often not copied alongside them.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError, best_match

from generated.runtime import JobYamlError, YamlDocument, load_yaml
from generator.emit.examples import Contract, example_value
from generator.validate.bindings import Binding, binding_problem, bindings_in, is_binding
from generator.validate.issues import Issue, located
from generator.validate.models import models_by_task

NODE_NAME = re.compile(r"^[a-z_][a-z\d_]*$")
FIXED = ("type", "task")  # never a binding


@dataclass
class PipelineContext:
    schema: dict[str, Any]  # the bundled pipeline schema
    contracts: dict[str, dict[str, Any]]  # task -> merged contract
    folder: Path  # where the pipeline file is, for component and code paths


def check_pipeline(
    document: YamlDocument, context: PipelineContext
) -> tuple[list[Issue], list[str]]:
    """Problems and notes for one pipeline document."""
    data = document.data
    issues: list[Issue] = []
    notes: list[str] = []
    properties: dict[str, Any] = context.schema.get("properties", {})
    definitions = context.schema.get("definitions", {})
    for key, value in data.items():
        if key not in properties:
            issues.append(
                located(document, (key,), "unknown key: a pipeline has no such key", key=True)
            )
        elif key != "jobs":
            issues.extend(_schema_issues(document, (key,), value, properties[key], definitions))
    if "jobs" not in data:
        issues.append(located(document, (), "`jobs` is missing: a pipeline runs at least one node"))
    elif not isinstance(data["jobs"], dict) or not data["jobs"]:
        issues.append(located(document, ("jobs",), "`jobs` must map node names to nodes"))
    else:
        for name, node in data["jobs"].items():
            node_issues, node_notes = _check_node(document, str(name), node, context)
            issues.extend(node_issues)
            notes.extend(node_notes)
    return issues, notes


def _check_node(
    document: YamlDocument, name: str, node: Any, context: PipelineContext
) -> tuple[list[Issue], list[str]]:
    at = ("jobs", name)
    issues: list[Issue] = []
    if not NODE_NAME.match(name):
        issues.append(
            located(document, at, f"node name `{name}` must match {NODE_NAME.pattern}", key=True)
        )
    if not isinstance(node, dict):
        return [*issues, located(document, at, "a node must be a mapping of keys")], []
    for binding in bindings_in(node, at):
        problem = binding_problem(binding.text, document.data, in_node=True)
        if problem is not None:
            issues.append(located(document, binding.path, problem))
    if node.get("type") == "automl":
        return [*issues, *_check_automl_node(document, at, node, context)], []
    properties = context.schema["properties"]["jobs"]["additionalProperties"]
    issues.extend(
        _schema_issues(document, at, node, properties, context.schema.get("definitions", {}))
    )
    return issues, _unchecked_files(name, node, context.folder)


def _check_automl_node(
    document: YamlDocument, at: tuple[str, ...], node: dict[str, Any], context: PipelineContext
) -> list[Issue]:
    issues = [
        located(document, (*at, key), f"`{key}` cannot be a binding")
        for key in FIXED
        if is_binding(node.get(key))
    ]
    if issues:
        return issues
    task = node.get("task")
    model = models_by_task().get(str(task))
    contract = context.contracts.get(str(task))
    if model is None or contract is None:
        known = ", ".join(sorted(models_by_task()))
        return [
            located(document, (*at, "task"), f"no job model for task `{task}` (known: {known})")
        ]
    filled = _fill_bindings(node, at, contract)
    return [
        Issue(document.name, p.line, p.column, p.path, p.message)
        for p in model.problems_in(document, at, filled)
    ]


def _fill_bindings(node: dict[str, Any], at: tuple[str, ...], contract: dict[str, Any]) -> Any:
    """The node with every binding replaced by an example value of its key's type."""
    filled = copy.deepcopy(node)
    schema = Contract(contract)
    for binding in bindings_in(node, at):
        inner = binding.path[len(at) :]
        target = schema.node_at(inner)
        if target is None:
            continue  # an unknown key: the model reports it
        _put(filled, inner, example_value(target, contract))
    return filled


def _put(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _schema_issues(
    document: YamlDocument,
    at: tuple[str | int, ...],
    value: Any,
    schema: Any,
    definitions: dict[str, Any],
) -> Iterator[Issue]:
    validator = Draft7Validator({**schema, "definitions": definitions})
    for error in validator.iter_errors(value):
        yield _issue_of(document, at, _deepest(error))


def _deepest(error: ValidationError) -> ValidationError:
    while error.context:
        chosen = best_match(error.context)
        if chosen is None:
            break
        error = chosen
    return error


def _issue_of(document: YamlDocument, at: tuple[str | int, ...], error: ValidationError) -> Issue:
    path = (*at, *error.absolute_path)
    if error.validator == "additionalProperties":
        extra = [
            k for k in re.findall(r"'([^']+)'", error.message) if k in _mapping(document, path)
        ]
        if extra:
            return located(document, (*path, extra[0]), "unknown key", key=True)
    message = error.message if len(error.message) <= 200 else error.message[:197] + "..."
    return located(document, path, message)


def _mapping(document: YamlDocument, path: tuple[str | int, ...]) -> dict[str, Any]:
    value: Any = document.data
    for part in path:
        value = value[part]
    return value if isinstance(value, dict) else {}


def _component_code_note(name: str, component: Path) -> list[str]:
    """A note when the component's ``code:`` folder is missing (examples ship without it)."""
    try:
        spec = load_yaml(component)
    except JobYamlError:
        return [f"jobs.{name}: component file {component.name} cannot be read; it was not checked"]
    code = spec.get("code") if isinstance(spec, dict) else None
    if isinstance(code, str) and "://" not in code and not code.startswith("azureml:"):
        if not (component.parent / code).exists():
            return [
                f"jobs.{name}: the code folder {code} of component {component.name} is not "
                "here; the node's shape was checked, its code was not"
            ]
    return []


def _unchecked_files(name: str, node: dict[str, Any], folder: Path) -> list[str]:
    """Notes for component files and code folders the node names but that are not here."""
    notes: list[str] = []
    component = node.get("component")
    if isinstance(component, str) and not component.startswith(("azureml:", "azureml://")):
        relative = component.removeprefix("file:")
        found = folder / relative
        if not found.is_file():
            notes.append(
                f"jobs.{name}: component file {relative} is not here; "
                "the node's shape was checked, its component was not"
            )
        else:
            notes.extend(_component_code_note(name, found))
    code = node.get("code")
    if isinstance(code, str) and "://" not in code and not code.startswith("azureml:"):
        if not (folder / code).exists():
            notes.append(f"jobs.{name}: code folder {code} is not here; it was not checked")
    return notes


__all__ = ["Binding", "PipelineContext", "check_pipeline"]
