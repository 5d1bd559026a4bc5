"""Rule: a key whose description links sections holds those sections' keys.

"Provide an object that has keys as listed in [Model agnostic
hyperparameters](./hyperparameters.md#model-agnostic-hyperparameters)" nests the
linked tables' rows under the key.  The linked sections are *alternatives*
(variants) rather than parts of one object when the description says "One of"
them, when each linked table fixes a different ``type`` value, or when a link
points at a section that only groups sub-sections (``#parameter-expressions``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.docs.blocks import Section, Table
from generator.docs.cells import Link

_ONE_OF = re.compile(r"\bone of\b", re.I)
_MAP = re.compile(r"\bthe key is\b.*\bthe value is\b", re.I | re.S)
MAP_VALUES = "<name>"


@dataclass(frozen=True)
class SectionLink:
    page: str  # "" for the same page, else the linked file as written
    anchor: str


def section_links(links: tuple[Link, ...]) -> list[SectionLink]:
    """Links that point at a section (``#anchor``), minus links to pages with a query.

    A query (``how-to.md?tabs=cli#x``) marks a tutorial page, never a key table.
    """
    found: list[SectionLink] = []
    for link in links:
        href = link.href.strip()
        if "#" not in href or "://" in href:
            continue
        page, anchor = href.split("#", 1)
        if "?" in page or not anchor:
            continue
        item = SectionLink(page, anchor)
        if item not in found:
            found.append(item)
    return found


@dataclass(frozen=True)
class Target:
    """Tables to nest: a section's own tables, or (for a grouping section) its sub-sections'."""

    section: Section
    tables: tuple[Table, ...]
    groups: tuple[tuple[Section, tuple[Table, ...]], ...] = ()


def target_of(section: Section, keyed: Callable[[Table], bool]) -> Target | None:
    """What a link to ``section`` nests; None when nothing under it is a key table."""
    direct = tuple(t for t in section.tables if keyed(t))
    if direct:
        return Target(section, direct)
    groups = tuple(
        (sub, tables)
        for sub in section.walk()[1:]
        if (tables := tuple(t for t in sub.tables if keyed(t)))
    )
    return Target(section, (), groups) if groups else None


def says_one_of(description: str) -> bool:
    return bool(_ONE_OF.search(description))


def says_map(description: str) -> bool:
    """ "The key is the name of the step ... The value is the job specification": the
    linked tables describe the map's values (``jobs.<name>``), not the map itself."""
    return bool(_MAP.search(description))
