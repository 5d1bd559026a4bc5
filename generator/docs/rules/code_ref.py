"""Rule: ``:::code language="yaml" source="..." :::`` lines naming example files.

Only live directives count: one inside an HTML comment is not a paragraph, so it
never reaches this rule.
"""

from __future__ import annotations

import re

CODE = re.compile(r":::code\s+(?P<attrs>[^:]*?)\s*:::", re.I)
_ATTR = re.compile(r"(?P<name>[\w-]+)\s*=\s*\"(?P<value>[^\"]*)\"")


def find_code_refs(text: str) -> list[tuple[str, str]]:
    """(language, source) of each ``:::code`` directive in a paragraph."""
    found: list[tuple[str, str]] = []
    for match in CODE.finditer(text):
        attrs = {
            m.group("name").lower(): m.group("value") for m in _ATTR.finditer(match.group("attrs"))
        }
        if "source" in attrs:
            found.append((attrs.get("language", ""), attrs["source"]))
    return found
