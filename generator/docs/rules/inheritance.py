"""Rule: a page that documents only its differences from another page.

The seed page says: "For information on all the keys in Yaml syntax, see
[Yaml syntax](./reference-automl-images-cli-classification.md#yaml-syntax) ...
Here we only describe the keys that have different values".  A paragraph that
links another page and says it lists *only* what *differs* marks inheritance:
the linked page's keys apply, overridden by this page's rows.
"""

from __future__ import annotations

import re

_ONLY = re.compile(r"\bonly\b", re.I)
_DIFFERS = re.compile(r"\bdiffer(s|ent|ences?)?\b", re.I)
_PAGE_LINK = re.compile(r"\[[^\]]*\]\((?P<href>[^)\s#?]+\.md)(?:[#?][^)]*)?\)")


def find_base_page(text: str) -> str | None:
    """The page (as linked) a paragraph says this page inherits from, if any."""
    if not (_ONLY.search(text) and _DIFFERS.search(text)):
        return None
    match = _PAGE_LINK.search(text)
    return match.group("href") if match else None
