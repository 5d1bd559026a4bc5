"""Rule: the required marker in a description.

Forms seen on the pages: ``**Required.**``, ``**Required**`` (no period),
``**Required (if not using `component` field).**`` and
``**One of `slack_factor` or `slack_amount` is required.**``.  The marker is
taken out of the description, which then reads as plain prose.
"""

from __future__ import annotations

import re

from generator.docs.rules.row import DESCRIPTION, RowContext, RowFacts
from generator.model import REQUIRED, Required, RequiredKind

_PLAIN = re.compile(r"^Required\.?$")
_CONDITIONAL = re.compile(
    r"^Required\s*(?:\((?P<paren>.+)\)|(?P<bare>(?:if|when|unless)\b.+?))\s*\.?$"
)
_ONE_OF = re.compile(
    r"^(?P<text>(?:One|Exactly one|At least one) of .+ (?:is|are) required)\.?$", re.I
)


def required(ctx: RowContext, facts: RowFacts) -> None:
    cell = ctx.cell(DESCRIPTION)
    description = cell.text if cell else ""
    if cell is not None:
        for marker in cell.strong:
            found = _read_marker(marker)
            if found is not None:
                facts.required = found
                description = _drop_marker(description, marker)
                break
    facts.description = description
    if cell is not None:
        facts.links = cell.links


def _read_marker(marker: str) -> Required | None:
    if _PLAIN.match(marker):
        return REQUIRED
    match = _CONDITIONAL.match(marker)
    if match:
        condition = (match.group("paren") or match.group("bare")).strip().rstrip(".")
        return Required(RequiredKind.CONDITIONAL, condition.replace("`", ""))
    match = _ONE_OF.match(marker)
    if match:
        return Required(RequiredKind.CONDITIONAL, match.group("text").replace("`", ""))
    return None


def _drop_marker(description: str, marker: str) -> str:
    """The description without the first occurrence of the marker's text."""
    at = description.find(marker)
    if at < 0:
        return description
    return " ".join((description[:at] + description[at + len(marker) :]).split(" ")).strip()
