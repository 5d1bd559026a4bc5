"""Shared test helpers: writing pages into a temporary folder, and the shared corpus."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.docs import DocsReader
from generator.model import KeyTable

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

HEADER = "| Key | Type | Description | Allowed values | Default value |\n| --- | --- | --- | --- | --- |\n"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; tests using it skip with a message when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (CI always has it)")
    return CORPUS


@pytest.fixture
def write_page(tmp_path: Path) -> Callable[..., Path]:
    """Write a page under tmp_path and return its path.

    Every line's leading white space is dropped, so tests can indent page text
    freely (the pages under test use no indented markdown).
    """

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [line.lstrip() for line in text.lstrip("\n").split("\n")]
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    return write


@pytest.fixture
def read_rows(write_page: Callable[..., Path]) -> Callable[[str], KeyTable]:
    """Parse a page made of a YAML-syntax heading and the given 5-column rows."""

    def read(rows: str) -> KeyTable:
        body = "## YAML syntax\n\n" + HEADER + textwrap.dedent(rows).strip() + "\n"
        return DocsReader().read(write_page("page.md", body))

    return read
