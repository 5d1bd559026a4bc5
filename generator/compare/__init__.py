"""The drift comparer: reference pages against their JSON schemas -> findings.

``check(docs_dir, schemas_dir)`` reads every page under the docs folder and
the schema each one names, pairs their keys (see :mod:`.matching`), and runs
the existence checks plus the fact rules of :mod:`.rules`.
"""

from __future__ import annotations

from pathlib import Path

from generator.compare.matching import PathSet, SchemaIndex
from generator.compare.rules import FACT_RULES
from generator.docs import DocsReader, find_pages
from generator.findings import CheckResult, Finding, Pair
from generator.model import KeySpec, KeyTable, Problem, Severity, Source, match_path
from generator.pairing import MAPPING_FILE, read_mapping, schema_files
from generator.schema_reader import read_schema

__all__ = ["check", "compare_tables"]


def check(docs: Path, schemas: Path, reader: DocsReader | None = None) -> CheckResult:
    """Compare every page under ``docs`` that names a schema with that schema in ``schemas``."""
    reader = reader or DocsReader(search=[docs])
    result = CheckResult()
    mapping = read_mapping(docs, reader.display(docs / MAPPING_FILE))
    available = schema_files(schemas)
    schema_tables: dict[str, KeyTable] = {}
    for page in find_pages(docs):
        table = reader.read(page)
        result.problems.extend(table.problems)
        relative = page.relative_to(docs).as_posix()
        name = mapping.get(relative, table.schema_name)
        if name is None or not table.keys:
            continue
        found = available.get(name)
        if found is None:
            result.problems.append(
                Problem(
                    Source(table.file),
                    "schema-not-found",
                    f"the page names schema {name}, which is not in {reader.display(schemas)}; "
                    "the page is not checked",
                    Severity.WARNING,
                )
            )
            continue
        if name not in schema_tables:
            schema_tables[name] = _read(found.path, reader.display(found.path), result)
        schema_table = schema_tables[name]
        result.pairs.append(Pair(table.file, schema_table.file))
        result.findings.extend(compare_tables(table, schema_table))
    result.findings = _unique(result.findings)
    result.problems = list(dict.fromkeys(result.problems))
    return result


def _read(path: Path, display: str, result: CheckResult) -> KeyTable:
    table = read_schema(path, display)  # an unreadable schema stops the check (exit 2)
    result.problems.extend(table.problems)
    return table


def compare_tables(docs: KeyTable, schema: KeyTable) -> list[Finding]:
    """All findings for one page against one schema, in documentation order."""
    index = SchemaIndex(schema)
    findings: list[Finding] = []
    documented = PathSet(k.path for k in docs.keys)
    for spec in docs.keys:
        partner = index.partner(spec)
        if partner is None:
            if not index.paths.covers(spec.path) and not index.open_ancestor(spec.path):
                missing = f"`{spec.path}` is documented, but the schema has no such key"
                findings.append(_finding("key-not-in-schema", spec, None, missing))
            continue
        for rule, compare in FACT_RULES:
            differs = compare(spec, partner)
            if differs is not None:
                findings.append(_finding(rule, spec, partner, differs))
    findings.extend(_undocumented(docs, schema, documented))
    return findings


def _undocumented(docs: KeyTable, schema: KeyTable, documented: PathSet) -> list[Finding]:
    """Schema keys the page leaves out, where the page documents their siblings.

    A key counts as left out when its parent is the document itself or a key
    whose own keys the page documents: a page that documents ``code`` as a plain
    string is not asked to document the object form's fields one by one, but a
    page that lists ``limits.max_trials`` should list every key of ``limits``.
    The finding points at the parent's row, where the missing row belongs.
    """
    parents_with_children = PathSet(k.path.rsplit(".", 1)[0] for k in docs.keys if "." in k.path)
    rows = {match_path(k.path): k.source for k in docs.keys}
    own = [k.source for k in docs.keys if k.source.file == docs.file]
    page = own[0] if own else Source(docs.file)
    findings: list[Finding] = []
    reported: set[str] = set()
    for spec in schema.keys:
        folded = match_path(spec.path)
        if spec.read_only or folded in reported or documented.covers(spec.path):
            continue
        parent = folded.rsplit(".", 1)[0] if "." in folded else ""
        if parent and not parents_with_children.covers(parent):
            continue
        if _under_read_only(spec, schema):
            continue
        reported.add(folded)
        where = rows.get(parent, page) if parent else page
        findings.append(
            Finding(
                rule="key-not-documented",
                path=spec.path,
                message=f"the schema has `{spec.path}`, but the docs do not document it",
                docs=where,
                schema=spec.source,
                variant="; ".join(str(v) for v in spec.variants),
            )
        )
    return findings


def _under_read_only(spec: KeySpec, schema: KeyTable) -> bool:
    return any(other.read_only and spec.is_under(other.path) for other in schema.keys)


def _finding(rule: str, docs: KeySpec | None, schema: KeySpec | None, message: str) -> Finding:
    spec = docs or schema
    assert spec is not None
    return Finding(
        rule=rule,
        path=spec.path,
        message=f"`{spec.path}`: {message}" if docs is not None and schema is not None else message,
        docs=docs.source if docs else None,
        schema=schema.source if schema else None,
        variant="; ".join(str(v) for v in spec.variants),
    )


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per (fingerprint, message): a base page's row checked by four pages is
    reported once."""
    seen: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.fingerprint, finding.message), finding)
    return list(seen.values())
