"""Rule: which tables are key tables, what each column holds, and rows whose cells don't fit.

markdown-it follows GFM: a ``|`` splits cells even inside backticks, a short
row is padded and a long row loses its extra cells, all without a word.  So
the cells of every row are counted on its raw source line here, and a row
whose count differs from the header's is reported with its line.  When the
surplus comes from a ``|`` inside a code span, the cells are re-split with
code spans kept whole, so the row's facts are still read correctly.
"""

from __future__ import annotations

import re

from generator.docs.blocks import Paragraph
from generator.docs.rules.row import ALLOWED, CONSTRAINT, DEFAULT, DESCRIPTION, KEY, TYPE

HEADER_ROLES: dict[str, str] = {
    "key": KEY,
    "keys": KEY,
    "parameter": KEY,
    "parameter name": KEY,
    "property": KEY,
    "name": KEY,
    "type": TYPE,
    "description": DESCRIPTION,
    "allowed values": ALLOWED,
    "allowed value": ALLOWED,
    "possible values": ALLOWED,
    "values": ALLOWED,
    "default": DEFAULT,
    "default value": DEFAULT,
    "syntax": CONSTRAINT,
}


def column_roles(header: list[str]) -> list[str | None] | None:
    """The role of each column, or None when the table does not describe keys.

    A key table has a key column first and at least one other known column
    (a type, a description, allowed values or a default).
    """
    roles = [HEADER_ROLES.get(" ".join(h.lower().split())) for h in header]
    if not roles or roles[0] != KEY or not any(r in (TYPE, DESCRIPTION) for r in roles[1:]):
        return None
    return roles


def split_row(raw: str) -> list[str]:
    """GFM cell splitting of one raw row: unescaped ``|`` separate cells."""
    cells = _split(raw, keep_code=False)
    return cells


def split_row_keeping_code(raw: str) -> list[str]:
    """Like :func:`split_row`, but a ``|`` inside a code span stays in its cell."""
    return _split(raw, keep_code=True)


def _split(raw: str, keep_code: bool) -> list[str]:
    text = raw.strip()
    if "\\" not in text and (not keep_code or "`" not in text):
        return _trim_outer(text.split("|"), text)
    cells: list[str] = []
    current: list[str] = []
    in_code = 0  # length of the backtick run that opened the current code span
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] == "|":
            current.append("|")
            i += 2
            continue
        if ch == "`" and keep_code:
            run = len(text[i:]) - len(text[i:].lstrip("`"))
            if not in_code and text.find("`" * run, i + run) > 0:
                in_code = run
            elif in_code == run:
                in_code = 0
            current.append("`" * run)
            i += run
            continue
        if ch == "|" and not in_code:
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return _trim_outer(cells, text)


def _trim_outer(cells: list[str], text: str) -> list[str]:
    """Drop the empty cells outside a leading and a trailing pipe; strip each cell."""
    if text.startswith("|"):
        cells = cells[1:]
    if text.endswith("|") and not text.endswith("\\|") and cells:
        cells = cells[:-1]
    return [c.strip() for c in cells]


_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def broken_table_header(paragraph: Paragraph) -> str | None:
    """A paragraph that was meant as a table but isn't one, and why; else None.

    markdown-it accepts a table only when the header row and the delimiter row
    have the same number of cells, and a blank line ends a table; otherwise the
    rows silently become text.  A paragraph made only of ``| ... |`` lines is
    such lost rows.
    """
    lines = paragraph.text.split("\n")
    if not all(_looks_like_row(line) for line in lines):
        return None
    if len(lines) >= 2 and _DELIMITER_ROW.match(lines[1]):
        head, delim = len(split_row(lines[0])), len(split_row(lines[1]))
        if head == delim:
            return None
        return f"table header has {head} cells but the delimiter row has {delim}; the table is lost"
    return (
        f"{len(lines)} table row(s) outside any table (a blank line ends a table, and a table "
        "needs a header and a delimiter row); the rows are lost"
    )


def _looks_like_row(line: str) -> bool:
    text = line.strip()
    return text.startswith("|") and text.count("|") >= 2
