"""Rule: the front matter block (``---`` / ``key: value`` lines / ``---``).

Read as flat ``key: value`` lines, never as YAML: the block only carries page
metadata (title, ms.date, ...), and a YAML loader on untrusted pages buys
nothing but risk.
"""

from __future__ import annotations


def front_matter(text: str | None) -> dict[str, str]:
    fields: dict[str, str] = {}
    if not text:
        return fields
    for line in text.split("\n"):
        if not line or line[0].isspace() or line.lstrip().startswith("#") or ":" not in line:
            continue
        key, value = line.split(":", 1)
        value = value.strip()
        if len(value) > 1 and value[0] in "'\"" and value.endswith(value[0]):
            value = value[1:-1]
        fields[key.strip()] = value
    return fields
