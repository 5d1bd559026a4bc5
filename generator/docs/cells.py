"""One table cell, parsed with markdown-it's inline rules into the parts the dialect uses.

A cell of the reference tables mixes code spans, links, bold markers and HTML
(``<br>``, ``<li>``).  :func:`parse_cell` keeps each of those as data and renders a
plain-text form (``<br>`` and ``<li>`` become line breaks, links become their text,
code spans keep their backticks) used for descriptions and prose rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_BREAK_TAG = re.compile(r"^<\s*(br|/?p)\s*/?\s*>$", re.IGNORECASE)
_ITEM_TAG = re.compile(r"^<\s*li\b[^>]*>$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Cell:
    raw: str  # the markdown source of the cell, trimmed
    text: str  # plain text: code spans as `x`, <br>/<li> as newlines, links as text
    code: tuple[str, ...]  # contents of the code spans, in order
    links: tuple[Link, ...]
    strong: tuple[str, ...]  # texts of the **bold** parts, in order

    @property
    def lines(self) -> list[str]:
        """The plain text split at line breaks, each line stripped, empty ones dropped."""
        return [line.strip() for line in self.text.split("\n") if line.strip()]


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=16384)
def parse_cell(raw: str) -> Cell:
    """Parse one cell's markdown source (cells repeat across pages: parsed once each)."""
    raw = raw.strip()
    tokens = _inline_parser().parseInline(raw)
    children: list[Token] = tokens[0].children or [] if tokens else []
    parts: list[str] = []
    code: list[str] = []
    links: list[Link] = []
    strong: list[str] = []
    open_links: list[tuple[str, int]] = []
    strong_start: list[int] = []
    for tok in children:
        if tok.type == "text":
            parts.append(tok.content)
        elif tok.type == "code_inline":
            code.append(tok.content)
            parts.append(f"`{tok.content}`")
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" " if tok.type == "softbreak" else "\n")
        elif tok.type == "html_inline":
            if _BREAK_TAG.match(tok.content):
                parts.append("\n")
            elif _ITEM_TAG.match(tok.content):
                parts.append("\n- ")
        elif tok.type == "link_open":
            open_links.append((str(tok.attrs.get("href", "")), len(parts)))
        elif tok.type == "link_close" and open_links:
            href, start = open_links.pop()
            links.append(Link("".join(parts[start:]).strip(), href))
        elif tok.type == "strong_open":
            strong_start.append(len(parts))
        elif tok.type == "strong_close" and strong_start:
            strong.append("".join(parts[strong_start.pop() :]).strip())
        elif tok.type == "image":
            parts.append(tok.content)
    return Cell(raw, _tidy("".join(parts)), tuple(code), tuple(links), tuple(strong))


def _tidy(text: str) -> str:
    """Collapse runs of spaces in each line and drop blank lines at either end."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
