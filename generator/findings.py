"""The drift check's result: findings (docs vs schema disagreements) and what was compared.

The comparer produces a :class:`CheckResult`; reporters and the baseline only
read it.  Every finding names its rule (a stable id from :data:`RULES`), the key,
both sides' locations (docs ``file:line``, schema file + JSON pointer) and a
message that states both sides' values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Problem, Severity, Source


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # one line, for reporters' rule lists (SARIF rules, --help)
    severity: Severity = Severity.ERROR


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("key-not-in-schema", "A documented key is not in the schema"),
        Rule("key-not-documented", "A schema key is not documented"),
        Rule("type-differs", "The documented type differs from the schema's"),
        Rule("required-differs", "The docs and the schema disagree on whether a key is required"),
        Rule("allowed-differs", "The documented allowed values differ from the schema's"),
        Rule("default-differs", "The documented default differs from the schema's"),
        Rule("range-differs", "The documented range differs from the schema's"),
        Rule("const-differs", "The documented constant differs from the schema's"),
    )
}


@dataclass(frozen=True)
class Finding:
    rule: str  # a key of RULES
    path: str  # key path, placeholders as documented
    message: str  # names both sides' values
    docs: Source | None = None  # where the docs say it (file:line)
    schema: Source | None = None  # where the schema says it (file + pointer)
    variant: str = ""  # rendered variants ("sweep.early_termination=bandit"), if any

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def location(self) -> Source:
        """Where a reader should go to fix it: the docs row, else the schema."""
        found = self.docs or self.schema
        assert found is not None, "a finding has at least one side"
        return found

    @property
    def fingerprint(self) -> str:
        """Identity for the baseline: rule, file, key and variant, but no line number,
        so an edit elsewhere on the page does not turn an accepted finding stale."""
        where = self.docs.file if self.docs else (self.schema.file if self.schema else "")
        key = f"{self.path} [{self.variant}]" if self.variant else self.path
        return f"{self.rule} {where} {key}"


@dataclass(frozen=True)
class Pair:
    """One page checked against one schema."""

    docs: str
    schema: str


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    reason: str
    line: int  # in the baseline file
    file: str


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)  # new: these fail the check
    accepted: list[tuple[Finding, BaselineEntry]] = field(default_factory=list)  # baselined
    stale: list[BaselineEntry] = field(default_factory=list)  # baseline entries matching nothing
    pairs: list[Pair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # input problems met on the way

    @property
    def failed(self) -> bool:
        return bool(self.findings or self.stale)
