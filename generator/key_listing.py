"""Listing KeyTables for people (an aligned text table) and for tools (JSON).

``docgen parse`` prints these; the JSON form is complete (every field of every
key), the text form shows what a reader scans for.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import Enum
from typing import Any

from generator.model import KeySpec, KeyTable

_COLUMNS = ("location", "key", "variant", "type", "required", "allowed", "default")
_WIDEST = 40
_UNCLIPPED = 2  # location and key are never cut


def render_text(tables: list[KeyTable]) -> str:
    """One block per table: a heading line, then one aligned row per key."""
    blocks: list[str] = []
    for table in tables:
        head = f"== {table.file}"
        facts = [
            f"title: {table.title}" if table.title else "",
            f"schema: {table.schema_name}" if table.schema_name else "",
            f"inherits: {table.inherits}" if table.inherits else "",
            f"{len(table.keys)} keys",
        ]
        head += " (" + "; ".join(f for f in facts if f) + ")"
        rows = [list(_COLUMNS)] + [_row(spec) for spec in table.keys]
        widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
        widths = [w if i < _UNCLIPPED else min(_WIDEST, w) for i, w in enumerate(widths)]
        lines = [head]
        for row in rows:
            cells = [
                _clip(cell, width).ljust(width) for cell, width in zip(row, widths, strict=True)
            ]
            lines.append("  ".join(cells).rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _row(spec: KeySpec) -> list[str]:
    allowed = ""
    if spec.allowed is not None:
        allowed = ", ".join(_show(v) for v in spec.allowed)
    if spec.range is not None:
        allowed = f"{allowed} {spec.range}".strip()
    return [
        str(spec.source),
        spec.path,
        "; ".join(str(v) for v in spec.variants),
        " or ".join(str(t) for t in spec.types),
        str(spec.required),
        allowed,
        " ".join(str(spec.default).split()),
    ]


def _show(value: object) -> str:
    return json.dumps(value) if not isinstance(value, str) else value


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_json(tables: list[KeyTable]) -> str:
    """All tables as a JSON list, keys in documentation order."""
    return json.dumps([table_to_json(t) for t in tables], indent=2, ensure_ascii=False) + "\n"


def table_to_json(table: KeyTable) -> dict[str, Any]:
    return _plain(asdict(table))  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
