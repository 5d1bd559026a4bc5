"""What every reporter shares: the registry, the stable orderings and the summary line.

A reporter sees only a :class:`~generator.findings.CheckResult`, never the
comparer.  Each output format is a small class registered by name, so a new
format is one new module and one ``@register`` line.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar, TypeVar

from generator.errors import UsageError
from generator.findings import BaselineEntry, CheckResult, Finding, Rule
from generator.model import Problem, Source

# Stale baseline entries fail the check like findings do, so the machine formats
# (github, sarif) report them under this pseudo-rule, next to the rules of RULES.
STALE_RULE = Rule("baseline-stale", "A baseline entry matches no finding")


class Reporter(ABC):
    """Turns a check result into text; the same result always gives the same text."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, result: CheckResult) -> str:
        """The whole report, ending with a newline."""


REPORTERS: dict[str, type[Reporter]] = {}

R = TypeVar("R", bound=type[Reporter])


def register(cls: R) -> R:
    """Class decorator: make ``cls`` available under ``cls.name``."""
    REPORTERS[cls.name] = cls
    return cls


def get_reporter(name: str) -> Reporter:
    """A reporter instance by format name; an unknown name is a usage error (exit 2)."""
    try:
        return REPORTERS[name]()
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise UsageError(f"unknown report format {name!r} (choose from {known})") from None


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) made one space."""
    return " ".join(text.split())


def _source_key(source: Source | None) -> tuple[int, str, int, str]:
    if source is None:
        return (0, "", 0, "")
    return (1, source.file, source.line or 0, source.pointer or "")


def finding_key(finding: Finding) -> tuple[object, ...]:
    """Order findings by file, line, rule and key path; the rest only breaks ties."""
    where = finding.location
    return (
        where.file,
        where.line or 0,
        finding.rule,
        finding.path,
        finding.variant,
        _source_key(finding.docs),
        _source_key(finding.schema),
        finding.message,
    )


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=finding_key)


def entry_key(entry: BaselineEntry) -> tuple[str, int, str, str]:
    return (entry.file, entry.line, entry.fingerprint, entry.reason)


def sorted_accepted(
    accepted: Iterable[tuple[Finding, BaselineEntry]],
) -> list[tuple[Finding, BaselineEntry]]:
    return sorted(accepted, key=lambda pair: (finding_key(pair[0]), entry_key(pair[1])))


def sorted_stale(stale: Iterable[BaselineEntry]) -> list[BaselineEntry]:
    return sorted(stale, key=entry_key)


def problem_key(problem: Problem) -> tuple[object, ...]:
    return (
        _source_key(problem.source),
        problem.code,
        str(problem.severity),
        problem.message,
    )


def pages_checked(result: CheckResult) -> int:
    """Distinct docs pages among the pairs (a page checked against two schemas counts once)."""
    return len({pair.docs for pair in result.pairs})


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def summary_line(result: CheckResult) -> str:
    """``N findings (M accepted by the baseline), K stale baseline entries, P pages checked``.

    N counts the findings that fail the check; the M accepted ones come on top.
    """
    return (
        f"{plural(len(result.findings), 'finding')} "
        f"({len(result.accepted)} accepted by the baseline), "
        f"{plural(len(result.stale), 'stale baseline entry', 'stale baseline entries')}, "
        f"{plural(pages_checked(result), 'page')} checked"
    )


def schema_text(source: Source) -> str:
    """``file#/pointer`` (or just the file when the pointer is unknown)."""
    return source.file if source.pointer is None else f"{source.file}#{source.pointer}"


def place(source: Source) -> str:
    """``file:line`` (or just the file when the line is unknown)."""
    return source.file if source.line is None else f"{source.file}:{source.line}"
