"""Setting aside the parts of an SDK rejection that are not about the contract, and retrying.

Two causes are checked, each from the SDK's own message:

* ``missing-files``: a local path the SDK needs on disk and that is not there.  For a pipeline
  node's ``component`` (whose ``code:`` folder the corpus lacks: it copies the examples
  without ``components/src``), the node is removed, with every binding that reads from it.
  For any other key (a fixture's made-up ``path_on_compute``), that key is removed.
* ``unbuildable-key``: ``X.__init__() got an unexpected keyword argument 'k'`` where ``k`` is
  a key the SDK's own schema declares (so marshmallow loads it and the entity class then
  refuses it).  Every ``k`` key is removed.

The copy is written to a temporary folder and loaded again, until it is accepted or no new
cause shows (at most a few rounds).  The original document is never changed.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.oracle.corpus import REPO, Document
from generator.oracle.messages import missing_paths, unexpected_arguments
from generator.oracle.verdicts import Cause, SdkRun, SdkVerdict

MISSING_FILES = "missing-files"
UNBUILDABLE_KEY = "unbuildable-key"
MAX_ROUNDS = 4
TMP = "<tmp>"
NODE_FILE_KEYS = ("component", "code")

Judge = Callable[[Path, Sequence[tuple[str, str]]], SdkVerdict]


def declared_keys(schemas: Path) -> frozenset[str]:
    """Every property name in the SDK's exported schemas (``docs_src/schemas``)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                names.update(str(k) for k in properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(schemas.glob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return frozenset(names)


@dataclass
class SetAside:
    """What to leave out of the copy."""

    keys: set[str] = field(default_factory=set)  # key names, wherever they are
    nodes: set[str] = field(default_factory=set)  # pipeline nodes (``jobs.<node>``)
    paths: set[tuple[str, ...]] = field(default_factory=set)  # exact key paths

    def __ior__(self, other: SetAside) -> SetAside:
        self.keys |= other.keys
        self.nodes |= other.nodes
        self.paths |= other.paths
        return self


def causes_of(
    verdict: SdkVerdict, declared: frozenset[str], root: Path = REPO
) -> tuple[list[Cause], SetAside]:
    """The causes in one rejection, and what to leave out to get past them."""
    causes: list[Cause] = []
    leave = SetAside()
    for at, missing in missing_paths(verdict.errors):
        parts = tuple(p for p in at.split(".") if p and p != "_schema")
        on_disk = Path(missing) if Path(missing).is_absolute() else root / missing
        if not parts or on_disk.exists():
            continue
        shown = missing.replace(f"{TMP}/", "")
        if len(parts) >= 3 and parts[0] == "jobs" and parts[2] in NODE_FILE_KEYS:
            if parts[1] not in leave.nodes:
                leave.nodes.add(parts[1])
                causes.append(
                    Cause(MISSING_FILES, f"node `jobs.{parts[1]}` ({shown} is not there)")
                )
        elif parts not in leave.paths:
            leave.paths.add(parts)
            causes.append(Cause(MISSING_FILES, f"`{'.'.join(parts)}` ({shown} is not there)"))
    for owner, key in unexpected_arguments(verdict.text):
        if key in declared and key not in leave.keys:
            leave.keys.add(key)
            causes.append(Cause(UNBUILDABLE_KEY, f"`{key}` (declared; {owner} takes no `{key}`)"))
    return causes, leave


def set_aside(data: Any, leave: SetAside) -> Any:
    """A copy of ``data`` without the keys named ``leave.keys`` (anywhere), the key paths
    ``leave.paths``, the ``jobs`` nodes ``leave.nodes``, and any key whose value is a binding
    to one of those nodes."""
    result = copy.deepcopy(data)
    for path in leave.paths:
        _pop(result, path)
    if isinstance(result, dict) and isinstance(result.get("jobs"), dict):
        for node in leave.nodes:
            result["jobs"].pop(node, None)
    keys, nodes = leave.keys, leave.nodes
    references = tuple(f"parent.jobs.{node}." for node in nodes)

    def prune(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: prune(v) for k, v in value.items() if k not in keys and not _reads(v, references)
            }
        if isinstance(value, list):
            return [prune(v) for v in value if not _reads(v, references)]
        return value

    return prune(result)


def _pop(data: Any, path: tuple[str, ...]) -> None:
    for part in path[:-1]:
        data = data.get(part) if isinstance(data, dict) else None
    if isinstance(data, dict):
        data.pop(path[-1], None)


def _reads(value: Any, references: tuple[str, ...]) -> bool:
    return isinstance(value, str) and any(r in value for r in references)


def run_sdk(
    document: Document, judge: Judge, declared: frozenset[str], root: Path = REPO
) -> SdkRun:
    """The SDK on the document, and again with the causes it shows set aside."""
    from generated.runtime import JobYamlError, load_yaml

    as_is = judge(document.path, ())
    if as_is.accepted:
        return SdkRun(as_is)
    causes: list[Cause] = []
    leave = SetAside()
    verdict = as_is
    rerun: SdkVerdict | None = None
    data: Any = None
    for _ in range(MAX_ROUNDS):
        new, more = causes_of(verdict, declared, root)
        new = [c for c in new if c not in causes]
        if not new:
            break
        if data is None:
            try:
                data = load_yaml(document.path)
            except JobYamlError:
                break
        causes.extend(new)
        leave |= more
        rerun = verdict = _judge_copy(set_aside(data, leave), document.path.name, judge)
        if verdict.accepted:
            break
    return SdkRun(as_is, tuple(causes), rerun)


def _judge_copy(data: Any, name: str, judge: Judge) -> SdkVerdict:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with tempfile.TemporaryDirectory(prefix="docgen-oracle-") as folder:
        path = Path(folder) / name
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        replacements = [(f"{base}/", f"{TMP}/") for base in {folder, str(Path(folder).resolve())}]
        return judge(path, sorted(replacements, key=lambda pair: -len(pair[0])))


__all__ = [
    "MISSING_FILES",
    "UNBUILDABLE_KEY",
    "Judge",
    "SetAside",
    "causes_of",
    "declared_keys",
    "run_sdk",
    "set_aside",
]
