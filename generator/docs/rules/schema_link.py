"""Rule: "The source JSON schema can be found at https://.../<name>.schema.json."

It ties a page to the schema it documents; the schema's name is the URL's last
path segment without ``.schema.json``.
"""

from __future__ import annotations

import re

SCHEMA_URL = re.compile(r"(?P<url>\S+?/(?P<name>[\w.-]+?)\.schema\.json)")
_SENTENCE = re.compile(r"\bJSON schema\b", re.I)


def find_schema_link(text: str) -> tuple[str, str] | None:
    """(name, url) of the schema a paragraph names, if it is the schema sentence."""
    if not _SENTENCE.search(text):
        return None
    match = SCHEMA_URL.search(text)
    if not match:
        return None
    url = match.group("url").lstrip("(<[").rstrip(").>]")
    return match.group("name"), url
