"""Failures that stop a command, one class per kind; each knows its exit code.

Every error renders as one line that names where it happened
(``file:line: message`` or ``file#/json/pointer: message``), so the CLI can
print it as is, with no traceback.
"""

from __future__ import annotations


class DocgenError(Exception):
    """Base class: a failure with a location and an exit code."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        pointer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.pointer = pointer

    @property
    def location(self) -> str:
        if self.file is None:
            return ""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}#{self.pointer}" if self.pointer is not None else where

    def __str__(self) -> str:
        # One line, always: embedded newlines from input text are flattened.
        text = " ".join(self.message.split())
        return f"{self.location}: {text}" if self.location else text


class UsageError(DocgenError):
    """The command line is wrong (unknown file kind, bad option value)."""


class InputError(DocgenError):
    """An input file is unreadable or malformed (bad encoding, JSON, YAML, $ref, table)."""
