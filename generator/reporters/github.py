"""GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per finding.

Escaping follows the runner's workflow-command rules: in the message ``%``,
``\\r`` and ``\\n`` are percent-encoded; in properties (``file=``, ``title=``)
``:`` and ``,`` are too, since they separate the properties.
"""

from __future__ import annotations

from generator.findings import BaselineEntry, CheckResult, Finding
from generator.model import Severity, Source
from generator.reporters.base import (
    STALE_RULE,
    Reporter,
    register,
    schema_text,
    sorted_findings,
    sorted_stale,
    summary_line,
)


def escape_data(text: str) -> str:
    """Escape a workflow command's message (the text after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@register
class GithubReporter(Reporter):
    """Annotations for a GitHub Actions log, then the summary line as plain text.

    A finding's message keeps its line breaks (encoded as ``%0A``), and its
    schema side and variant follow on lines of their own inside the annotation.
    """

    name = "github"

    def render(self, result: CheckResult) -> str:
        lines = [_finding_command(f) for f in sorted_findings(result.findings)]
        lines.extend(_stale_command(entry) for entry in sorted_stale(result.stale))
        lines.append(summary_line(result))
        return "\n".join(lines) + "\n"


def _finding_command(finding: Finding) -> str:
    where: Source = finding.location
    message = finding.message
    if finding.variant:
        message += f"\nvariant: {finding.variant}"
    if finding.schema is not None:
        message += f"\nschema: {schema_text(finding.schema)}"
    return _command(finding.severity, where.file, where.line, finding.rule, message)


def _stale_command(entry: BaselineEntry) -> str:
    message = f"stale baseline entry: {entry.fingerprint} (matches no finding)"
    return _command(STALE_RULE.severity, entry.file, entry.line, STALE_RULE.id, message)


def _command(level: Severity, file: str, line: int | None, title: str, message: str) -> str:
    props = [f"file={escape_property(file)}"]
    if line is not None:
        props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"
