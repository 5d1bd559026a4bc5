"""The two verdicts on one document, and how docgen's is taken.

docgen: :class:`generator.validate.Validator`, as ``docgen validate`` builds it; a document
is valid iff there is no issue, and a file docgen cannot read counts as rejected.  Each issue
keeps the value found at its key path, so the classes can look at it (``"10"``, ``Random``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import DocgenError
from generator.oracle.corpus import REPO, Document
from generator.oracle.messages import SdkError, one_line
from generator.validate import Validator


class _Missing:
    def __repr__(self) -> str:
        return "(absent)"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class DocgenIssue:
    line: int
    column: int
    path: str  # dotted, "[i]" for list items, "(document)" for the whole file
    message: str
    value: Any = MISSING  # the document's value at ``path``

    def __str__(self) -> str:
        where = f"{self.line}:{self.column} " if self.line else ""
        return f"{where}{self.path}: {one_line(self.message)}"


@dataclass(frozen=True)
class DocgenVerdict:
    valid: bool
    issues: tuple[DocgenIssue, ...] = ()
    notes: tuple[str, ...] = ()
    unreadable: bool = False  # docgen stopped on the file: unreadable, or no model for it
    keys: frozenset[str] = frozenset()  # every key name in the document, at any depth

    @property
    def summary(self) -> str:
        if self.valid:
            return "valid"
        first = str(self.issues[0]) if self.issues else ""
        more = f" (+{len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        return f"{'rejected (docgen error)' if self.unreadable else 'invalid'}: {first}{more}"


@dataclass(frozen=True)
class SdkVerdict:
    accepted: bool
    error_type: str = ""  # the exception's class name
    first_line: str = ""  # the first line of its message
    errors: tuple[SdkError, ...] = ()  # the field errors in its message, if it lists any
    text: str = ""  # the whole message, for the cause checks (not shown)

    @property
    def detail(self) -> str:
        """The first field error, else the first line."""
        return str(self.errors[0]) if self.errors else one_line(self.first_line)

    @property
    def summary(self) -> str:
        if self.accepted:
            return "accepted"
        head = f"{self.error_type}: {one_line(self.first_line, 120)}"
        if self.errors:
            return f"rejected: {head} {self.detail}"
        return f"rejected: {head}"


@dataclass(frozen=True)
class Cause:
    """Part of an SDK rejection that has nothing to do with the contract."""

    kind: str  # a class id in compare.CLASSES
    text: str  # what was set aside, for the report


@dataclass(frozen=True)
class SdkRun:
    """The SDK on the document as it is, and again with the causes set aside (if any)."""

    as_is: SdkVerdict
    causes: tuple[Cause, ...] = ()
    rerun: SdkVerdict | None = None

    @property
    def rest(self) -> SdkVerdict:
        """The verdict on what is left once the causes are set aside."""
        return self.rerun if self.rerun is not None else self.as_is


def docgen_verdict(validator: Validator, document: Document) -> DocgenVerdict:
    try:
        result = validator.validate(document.path, document.shown)
    except DocgenError as exc:
        line = exc.line or 0
        return DocgenVerdict(False, (DocgenIssue(line, 0, "(file)", exc.message),), unreadable=True)
    data = _data(document.path)
    issues = tuple(
        DocgenIssue(i.line, i.column, i.path, i.message, _value_at(data, i.path))
        for i in result.issues
    )
    return DocgenVerdict(not issues, issues, tuple(result.notes), keys=frozenset(_keys(data)))


def make_validator(root: Path = REPO) -> Validator:
    """The validator ``docgen validate`` uses for a checkout at ``root``."""
    return Validator(root / "docs_src" / "schemas", root / "generated" / "schemas")


def _data(path: Path) -> Any:
    from generated import read_document

    return read_document(path).data


def _keys(data: Any) -> set[str]:
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found.update(str(k) for k in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def _value_at(data: Any, dotted: str) -> Any:
    if dotted == "(document)":
        return data
    value = data
    for match in PART.finditer(dotted):
        index, key = match.groups()
        if index is not None and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        elif key is not None and isinstance(value, dict) and key in value:
            value = value[key]
        else:
            return MISSING
    return value


__all__ = [
    "MISSING",
    "Cause",
    "DocgenIssue",
    "DocgenVerdict",
    "SdkRun",
    "SdkVerdict",
    "docgen_verdict",
    "make_validator",
]
