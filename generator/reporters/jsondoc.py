"""The JSON report: every finding, accepted finding, stale entry and pair, in a stable order."""

from __future__ import annotations

import json
from typing import Any

from generator.findings import BaselineEntry, CheckResult, Finding
from generator.model import Problem, Source
from generator.reporters.base import (
    Reporter,
    pages_checked,
    problem_key,
    register,
    sorted_accepted,
    sorted_findings,
    sorted_stale,
)


@register
class JsonReporter(Reporter):
    """For tools: ``{"findings", "accepted", "stale", "pairs", "problems", "summary"}``.

    Keys keep a fixed order and lists a fixed sort, so two runs over the same
    inputs give byte-identical documents.
    """

    name = "json"

    def render(self, result: CheckResult) -> str:
        document = {
            "findings": [finding_json(f) for f in sorted_findings(result.findings)],
            "accepted": [
                {"finding": finding_json(finding), "baseline": _entry_json(entry)}
                for finding, entry in sorted_accepted(result.accepted)
            ],
            "stale": [_entry_json(entry) for entry in sorted_stale(result.stale)],
            "pairs": [
                {"docs": pair.docs, "schema": pair.schema}
                for pair in sorted(result.pairs, key=lambda p: (p.docs, p.schema))
            ],
            "problems": [_problem_json(p) for p in sorted(result.problems, key=problem_key)],
            "summary": {
                "findings": len(result.findings),
                "accepted": len(result.accepted),
                "stale": len(result.stale),
                "pages": pages_checked(result),
                "pairs": len(result.pairs),
                "problems": len(result.problems),
                "failed": result.failed,
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": str(finding.severity),
        "path": finding.path,
        "variant": finding.variant,
        "message": finding.message,
        "docs": _docs_json(finding.docs),
        "schema": _schema_json(finding.schema),
        "fingerprint": finding.fingerprint,
    }


def _docs_json(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"file": source.file, "line": source.line}


def _schema_json(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"file": source.file, "pointer": source.pointer, "line": source.line}


def _entry_json(entry: BaselineEntry) -> dict[str, Any]:
    return {
        "fingerprint": entry.fingerprint,
        "reason": entry.reason,
        "file": entry.file,
        "line": entry.line,
    }


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.source.file,
        "line": problem.source.line,
        "pointer": problem.source.pointer,
        "severity": str(problem.severity),
        "code": problem.code,
        "message": problem.message,
    }
