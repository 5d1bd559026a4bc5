"""The bench's results as markdown: the ratio table, the measurements behind it, and the
block of ``BENCHMARKS.md`` that each run replaces (the rest of the file is kept)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.bench.stats import (
    Goal,
    format_ratio,
    format_seconds,
    format_speedup,
    median,
    verdict,
)

BEGIN = "<!-- bench:begin: written by `nox -s bench`; edit outside these markers only -->"
END = "<!-- bench:end -->"

HEADER = """# Benchmarks

`nox -s bench` (`python -m generator.bench`) measures docgen against the tools it is
compared with, side by side in one run, and rewrites the block below. Everything outside
the block is kept.
"""


@dataclass(frozen=True)
class Measurement:
    """One measured thing: its samples in seconds (one per run) and what was run."""

    name: str
    samples: tuple[float, ...]
    how: str  # the command, or "in-process, per document"
    per: int = 1  # samples are totals over this many items (documents); shown per item

    @property
    def median(self) -> float:
        return median(self.samples) / self.per

    @property
    def low(self) -> float:
        return min(self.samples) / self.per

    @property
    def high(self) -> float:
        return max(self.samples) / self.per


@dataclass(frozen=True)
class Row:
    """One line of the ratio table.

    ``value`` is what the goal bounds: a ratio (``docgen / other``) when the goal's unit
    is ``x``, else seconds.  ``docgen`` and ``other`` are the medians it came from.
    """

    bench: str
    what: str
    docgen: float | None
    other: float | None
    value: float | None
    goal: Goal | None = None
    speedup: bool = False  # also show a ratio below 1 as "N times faster"

    def shown_value(self) -> str:
        if self.value is None:
            return "-"
        if self.goal is not None and self.goal.unit == "s":
            return format_seconds(self.value)
        text = format_ratio(self.value)
        if self.speedup and 0 < self.value < 1:
            text += f" ({format_speedup(self.value)})"
        return text


@dataclass
class Report:
    machine: list[tuple[str, str]]
    tools: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    runs: int = 0


def _seconds(value: float | None) -> str:
    return "-" if value is None else format_seconds(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_table(rows: Sequence[Row]) -> str:
    """The ratio table (markdown), one row per goal or comparison, in the given order."""
    lines = [
        "| bench | what | docgen | compared with | ratio / value | goal | met |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        cells = [
            row.bench,
            row.what,
            _seconds(row.docgen),
            _seconds(row.other),
            row.shown_value(),
            "-" if row.goal is None else str(row.goal),
            verdict(row.goal, row.value),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_measurements(measurements: Sequence[Measurement]) -> str:
    lines = [
        "| measurement | runs | median | min | max | how |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in measurements:
        per = f" (per document, {m.per} documents a run)" if m.per > 1 else ""
        cells = [
            m.name,
            str(len(m.samples)),
            format_seconds(m.median),
            format_seconds(m.low),
            format_seconds(m.high),
            f"`{m.how}`{per}",
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_report(report: Report) -> str:
    """The whole block: machine, tools, the ratio table, goals met, measurements, notes."""
    parts = ["## Latest run", ""]
    parts.append("Machine: " + "; ".join(f"{key}: {value}" for key, value in report.machine) + ".")
    parts.append("")
    parts.append("Tools: " + ", ".join(f"{name} {ver}" for name, ver in report.tools) + ".")
    parts.append("")
    parts.append(
        f"Each time is the median of {report.runs} runs (ratios are of medians; absolute "
        "times are context only)."
    )
    parts.append("")
    parts.append(render_table(report.rows))
    goals = [row for row in report.rows if row.goal is not None and row.value is not None]
    met = sum(row.goal.met(row.value) for row in goals if row.goal and row.value is not None)
    parts.append(f"Goals met: {met} of {len(goals)}.")
    parts.append("")
    parts.append("### Measurements")
    parts.append("")
    parts.append(render_measurements(report.measurements))
    if report.notes:
        parts.append("### Notes")
        parts.append("")
        parts.extend(f"- {note}" for note in report.notes)
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


def replace_block(existing: str | None, block: str) -> str:
    """``existing`` (the file's text, or None) with the bench block replaced by ``block``.

    A file without the markers gets the block appended; no file gets a header first.
    """
    wrapped = f"{BEGIN}\n{block.rstrip()}\n{END}"
    if existing is None or not existing.strip():
        return f"{HEADER}\n{wrapped}\n"
    start = existing.find(BEGIN)
    end = existing.find(END, start + len(BEGIN)) if start >= 0 else -1
    if start < 0 or end < 0:
        return existing.rstrip("\n") + f"\n\n{wrapped}\n"
    return existing[:start] + wrapped + existing[end + len(END) :]
