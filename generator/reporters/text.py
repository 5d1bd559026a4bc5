"""The text report: findings grouped by file, one ``file:line: rule: message`` line each."""

from __future__ import annotations

from itertools import groupby

from generator.findings import CheckResult, Finding
from generator.reporters.base import (
    Reporter,
    one_line,
    place,
    plural,
    register,
    schema_text,
    sorted_findings,
    sorted_stale,
    summary_line,
)


@register
class TextReporter(Reporter):
    """For people and editors: every finding line starts with ``file:line:``.

    ::

        == docs_src/reference/a.md (1 finding)
        docs_src/reference/a.md:12: type-differs: `x`: the docs say integer, the schema string
          schema: docs_src/schemas/a.json#/definitions/A/properties/x

        docs_src/drift-baseline.txt:4: stale: <fingerprint> (matches no finding)
        1 finding (0 accepted by the baseline), 1 stale baseline entry, 1 page checked
    """

    name = "text"

    def render(self, result: CheckResult) -> str:
        blocks: list[list[str]] = []
        ordered = sorted_findings(result.findings)
        for file, group in groupby(ordered, key=lambda f: f.location.file):
            findings = list(group)
            lines = [f"== {file} ({plural(len(findings), 'finding')})"]
            for finding in findings:
                lines.extend(_finding_lines(finding))
            blocks.append(lines)
        tail: list[str] = []
        if result.accepted:
            files = ", ".join(sorted({entry.file for _, entry in result.accepted}))
            accepted = plural(len(result.accepted), "finding")
            tail.append(f"{accepted} accepted by the baseline ({files})")
        for entry in sorted_stale(result.stale):
            tail.append(
                f"{entry.file}:{entry.line}: stale: {entry.fingerprint} (matches no finding)"
            )
        tail.append(summary_line(result))
        blocks.append(tail)
        return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"{place(finding.location)}: {finding.rule}: {one_line(finding.message)}"]
    if finding.variant:
        lines.append(f"  variant: {one_line(finding.variant)}")
    if finding.schema is not None:
        lines.append(f"  schema: {schema_text(finding.schema)}")
    return lines
