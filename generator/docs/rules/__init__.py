"""The dialect rules, one module per construct of the Azure ML reference pages.

Row rules fill a :class:`~generator.docs.rules.row.RowFacts` from one table row's
cells, in the order of :data:`ROW_RULES`; page rules read page-wide constructs.
To support a new construct, add a module with one function and register it in
the chain here; no other module needs to change.
"""

from __future__ import annotations

from generator.docs.rules.allowed_values import allowed_values
from generator.docs.rules.default_value import default_value
from generator.docs.rules.key_name import key_name
from generator.docs.rules.literals import settle_literals
from generator.docs.rules.prose_facts import prose_facts
from generator.docs.rules.required import required
from generator.docs.rules.row import RowRule
from generator.docs.rules.value_type import value_type

ROW_RULES: tuple[tuple[str, RowRule], ...] = (
    ("key_name", key_name),
    ("value_type", value_type),
    ("required", required),
    ("allowed_values", allowed_values),
    ("default_value", default_value),
    ("prose_facts", prose_facts),
    ("settle_literals", settle_literals),
)

__all__ = ["ROW_RULES"]
