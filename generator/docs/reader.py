"""The docs reader: resolves reference pages into KeyTables.

Pipeline for one page::

    bytes --loading--> text --blocks--> sections/tables --rules--> rows' facts
          --nesting--> keys under their parents --inheritance--> the page's KeyTable

A :class:`DocsReader` caches every page it parses, so a hyperparameter page
linked by four job pages is parsed once, and each table's problems are
reported once.  Links to other pages resolve against the linking page's folder
first, then by file name among the ``search`` folders (the seed page links
``./reference-automl-images-cli-classification.md``, which lives in the corpus,
not beside it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.docs.blocks import PageBlocks, Section, Table, parse_blocks
from generator.docs.cells import parse_cell
from generator.docs.rules import ROW_RULES
from generator.docs.rules.code_ref import find_code_refs
from generator.docs.rules.front_matter import front_matter
from generator.docs.rules.include import find_includes, resolve_path
from generator.docs.rules.inheritance import find_base_page
from generator.docs.rules.nesting import (
    MAP_VALUES,
    Target,
    says_map,
    says_one_of,
    section_links,
    target_of,
)
from generator.docs.rules.row import RowContext, RowFacts
from generator.docs.rules.schema_link import find_schema_link
from generator.docs.rules.table import (
    broken_table_header,
    column_roles,
    split_row,
    split_row_keeping_code,
)
from generator.errors import InputError
from generator.model import (
    CodeRef,
    Include,
    KeySpec,
    KeyTable,
    Problem,
    Severity,
    Source,
    ValueType,
    Variant,
    join_path,
)
from generator.textfiles import read_text_file

YAML_SYNTAX = "yaml-syntax"


@dataclass
class ParsedRow:
    line: int
    facts: RowFacts
    source: Source


@dataclass
class ParsedPage:
    """One page's structure and page-wide constructs, before any resolution."""

    path: Path
    display: str
    blocks: PageBlocks
    table: KeyTable  # metadata filled in; keys come from resolution
    base_href: str | None = None
    base_line: int = 0
    rows: dict[int, list[ParsedRow]] = field(default_factory=dict)  # by id(table)
    problems: list[Problem] = field(default_factory=list)  # table and row problems

    def key_tables(self) -> list[Table]:
        return [t for s in self.blocks.sections for t in s.tables if column_roles(t.header)]


@dataclass
class _Placed:
    spec: KeySpec
    owner: str  # path of the top-level row it was documented under


class DocsReader:
    """Reads pages, follows their links, and keeps what it read."""

    def __init__(self, search: Iterable[Path] = (), display_root: Path | None = None) -> None:
        self.search = [Path(p) for p in search]
        self.display_root = display_root
        self._pages: dict[Path, ParsedPage] = {}
        self._resolved: dict[Path, tuple[KeyTable, list[_Placed]]] = {}
        self._by_name: dict[str, list[Path]] | None = None

    # -- public -------------------------------------------------------------------------

    def read(self, path: Path | str) -> KeyTable:
        """The resolved KeyTable of one page; malformed input becomes problems in it."""
        return self._resolve(Path(path), ())[0]

    def files_of(self, table: KeyTable) -> list[Path]:
        """The files a resolved table's keys were read from (its page, base pages, linked
        pages), for digests of what generation used."""
        shown = {table.file} | {spec.source.file for spec in table.keys}
        return sorted({p.path.resolve() for p in self._pages.values() if p.display in shown})

    # -- loading and parsing ------------------------------------------------------------

    def display(self, path: Path) -> str:
        """How ``path`` is shown: relative to the display root when it is inside it,
        else relative to the working directory; never absolute."""
        resolved = path.resolve()
        root = self.display_root.resolve() if self.display_root is not None else None
        if root is None or not resolved.is_relative_to(root):
            root = Path.cwd().resolve()
        try:
            return Path(os.path.relpath(resolved, root)).as_posix()
        except ValueError:  # another drive (Windows)
            return path.as_posix()

    def page(self, path: Path) -> ParsedPage:
        key = path.resolve()
        cached = self._pages.get(key)
        if cached is not None:
            return cached
        display = self.display(path)
        try:
            text = read_text_file(path, display, what="page")
        except InputError as exc:
            blocks = parse_blocks("")
            parsed = ParsedPage(path, display, blocks, KeyTable(file=display))
            parsed.problems.append(
                Problem(Source(display, exc.line), "unreadable", exc.message, Severity.ERROR)
            )
            self._pages[key] = parsed
            return parsed
        blocks = parse_blocks(text)
        parsed = ParsedPage(path, display, blocks, KeyTable(file=display))
        self._read_page_constructs(parsed)
        self._pages[key] = parsed
        return parsed

    def _read_page_constructs(self, page: ParsedPage) -> None:
        table = page.table
        table.front_matter = front_matter(page.blocks.front_matter)
        table.title = page.blocks.title or table.front_matter.get("title", "")
        for section in page.blocks.sections:
            for para in section.paragraphs:
                src = Source(page.display, para.line, table.title, section.title or None)
                for label, target in find_includes(para.text):
                    found = resolve_path(page.path.parent, target)
                    resolved = self.display(found) if found else None
                    table.includes.append(Include(label, target, src, resolved))
                for language, target in find_code_refs(para.text):
                    table.code_refs.append(CodeRef(language, target, src))
                schema = find_schema_link(para.text)
                if schema and table.schema_name is None:
                    table.schema_name, table.schema_url = schema
                base = find_base_page(para.text)
                if base and page.base_href is None:
                    page.base_href, page.base_line = base, para.line
                broken = broken_table_header(para)
                if broken:
                    page.problems.append(Problem(src, "table-broken", broken, Severity.ERROR))

    def rows(self, page: ParsedPage, table: Table) -> list[ParsedRow]:
        """The facts of each row of a key table (parsed once; problems kept on the page)."""
        cached = page.rows.get(id(table))
        if cached is not None:
            return cached
        roles = column_roles(table.header) or []
        section = table.section.title if table.section else None
        rows: list[ParsedRow] = []
        for row in table.rows:
            source = Source(page.display, row.line, page.table.title, section or None)
            ctx_problems: list[Problem] = []
            cells = split_row(row.raw)
            if len(cells) != len(roles):
                cells = self._misfit_row(row.raw, cells, len(roles), source, ctx_problems)
            ctx = RowContext(
                {role: parse_cell(text) for role, text in zip(roles, cells, strict=True) if role},
                source,
                ctx_problems,
            )
            facts = RowFacts()
            for _name, rule in ROW_RULES:
                rule(ctx, facts)
            if any(p.code == "table-row-cells" for p in ctx_problems):
                # The cells are misaligned: warnings about their content only echo the error.
                ctx_problems = [p for p in ctx_problems if p.severity is Severity.ERROR]
            page.problems.extend(ctx_problems)
            if facts.key is not None:
                rows.append(ParsedRow(row.line, facts, source))
        page.rows[id(table)] = rows
        return rows

    @staticmethod
    def _misfit_row(
        raw: str, cells: list[str], wanted: int, source: Source, problems: list[Problem]
    ) -> list[str]:
        """Report a row whose cell count differs from the header's; recover what can be."""
        kept = split_row_keeping_code(raw)
        if len(cells) > wanted and len(kept) == wanted:
            message = (
                f"row has {len(cells)} cells, header has {wanted}: a '|' inside a code span "
                "splits the cell (escape it as '\\|')"
            )
            problems.append(Problem(source, "table-row-cells", message, Severity.ERROR))
            return kept
        problems.append(
            Problem(
                source,
                "table-row-cells",
                f"row has {len(cells)} cells, header has {wanted}",
                Severity.ERROR,
            )
        )
        return cells[:wanted] + [""] * (wanted - len(cells))

    # -- link resolution ----------------------------------------------------------------

    def find_page(self, page: ParsedPage, href: str) -> Path | None:
        """A linked page: beside the linking page, else by file name in the search folders."""
        found = resolve_path(page.path.parent, href)
        if found is not None:
            return found
        name = Path(href.split("#", 1)[0]).name.lower()
        candidates = self._name_index().get(name, [])
        return candidates[0] if candidates else None

    def _name_index(self) -> dict[str, list[Path]]:
        if self._by_name is None:
            index: dict[str, list[Path]] = {}
            for folder in self.search:
                for found in sorted(folder.rglob("*.md")):
                    index.setdefault(found.name.lower(), []).append(found)
            self._by_name = index
        return self._by_name

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, path: Path, chain: tuple[Path, ...]) -> tuple[KeyTable, list[_Placed]]:
        """The page's table and its keys, each with the top-level key it belongs to."""
        key = path.resolve()
        if key in self._resolved:
            return self._resolved[key]
        page = self.page(path)
        table = KeyTable(
            file=page.display,
            title=page.table.title,
            schema_name=page.table.schema_name,
            schema_url=page.table.schema_url,
            front_matter=dict(page.table.front_matter),
            includes=list(page.table.includes),
            code_refs=list(page.table.code_refs),
        )
        base_pages: list[ParsedPage] = []
        base_keys: list[_Placed] = []
        cycle_problem: Problem | None = None
        if page.base_href is not None:
            base_path = self.find_page(page, page.base_href)
            src = Source(page.display, page.base_line, table.title)
            if base_path is None:
                cycle_problem = Problem(
                    src,
                    "inherit-missing",
                    f"inherits from {page.base_href}, which does not exist",
                    Severity.ERROR,
                )
            elif base_path.resolve() in (*chain, key):
                names = " -> ".join(self.display(p) for p in (*chain, key, base_path.resolve()))
                cycle_problem = Problem(
                    src, "inherit-cycle", f"inheritance cycle: {names}", Severity.ERROR
                )
            else:
                base_table, base_keys = self._resolve(base_path, (*chain, key))
                base_page = self.page(base_path)
                base_pages = [base_page, *self._base_chain(base_page)]
                table.inherits = base_table.file
                table.schema_name = table.schema_name or base_table.schema_name
                table.problems.extend(base_table.problems)
        resolution = _Resolution(self, page, [page, *base_pages])
        own = resolution.top_level()
        placed = _override(base_keys, own)
        table.keys = [p.spec for p in placed]
        problems = [*table.problems, *resolution.problems()]
        if cycle_problem is not None:
            problems.append(cycle_problem)
        table.problems = _unique(problems)
        self._resolved[key] = (table, placed)
        return table, placed

    def _base_chain(self, page: ParsedPage) -> list[ParsedPage]:
        out: list[ParsedPage] = []
        seen = {page.path.resolve()}
        current = page
        while current.base_href is not None:
            found = self.find_page(current, current.base_href)
            if found is None or found.resolve() in seen:
                break
            seen.add(found.resolve())
            current = self.page(found)
            out.append(current)
        return out


class _Resolution:
    """Turns one page's tables into placed keys, following links to nested tables."""

    def __init__(self, reader: DocsReader, page: ParsedPage, anchor_pages: list[ParsedPage]):
        self.reader = reader
        self.page = page
        self.anchor_pages = anchor_pages
        self.touched: list[ParsedPage] = [page]
        self.placed_tables: set[int] = set()
        self.extra: list[Problem] = []

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for page in self.touched:
            found.extend(page.problems)
        return found + self.extra

    def top_level(self) -> list[_Placed]:
        """Keys of the page's top-level tables with everything nested under them."""
        sections = self.page.blocks.sections
        syntax = [s for s in sections if s.level and s.anchor.startswith(YAML_SYNTAX)]
        out: list[_Placed] = []
        seen: dict[tuple[str, tuple[Variant, ...]], KeySpec] = {}
        if syntax:
            # "YAML syntax" holds the job's keys; "YAML syntax for model deployments"
            # and the like each hold one alternative shape of the whole document.
            for section in syntax:
                variant = () if section.anchor == YAML_SYNTAX else (Variant("", section.title),)
                for table in (t for t in section.tables if column_roles(t.header)):
                    out.extend(self._expand(self.page, table, "", variant, (), seen))
            self._report_unplaced()
            return out
        # A page without a YAML-syntax section (hyperparameters, expressions) is a
        # library: each section's keys are one alternative, named by its heading.
        for section in sections:
            for table in (t for t in section.tables if column_roles(t.header)):
                variant = (Variant("", section.title),) if section.level else ()
                out.extend(self._expand(self.page, table, "", variant, (), seen))
        return out

    def _expand(
        self,
        page: ParsedPage,
        table: Table,
        prefix: str,
        variants: tuple[Variant, ...],
        stack: tuple[int, ...],
        seen: dict[tuple[str, tuple[Variant, ...]], KeySpec],
        owner: str | None = None,
    ) -> list[_Placed]:
        self.placed_tables.add(id(table))
        if page not in self.touched:
            self.touched.append(page)
        out: list[_Placed] = []
        for row in self.reader.rows(page, table):
            facts = row.facts
            assert facts.key is not None
            path = join_path(prefix, facts.key)
            spec = _spec(path, facts, row.source, variants)
            if not self._first(spec, seen):
                continue
            top = owner or path
            out.append(_Placed(spec, top))
            child_prefix = path + "[]" if facts.types == [ValueType.ARRAY] else path
            if says_map(facts.description):
                child_prefix = join_path(child_prefix, MAP_VALUES)
            for target_page, section, tables, variant in self._targets(page, facts):
                if id(section) in stack:
                    continue
                child_variants = variants + ((Variant(path, variant),) if variant else ())
                for sub_table in tables:
                    out.extend(
                        self._expand(
                            target_page,
                            sub_table,
                            child_prefix,
                            child_variants,
                            (*stack, id(section)),
                            seen,
                            top,
                        )
                    )
        return out

    def _first(self, spec: KeySpec, seen: dict[tuple[str, tuple[Variant, ...]], KeySpec]) -> bool:
        """Record ``spec``; False, with a warning, when another row already documents it."""
        earlier = seen.get(spec.identity)
        if earlier is None:
            seen[spec.identity] = spec
            return True
        if spec.source != earlier.source:
            differs = " with other facts" if _facts(earlier) != _facts(spec) else ""
            self.extra.append(
                Problem(
                    spec.source,
                    "key-duplicate",
                    f"`{spec.path}` is also documented at {earlier.source}{differs}; "
                    "the first is kept",
                    Severity.WARNING,
                )
            )
        return False

    def _targets(
        self, page: ParsedPage, facts: RowFacts
    ) -> list[tuple[ParsedPage, Section, tuple[Table, ...], str | None]]:
        """The tables a row's description links, each with its variant name if alternatives.

        Sections reached twice (directly and through a grouping section) count once.
        """
        found: list[tuple[ParsedPage, Target]] = []
        for link in section_links(facts.links):
            located = self._locate(page, link.page, link.anchor, facts)
            if located is not None and all(located[1].section is not t.section for _, t in found):
                found.append(located)
        if not found:
            return []
        direct = [(p, t) for p, t in found if t.tables]
        alternatives = any(not t.tables for _, t in found) or (
            len(found) > 1 and (says_one_of(facts.description) or self._distinct_types(direct))
        )
        out: list[tuple[ParsedPage, Section, tuple[Table, ...], str | None]] = []
        seen: set[int] = set()
        for target_page, target in found:
            parts = [(target.section, target.tables)] if target.tables else list(target.groups)
            for section, tables in parts:
                if id(section) in seen:
                    continue
                seen.add(id(section))
                name = _variant_name(self.reader, target_page, section, tables)
                out.append((target_page, section, tables, name if alternatives else None))
        return out

    def _locate(
        self, page: ParsedPage, href: str, anchor: str, facts: RowFacts
    ) -> tuple[ParsedPage, Target] | None:
        if href:
            target_path = self.reader.find_page(page, href)
            if target_path is None:
                return None  # a tutorial or another site: not part of the key model
            candidates = [self.reader.page(target_path)]
        else:
            candidates = [page, *[p for p in self.anchor_pages if p is not page]]
        for candidate in candidates:
            section = candidate.blocks.find_anchor(anchor)
            if section is not None:
                target = target_of(section, lambda t: column_roles(t.header) is not None)
                return (candidate, target) if target is not None else None
        self.extra.append(
            Problem(
                Source(page.display, None, page.table.title),
                "link-anchor-missing",
                f"`{facts.key}` links {href}#{anchor}, which has no such section",
                Severity.WARNING,
            )
        )
        return None

    def _distinct_types(self, found: list[tuple[ParsedPage, Target]]) -> bool:
        names = [_type_values(self.reader, p, t.tables) for p, t in found]
        return all(names) and len(set(names)) == len(names)

    def _report_unplaced(self) -> None:
        for table in self.page.key_tables():
            if id(table) in self.placed_tables:
                continue
            section = table.section.title if table.section else ""
            for row in self.reader.rows(self.page, table):
                self.extra.append(
                    Problem(
                        row.source,
                        "key-unplaced",
                        f"`{row.facts.key}` in section '{section}' is not linked from any key, "
                        "so it has no place in the job",
                        Severity.WARNING,
                    )
                )


def _variant_name(
    reader: DocsReader, page: ParsedPage, section: Section, tables: tuple[Table, ...]
) -> str:
    """A variant is named by its ``type`` row's values ("random"), else by its heading."""
    return _type_values(reader, page, tables) or section.title


def _type_values(reader: DocsReader, page: ParsedPage, tables: tuple[Table, ...]) -> str:
    """The ``type`` row's allowed values of the tables, joined ("qlognormal, qnormal")."""
    for table in tables:
        for row in reader.rows(page, table):
            if row.facts.key == "type" and row.facts.allowed:
                return ", ".join(str(v) for v in row.facts.allowed)
    return ""


def _spec(path: str, facts: RowFacts, source: Source, variants: tuple[Variant, ...]) -> KeySpec:
    return KeySpec(
        path=path,
        source=source,
        types=tuple(facts.types),
        description=facts.description,
        allowed=facts.allowed,
        range=facts.range,
        default=facts.default,
        required=facts.required,
        variants=variants,
        type_text=facts.type_text,
    )


def _facts(spec: KeySpec) -> tuple[object, ...]:
    return (spec.types, spec.allowed, spec.range, spec.default.value, spec.required)


def _override(base: list[_Placed], own: list[_Placed]) -> list[_Placed]:
    """Base keys, with every top-level key the page documents replaced by its own rows."""
    by_owner: dict[str, list[_Placed]] = {}
    for placed in own:
        by_owner.setdefault(placed.owner, []).append(placed)
    out: list[_Placed] = []
    used: set[str] = set()
    for placed in base:
        if placed.owner in by_owner:
            if placed.owner not in used:
                out.extend(by_owner[placed.owner])
                used.add(placed.owner)
            continue
        out.append(placed)
    for owner, group in by_owner.items():
        if owner not in used:
            out.extend(group)
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[Problem, None] = {}
    for problem in problems:
        seen.setdefault(problem, None)
    return list(seen)


def find_pages(folder: Path) -> list[Path]:
    """Reference pages under ``folder``, recursively, in a stable order."""
    return sorted(p for p in folder.rglob("*.md") if p.is_file())


def read_page(path: Path | str, search: Iterable[Path] = ()) -> KeyTable:
    """Read one page with a fresh reader (tests and one-off use)."""
    return DocsReader(search).read(path)
