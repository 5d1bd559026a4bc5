"""SARIF 2.1.0: one run of the ``docgen`` driver, for code-scanning dashboards.

* ``tool.driver.rules`` lists :data:`~generator.findings.RULES` in their
  order, then :data:`~generator.reporters.base.STALE_RULE`; each result's
  ``ruleIndex`` points into that list.
* A finding's primary location is its docs row (else its schema file); the
  schema side is a ``relatedLocations`` entry whose message holds the JSON
  pointer.  Paths stay relative, under the ``SRCROOT`` base id.
* ``partialFingerprints["docgen/v1"]`` is the baseline fingerprint, which has
  no line number, so a result keeps its identity when lines above it move.
* Findings the baseline accepts are results too, with an ``external``
  suppression whose justification is the baseline's reason; stale baseline
  entries are ``baseline-stale`` results at their baseline line.
* Message texts double literal braces (SARIF 2.1.0 section 3.11.5 reserves
  ``{0}`` for message arguments).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from generator.findings import RULES, BaselineEntry, CheckResult, Finding, Rule
from generator.model import Source
from generator.reporters.base import (
    STALE_RULE,
    Reporter,
    register,
    schema_text,
    sorted_accepted,
    sorted_findings,
    sorted_stale,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "docgen"
# Where the tool's documentation lives: the Azure ML CLI (v2) YAML reference it checks.
INFORMATION_URI = "https://learn.microsoft.com/azure/machine-learning/reference-yaml-overview"
URI_BASE_ID = "SRCROOT"
FINGERPRINT_KEY = "docgen/v1"


def driver_rules() -> list[Rule]:
    """The rules in ``tool.driver.rules`` order (``ruleIndex`` counts in this list)."""
    return [*RULES.values(), STALE_RULE]


@register
class SarifReporter(Reporter):
    name = "sarif"

    def render(self, result: CheckResult) -> str:
        rules = driver_rules()
        index = {rule.id: i for i, rule in enumerate(rules)}
        results: list[dict[str, Any]] = []
        for finding in sorted_findings(result.findings):
            results.append(_finding_result(finding, index))
        for finding, entry in sorted_accepted(result.accepted):
            accepted = _finding_result(finding, index)
            accepted["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": entry.reason,
                    "location": _location(Source(entry.file, entry.line)),
                }
            ]
            results.append(accepted)
        for entry in sorted_stale(result.stale):
            results.append(_stale_result(entry, index))
        log = {
            "$schema": SCHEMA_URI,
            "version": SARIF_VERSION,
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": TOOL_NAME,
                            "informationUri": INFORMATION_URI,
                            "rules": [_rule(rule) for rule in rules],
                        }
                    },
                    "results": results,
                }
            ],
        }
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def message(text: str) -> dict[str, str]:
    """A message object; literal braces are doubled, as SARIF reserves ``{0}`` for arguments."""
    return {"text": text.replace("{", "{{").replace("}", "}}")}


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "defaultConfiguration": {"level": str(rule.severity)},
    }


def artifact_uri(file: str) -> str:
    """A relative path as a URI reference: forward slashes, unsafe characters %-encoded."""
    return quote(file.replace("\\", "/"), safe="/")


def _physical(source: Source) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(source.file), "uriBaseId": URI_BASE_ID}
    }
    if source.line is not None:
        physical["region"] = {"startLine": source.line}
    return physical


def _location(source: Source) -> dict[str, Any]:
    return {"physicalLocation": _physical(source)}


def _finding_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    primary = _location(finding.location)
    if finding.docs is None and finding.schema is not None:
        primary["message"] = message(f"schema: {schema_text(finding.schema)}")
    properties: dict[str, Any] = {"path": finding.path}
    if finding.variant:
        properties["variant"] = finding.variant
    if finding.schema is not None and finding.schema.pointer is not None:
        properties["schemaPointer"] = finding.schema.pointer
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": str(finding.severity),
        "message": message(finding.message),
        "locations": [primary],
    }
    if finding.docs is not None and finding.schema is not None:
        related = {"id": 1, **_location(finding.schema)}
        related["message"] = message(f"schema: {schema_text(finding.schema)}")
        result["relatedLocations"] = [related]
    result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    result["properties"] = properties
    return result


def _stale_result(entry: BaselineEntry, index: dict[str, int]) -> dict[str, Any]:
    return {
        "ruleId": STALE_RULE.id,
        "ruleIndex": index[STALE_RULE.id],
        "level": str(STALE_RULE.severity),
        "message": message(f"stale baseline entry: {entry.fingerprint} (matches no finding)"),
        "locations": [_location(Source(entry.file, entry.line))],
        "partialFingerprints": {FINGERPRINT_KEY: f"{STALE_RULE.id} {entry.fingerprint}"},
        "properties": {"reason": entry.reason},
    }
