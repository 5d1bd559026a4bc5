"""Reading the SDK's exceptions: the first line, the field errors, the causes set aside.

``load_job`` wraps marshmallow's errors in one message: ``Validation for XSchema failed:``,
a JSON body, then advice.  The body is either ``{field: [messages]}`` (nested for nested
schemas, lists of alternatives for unions) or ``{"result": "Failed", "errors": [{"message",
"path", ...}]}`` (pipelines).  Nothing here imports the SDK.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

MAX_TEXT = 240


@dataclass(frozen=True)
class SdkError:
    """One field error inside an SDK exception: dotted key path and message."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {one_line(self.message)}" if self.path else one_line(self.message)


def one_line(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` with its white space runs folded to one space, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def first_line(text: str) -> str:
    """The first non-blank line of ``text``."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def field_errors(text: str) -> tuple[SdkError, ...]:
    """Every field error in the JSON body of an SDK message, in the order given."""
    start = text.find("{", text.find("failed:") + 1 if "failed:" in text else 0)
    if start < 0:
        return ()
    try:
        body, _ = json.JSONDecoder().raw_decode(text, start)
    except ValueError:
        return ()
    if not isinstance(body, dict):
        return ()
    if isinstance(body.get("errors"), list):
        found: list[SdkError] = []
        for entry in body["errors"]:
            if isinstance(entry, dict):
                found.append(SdkError(str(entry.get("path", "")), str(entry.get("message", ""))))
        return tuple(found)
    return tuple(_leaves(body, ""))


def _leaves(value: Any, path: str) -> list[SdkError]:
    if isinstance(value, dict):
        found: list[SdkError] = []
        for key, inner in value.items():
            found.extend(_leaves(inner, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(value, list):
        return [error for item in value for error in _leaves(item, path)]
    return [SdkError(path, str(value))]


UNEXPECTED_ARGUMENT = re.compile(r"(\w+)\.__init__\(\) got an unexpected keyword argument '(\w+)'")
MISSING_PATH = re.compile(r"Can't find directory or file in resolved absolute path: ([^\"'\\]+)")
MISSING_KEY = re.compile(
    r"^'(\w+)'$|missing \d+ required (?:keyword-only |positional )?arguments?: '(\w+)'"
)


def unexpected_arguments(text: str) -> list[tuple[str, str]]:
    """``(class, key)`` for every "X.__init__() got an unexpected keyword argument 'k'"."""
    seen: dict[tuple[str, str], None] = {}
    for match in UNEXPECTED_ARGUMENT.finditer(text):
        seen.setdefault((match.group(1), match.group(2)), None)
    return list(seen)


def missing_paths(errors: tuple[SdkError, ...]) -> list[tuple[str, str]]:
    """``(error path, file path)`` for every "Can't find directory or file" error."""
    found: list[tuple[str, str]] = []
    for error in errors:
        for match in MISSING_PATH.finditer(error.message):
            found.append((error.path, match.group(1).rstrip(".")))
    return found


def missing_key(error_type: str, text: str) -> str | None:
    """The key a post-load step found missing (``KeyError: 'k'``, ``missing ... argument: 'k'``)."""
    if error_type not in ("KeyError", "TypeError"):
        return None
    match = MISSING_KEY.search(first_line(text))
    if match is None:
        return None
    return match.group(1) or match.group(2)


__all__ = [
    "SdkError",
    "field_errors",
    "first_line",
    "missing_key",
    "missing_paths",
    "one_line",
    "unexpected_arguments",
]
