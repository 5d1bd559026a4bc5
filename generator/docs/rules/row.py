"""What row rules see (a row's cells by column role) and what they fill in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.docs.cells import Cell, Link
from generator.model import (
    NO_DEFAULT,
    NOT_REQUIRED,
    Default,
    Problem,
    Range,
    Required,
    Scalar,
    Severity,
    Source,
    ValueType,
)

# Column roles, found from the header text by rules.table.column_roles.
KEY = "key"
TYPE = "type"
DESCRIPTION = "description"
ALLOWED = "allowed"
DEFAULT = "default"
CONSTRAINT = "constraint"  # the NLP pages' "Syntax" column: "Must be a positive integer."


@dataclass
class RowFacts:
    """A row's facts while the rules work on it; literals stay text until settled."""

    key: str | None = None
    types: list[ValueType] = field(default_factory=list)
    type_text: str = ""
    description: str = ""
    allowed_text: list[str] | None = None  # enumeration as written, settled to values last
    allowed: tuple[Scalar, ...] | None = None
    range: Range | None = None
    default: Default = NO_DEFAULT
    default_text: str | None = None  # a single literal as written, settled last
    required: Required = NOT_REQUIRED
    links: tuple[Link, ...] = ()


@dataclass
class RowContext:
    cells: dict[str, Cell]
    source: Source
    problems: list[Problem]

    def cell(self, role: str) -> Cell | None:
        return self.cells.get(role)

    def report(self, code: str, message: str, severity: Severity = Severity.WARNING) -> None:
        self.problems.append(Problem(self.source, code, message, severity))


RowRule = Callable[[RowContext, RowFacts], None]
