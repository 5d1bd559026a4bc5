"""A reference page as markdown-it sees it: sections of paragraphs and tables, with lines.

markdown-it-py finds the block structure (front matter, headings, paragraphs,
tables, code fences, HTML comments).  This module turns its token stream into a
small tree the dialect rules work on: :class:`Section` per heading, holding its
:class:`Paragraph` and :class:`Table` blocks in order.  Table rows keep their
*raw source line*, because markdown-it pads short rows and drops extra cells
without a word; the table rule counts cells on the raw line instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from generator.docs.cells import parse_cell


@dataclass
class Paragraph:
    line: int  # 1-based
    text: str  # markdown source of the paragraph


@dataclass
class TableRow:
    line: int  # 1-based
    raw: str  # the source line as written


@dataclass
class Table:
    line: int  # 1-based line of the header row
    header: list[str]  # plain text of the header cells
    rows: list[TableRow]
    section: Section | None = None


@dataclass
class Section:
    title: str  # heading text, plain
    level: int  # 1 for '#', 0 for the page's preamble
    line: int
    anchor: str
    blocks: list[Paragraph | Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def walk(self) -> list[Section]:
        """This section and all below it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class PageBlocks:
    front_matter: str | None
    front_matter_line: int
    root: Section  # level 0: everything before the first heading, headings below
    lines: list[str]

    @property
    def sections(self) -> list[Section]:
        return self.root.walk()

    @property
    def title(self) -> str:
        for section in self.sections:
            if section.level == 1:
                return section.title
        return ""

    def find_anchor(self, anchor: str) -> Section | None:
        wanted = normalise_anchor(anchor)
        for section in self.sections:
            if section.level and normalise_anchor(section.anchor) == wanted:
                return section
        return None


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # Only the block structure is used here; cells and headings are parsed by
    # cells.parse_cell from their source, so the core "inline" pass (most of the cost)
    # is switched off.
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).disable("inline")


_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(title: str) -> str:
    """The anchor a heading gets on the published site (GitHub-style)."""
    return _SLUG_DROP.sub("", title.strip().lower()).replace(" ", "-")


def normalise_anchor(anchor: str) -> str:
    """Anchors compared loosely: case, and runs of hyphens, do not matter."""
    return re.sub(r"-+", "-", anchor.strip().lower()).strip("-")


def parse_blocks(text: str) -> PageBlocks:
    """Split a page into front matter and a tree of sections."""
    tokens = _block_parser().parse(text)
    lines = text.split("\n")
    root = Section(title="", level=0, line=1, anchor="")
    current = root
    front: str | None = None
    front_line = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = _line(tok)
        if tok.type == "front_matter":
            front, front_line = tok.content, line
        elif tok.type == "heading_open":
            title = parse_cell(tokens[i + 1].content).text.replace("`", "")
            level = int(tok.tag[1:])
            section = Section(title=title, level=level, line=line, anchor=slugify(title))
            parent = current
            while parent.level >= level:
                assert parent.parent is not None
                parent = parent.parent
            section.parent = parent
            parent.children.append(section)
            current = section
            i += 2
        elif tok.type == "paragraph_open":
            current.blocks.append(Paragraph(line=line, text=tokens[i + 1].content))
            i += 2
        elif tok.type == "table_open":
            table, i = _read_table(tokens, i, lines)
            table.section = current
            current.blocks.append(table)
        i += 1
    return PageBlocks(front, front_line, root, lines)


def _line(tok: Token) -> int:
    return tok.map[0] + 1 if tok.map else 0


def _read_table(tokens: list[Token], start: int, lines: list[str]) -> tuple[Table, int]:
    """Collect a table's header texts and its body rows' raw lines; return the close index."""
    header: list[str] = []
    rows: list[TableRow] = []
    in_head = False
    i = start
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "inline" and in_head:
            header.append(parse_cell(tok.content).text)
        elif tok.type == "tr_open" and not in_head and tok.map:
            row_line = tok.map[0]
            rows.append(TableRow(line=row_line + 1, raw=lines[row_line]))
        i += 1
    return Table(line=_line(tokens[start]), header=header, rows=rows), i
