"""Rule: a page that documents only its differences from another page.

The seed page says: "For information on all the keys in Yaml syntax, see
[Yaml syntax](./reference-automl-images-cli-classification.md#yaml-syntax) ...
Here we only describe the keys that have different values".  A paragraph that
links another page and says it lists *only* what *differs* marks inheritance:
the linked page's keys apply, overridden by this page's rows.

The paragraph must point the reader *to* exactly one page (with "see" or a
``#yaml-syntax`` anchor): a base page that mentions the pages that differ from
it ("the pages for X and Y list only the keys that differ") does not inherit.
"""

from __future__ import annotations

import re

_ONLY = re.compile(r"\bonly\b", re.I)
_DIFFERS = re.compile(r"\bdiffer(s|ent|ences?)?\b", re.I)
_PAGE_LINK = re.compile(r"\[[^\]]*\]\((?P<href>[^)\s#?]+\.md)(?P<rest>[#?][^)]*)?\)")
_POINTS_TO = re.compile(r"\bsee\b|\brefer\b", re.I)


def find_base_page(text: str) -> str | None:
    """The page (as linked) a paragraph says this page inherits from, if any."""
    if not (_ONLY.search(text) and _DIFFERS.search(text)):
        return None
    links = list(_PAGE_LINK.finditer(text))
    pages = {m.group("href") for m in links}
    if len(pages) != 1:
        return None
    anchored = any("#yaml-syntax" in (m.group("rest") or "").lower() for m in links)
    if not (anchored or _POINTS_TO.search(text)):
        return None
    return links[0].group("href")
