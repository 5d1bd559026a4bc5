"""Random tables and cells through the whole reader: no crash, only keys and reported problems."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.docs import DocsReader

CELL_PARTS = st.sampled_from(
    [
        "`a`", "`b.c`", "<br>", "<Br>", "<ul><li>x", "**Required.**", "**Required (if x).**",
        "[link](#sec)", "[page](./other.md#x)", "[0, 1]", "(0.0, 1.0)", "Must be 0 or 1.",
        "Must be a positive integer.", "`", "|", "\\|", "15 <br> (except `y`: 30)", "no default",
        "string or object", "const", "float", "One of", " ", "é", "\t", "`x|y`", "<",
    ]
)  # fmt: skip
CELLS = st.lists(st.one_of(CELL_PARTS, st.text(max_size=8)), max_size=6).map("".join)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=6)


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, header=st.integers(min_value=3, max_value=5))
def test_random_tables_never_crash(rows: list[list[str]], header: int) -> None:
    columns = ["Key", "Type", "Description", "Allowed values", "Default value"][:header]
    lines = ["## YAML syntax", "", "| " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * header)
    for cells in rows:
        lines.append("| " + " | ".join(c.replace("\n", " ") for c in cells) + " |")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_text("\n".join(lines) + "\n## Sec\n\n" + "\n".join(lines[2:]) + "\n")
        table = DocsReader(display_root=Path(folder)).read(page)
    for spec in table.keys:
        assert spec.source.file == "page.md" and spec.source.line
    for problem in table.problems:
        assert problem.source.file == "page.md"
        assert "\n" not in str(problem)
