"""Typed pydantic v2 models of the jobs, generated from their merged contracts.

``emit_models`` runs datamodel-code-generator (library API, pinned version) once per job on the
job's merged contract, with its own formatters switched off (``formatters=[]``) and its
settings path pointed at an empty temporary folder, so nothing is discovered from any
``pyproject.toml``.  The generated classes are then regrouped:

* a class whose source is identical in every job that has it (and whose referenced classes are
  shared too) moves to ``models/shared.py``; the job modules import it from there;
* each job's root class derives from ``runtime.JobModel`` (``from_yaml`` / ``to_yaml``);
* class docstrings are written here from the contract's descriptions, escaped so that text from
  the docs is always an inert string (field descriptions are ``Field(description=...)`` reprs).

Every file is formatted with black's API and explicit settings (never a discovered config), and
starts with the banner as ``# `` comment lines.  The output is byte-identical for identical
inputs, whatever the working directory or hash seed.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import black
from black.mode import TargetVersion

from generator.emit.inputs import JobInputs

JSON = dict[str, Any]

BLACK_MODE = black.Mode(
    line_length=100,
    target_versions={TargetVersion.PY310},
    string_normalization=True,
    magic_trailing_comma=True,
)

RUNTIME_MODULE = "runtime"
RUNTIME_BASE = "JobModel"
SHARED_MODULE = "shared"


def datamodel_options(class_name: str, header: str, settings_path: Path) -> dict[str, Any]:
    """The datamodel-code-generator options used for every job (see the README)."""
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import PythonVersion

    return {
        "input_file_type": InputFileType.JsonSchema,
        "output_model_type": DataModelType.PydanticV2BaseModel,
        "target_python_version": PythonVersion.PY_310,
        "class_name": class_name,
        "formatters": [],  # no black/isort inside the generator: we format with explicit settings
        "settings_path": settings_path,  # an empty folder: nothing to discover
        "disable_timestamp": True,
        "custom_file_header": header,
        "use_title_as_name": True,
        "use_schema_description": False,  # class docstrings are written (escaped) here
        "use_field_description": False,  # descriptions stay Field(description=...) strings
        "enum_field_as_literal": "all",
        "allow_population_by_field_name": True,
        "aliases": {"$schema": "schema_"},
        "field_constraints": True,
        "use_annotated": True,
        "use_union_operator": True,
        "use_standard_collections": True,
        "use_double_quotes": True,
    }


def emit_models(
    jobs: Sequence[JobInputs],
    contracts: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]],
    out: Path,
    banner: str,
) -> list[Path]:
    """Write the typed models package into ``out`` and return the files written (sorted).

    ``contracts`` holds each job's merged contract: in the order of ``jobs``, or keyed by
    ``schema_name`` (or ``module``).
    """
    header = _comment_block(banner)
    modules: list[_Module] = []
    for job, contract in zip(jobs, _contracts_for(jobs, contracts), strict=True):
        text = _generate(contract, job.class_name, header)
        modules.append(_Module.parse(job, contract, text))
    shared = _shared_names(modules)

    files: dict[str, str] = {}
    files[f"models/{SHARED_MODULE}.py"] = _render_shared(modules, shared, header)
    for module in modules:
        files[f"models/{module.job.module}.py"] = _render_job(module, shared, header)
    files["models/__init__.py"] = _render_models_init(modules, header)
    files["__init__.py"] = _render_package_init(modules, header)

    written: list[Path] = []
    for relative, source in sorted(files.items()):
        written.append(_write(out / relative, black.format_str(source, mode=BLACK_MODE)))
    written.append(_write(out / "py.typed", ""))
    written.append(_write(out / f"{RUNTIME_MODULE}.py", runtime_source()))
    return sorted(written)


def runtime_source() -> str:
    """The source of ``generated/runtime.py``, copied as is."""
    return resources.files("generator.emit.templates").joinpath("runtime.py").read_text("utf-8")


# ---------------------------------------------------------------------------------------------


def _contracts_for(
    jobs: Sequence[JobInputs],
    contracts: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]],
) -> list[Mapping[str, Any]]:
    if isinstance(contracts, Mapping):
        found = []
        for job in jobs:
            contract = contracts.get(job.schema_name, contracts.get(job.module))
            if contract is None:
                raise KeyError(f"no contract for {job.schema_name}")
            found.append(contract)
        return found
    if len(contracts) != len(jobs):
        raise ValueError("one contract per job is needed")
    return list(contracts)


def _comment_block(banner: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in banner.strip("\n").splitlines())


def _generate(contract: Mapping[str, Any], class_name: str, header: str) -> str:
    from datamodel_code_generator import generate

    text = json.dumps(contract, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="docgen-dcg-") as empty, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = generate(text, **datamodel_options(class_name, header, Path(empty)))
    if not isinstance(result, str):
        raise TypeError("datamodel-code-generator returned several modules for one contract")
    return result


@dataclass
class _Class:
    name: str
    source: str  # the class statement as generated, with our docstring
    refs: set[str] = field(default_factory=set)  # every name it uses


@dataclass
class _Module:
    job: JobInputs
    classes: list[_Class]
    imports: dict[str, str]  # name -> module it is imported from
    trailer: list[str]  # module-level statements after the classes (if any)

    @classmethod
    def parse(cls, job: JobInputs, contract: Mapping[str, Any], text: str) -> _Module:
        tree = ast.parse(text)
        lines = text.splitlines()
        descriptions = _descriptions(contract, job.class_name)
        imports: dict[str, str] = {}
        classes: list[_Class] = []
        trailer: list[str] = []
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module and stmt.module != "__future__":
                for alias in stmt.names:
                    imports[alias.asname or alias.name] = stmt.module
            elif isinstance(stmt, ast.ClassDef):
                classes.append(_class(stmt, lines, descriptions.get(stmt.name)))
            elif isinstance(stmt, ast.Import | ast.ImportFrom):
                continue
            elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue  # a module docstring
            else:
                trailer.append("\n".join(lines[stmt.lineno - 1 : stmt.end_lineno]))
        return cls(job, classes, imports, trailer)


def _descriptions(contract: Mapping[str, Any], class_name: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for name, definition in contract.get("definitions", {}).items():
        if isinstance(definition, dict) and isinstance(definition.get("description"), str):
            found[str(definition.get("title", name))] = definition["description"]
    if isinstance(contract.get("description"), str):
        found[class_name] = contract["description"]
    return found


def _class(stmt: ast.ClassDef, lines: list[str], description: str | None) -> _Class:
    start = min([stmt.lineno, *(d.lineno for d in stmt.decorator_list)])
    end = stmt.end_lineno or stmt.lineno
    body = lines[start - 1 : end]
    first = stmt.body[0]
    has_docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    if description and description.strip() and not has_docstring:
        at = first.lineno - start  # the first body line, relative to the class start
        indent = re.match(r"\s*", lines[first.lineno - 1])
        body[at:at] = _docstring(description, indent.group(0) if indent else "    ").splitlines()
    refs = {node.id for node in ast.walk(stmt) if isinstance(node, ast.Name)}
    return _Class(stmt.name, "\n".join(body), refs)


def _docstring(text: str, indent: str) -> str:
    """A docstring literal holding ``text`` exactly, inert whatever the text contains."""
    escaped = "".join(_escape_char(ch) for ch in text.strip())
    lines = [f"{indent}{line}".rstrip() for line in escaped.split("\n")]
    return f'{indent}"""\n' + "\n".join(lines) + f'\n{indent}"""\n'


def _escape_char(ch: str) -> str:
    if ch == "\\":
        return "\\\\"
    if ch == '"':
        return '\\"'
    if ch == "\n":
        return "\n"
    if ch == "\t":
        return "    "
    if not ch.isprintable():
        code = ord(ch)
        return (
            f"\\x{code:02x}"
            if code < 0x100
            else f"\\u{code:04x}"
            if code < 0x10000
            else f"\\U{code:08x}"
        )
    return ch


# ---------------------------------------------------------------------------------------------
# Sharing.


def _shared_names(modules: list[_Module]) -> set[str]:
    """Classes identical in every job that has them (at least two), with shared references."""
    sources: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for module in modules:
        for item in module.classes:
            sources.setdefault(item.name, set()).add(item.source)
            counts[item.name] = counts.get(item.name, 0) + 1
    shared = {name for name, texts in sources.items() if len(texts) == 1 and counts[name] >= 2}
    roots = {module.job.class_name for module in modules}
    shared -= roots
    changed = True
    while changed:
        changed = False
        for module in modules:
            local = {item.name for item in module.classes}
            for item in module.classes:
                if item.name in shared and (item.refs & local) - shared - {item.name}:
                    shared.discard(item.name)
                    changed = True
    return shared


def _ordered(classes: list[_Class]) -> list[_Class]:
    """Classes in dependency order (a class after what it references), stable otherwise."""
    names = {item.name for item in classes}
    placed: set[str] = set()
    out: list[_Class] = []
    pending = list(classes)
    while pending:
        for i, item in enumerate(pending):
            if not ((item.refs & names) - placed - {item.name}):
                out.append(item)
                placed.add(item.name)
                del pending[i]
                break
        else:  # a cycle: keep the given order (annotations are lazy)
            out.extend(pending)
            break
    return out


# ---------------------------------------------------------------------------------------------
# Rendering.


def _render_shared(modules: list[_Module], shared: set[str], header: str) -> str:
    classes: list[_Class] = []
    imports: dict[str, str] = {}
    seen: set[str] = set()
    for module in modules:
        imports.update(module.imports)
        for item in module.classes:
            if item.name in shared and item.name not in seen:
                seen.add(item.name)
                classes.append(item)
    doc = "Models used unchanged by more than one job."
    return _render(header, doc, _ordered(classes), imports, {}, [])


def _render_job(module: _Module, shared: set[str], header: str) -> str:
    job = module.job
    classes: list[_Class] = []
    for item in module.classes:
        if item.name in shared:
            continue
        if item.name == job.class_name:
            item = _with_base(item, RUNTIME_BASE)
        classes.append(item)
    used = set().union(*(item.refs for item in module.classes if item.name not in shared))
    local = {
        f"..{RUNTIME_MODULE}": [RUNTIME_BASE],
        f".{SHARED_MODULE}": sorted(used & shared),
    }
    doc = f"Models of {job.schema_name} ({job.task or job.module})."
    return _render(header, doc, classes, module.imports, local, module.trailer)


def _with_base(item: _Class, base: str) -> _Class:
    pattern = re.compile(rf"^class {re.escape(item.name)}\(BaseModel\):", re.MULTILINE)
    source, count = pattern.subn(f"class {item.name}({base}):", item.source, count=1)
    if count != 1:
        raise ValueError(f"unexpected base classes for {item.name}")
    return _Class(item.name, source, (item.refs - {"BaseModel"}) | {base})


def _render(
    header: str,
    doc: str,
    classes: list[_Class],
    registry: Mapping[str, str],
    local: Mapping[str, list[str]],
    trailer: list[str],
) -> str:
    used = set().union(*(item.refs for item in classes)) if classes else set()
    for statement in trailer:
        used |= {n.id for n in ast.walk(ast.parse(statement)) if isinstance(n, ast.Name)}
    defined = {item.name for item in classes}
    by_module: dict[str, set[str]] = {}
    for name in sorted(used - defined):
        source = registry.get(name)
        if source is not None:
            by_module.setdefault(source, set()).add(name)
    stdlib = sorted(m for m in by_module if m.split(".")[0] in sys.stdlib_module_names)
    third = sorted(m for m in by_module if m not in stdlib)
    parts = [header, f'"""{doc}"""', "from __future__ import annotations"]
    for group in (stdlib, third):
        if group:
            parts.append("\n".join(_import_line(m, by_module[m]) for m in group))
    relative = [_import_line(m, set(names)) for m, names in local.items() if names]
    if relative:
        parts.append("\n".join(relative))
    body = "\n\n\n".join(item.source for item in classes)
    text = "\n\n".join(parts) + "\n\n\n" + body + "\n"
    if trailer:
        text += "\n\n" + "\n".join(trailer) + "\n"
    return text


def _import_line(module: str, names: set[str]) -> str:
    return f"from {module} import {', '.join(sorted(names))}"


def _render_models_init(modules: list[_Module], header: str) -> str:
    lines = [header, "", '"""The job models, one module per job."""', ""]
    for module in modules:
        lines.append(f"from .{module.job.module} import {module.job.class_name}")
    names = sorted(module.job.class_name for module in modules)
    lines += ["", f"__all__ = {names!r}"]
    return "\n".join(lines) + "\n"


def _render_package_init(modules: list[_Module], header: str) -> str:
    classes = sorted(module.job.class_name for module in modules)
    runtime = ["JobModel", "JobYamlError", "UnreadableYamlError", "YamlProblem", "read_document"]
    lines = [
        header,
        "",
        '"""Typed models of the Azure ML CLI (v2) job YAML files, generated by docgen.',
        "",
        "Each job model reads a job file with ``Model.from_yaml(path_or_text)`` and writes one",
        'with ``model.to_yaml()``; problems raise one ``JobYamlError`` listing them all."""',
        "",
        f"from .models import {', '.join(classes)}",
        f"from .{RUNTIME_MODULE} import {', '.join(runtime)}",
        "",
        f"__all__ = {sorted(classes + runtime)!r}",
    ]
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
