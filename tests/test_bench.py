"""The bench's own logic: medians, ratios, goals, formatting, the table and BENCHMARKS.md block.

Nothing here times anything real or needs the SDK: the clock is a fake one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.bench.cases import count_pages
from generator.bench.machine import cpu_model
from generator.bench.report import (
    BEGIN,
    END,
    HEADER,
    Measurement,
    Report,
    Row,
    render_report,
    render_table,
    replace_block,
)
from generator.bench.stats import (
    Goal,
    format_ratio,
    format_seconds,
    format_speedup,
    median,
    ratio,
    verdict,
)
from generator.bench.timing import BenchError, Command, measure_interleaved
from generator.validate.models import contract_files_by_task


def test_median_odd_and_even() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        median([])


def test_ratio_needs_a_positive_denominator() -> None:
    assert ratio(1.3, 1.0) == pytest.approx(1.3)
    with pytest.raises(ValueError):
        ratio(1.0, 0.0)


def test_goals_at_most_and_at_least_include_the_limit() -> None:
    assert Goal(1.3).met(1.3) and not Goal(1.3).met(1.31)
    assert Goal(20, at_most=False).met(20) and not Goal(20, at_most=False).met(19.9)
    assert verdict(Goal(0.1), 0.05) == "met"
    assert verdict(Goal(0.1), 0.2) == "**not met**"
    assert verdict(None, 0.2) == "-" and verdict(Goal(0.1), None) == "-"
    assert str(Goal(1.3)) == "≤ 1.30\u00d7"
    assert str(Goal(1.0, unit="s")) == "≤ 1.00 s"
    assert str(Goal(0.005, unit="s")) == "≤ 5.00 ms"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (3.6249, "3.62 s"),
        (1.0, "1.00 s"),
        (0.4121, "412 ms"),
        (0.02138, "21.4 ms"),
        (0.0052, "5.20 ms"),
        (0.000412, "0.412 ms"),
        (0.0, "0.000 ms"),
    ],
)
def test_format_seconds(seconds: float, shown: str) -> None:
    assert format_seconds(seconds) == shown


def test_format_ratio_and_speedup() -> None:
    assert format_ratio(1.3249) == "1.32\u00d7"
    assert format_ratio(0.0342) == "0.034\u00d7"
    assert format_speedup(0.034) == "29\u00d7 faster"
    assert format_speedup(0.4) == "2.5\u00d7 faster"
    with pytest.raises(ValueError):
        format_speedup(0)


def test_measure_interleaved_runs_round_by_round_after_warmup() -> None:
    calls: list[str] = []
    ticks = iter(range(100))

    def clock() -> float:
        return float(next(ticks))

    samples = measure_interleaved(
        [lambda: calls.append("a"), lambda: calls.append("b")], 3, warmup=1, clock=clock
    )
    assert calls == ["a", "b"] * 4  # one warm-up round, then three measured rounds
    assert samples == [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]
    with pytest.raises(ValueError):
        measure_interleaved([lambda: None], 0)


def test_command_checks_exit_code_and_output(tmp_path: Path) -> None:
    ok = Command((sys.executable, "-c", "print('wrote 4')"), tmp_path, expect="wrote")
    assert ok.run().returncode == 0
    failing = Command((sys.executable, "-c", "raise SystemExit(3)"), tmp_path)
    with pytest.raises(BenchError, match="exited 3"):
        failing.run()
    silent = Command((sys.executable, "-c", "pass"), tmp_path, expect="up to date")
    with pytest.raises(BenchError, match="up to date"):
        silent.run()
    allowed = Command(
        (sys.executable, "-c", "raise SystemExit(2)"), tmp_path, ok_codes=frozenset({0, 2})
    )
    assert allowed.run().returncode == 2


def test_command_shown_as_typed() -> None:
    command = Command(
        ("/venv/bin/python3", "-m", "generator", "generate", "--out", "/tmp/xyz/generated"),
        Path("."),
    )
    shown = command.shown({"/tmp/xyz": "TMP"})
    assert shown == "python -m generator generate --out TMP/generated"
    script = Command(("/venv/bin/docgen", "check"), Path("."))
    assert script.shown() == "docgen check"


def _rows() -> list[Row]:
    return [
        Row("B1", "full vs alone", 3.62, 2.75, 3.62 / 2.75, Goal(1.3)),
        Row("B3", "whole run", 0.81, None, 0.81, Goal(1.0, unit="s")),
        Row("B4", "warm vs load_job", 0.0004, 0.004, 0.1, Goal(0.05), speedup=True),
        Row("B3", "start-up, context", 0.146, None, None),
    ]


def test_render_table_is_deterministic_and_marks_goals() -> None:
    table = render_table(_rows())
    assert table == render_table(_rows())
    lines = table.splitlines()
    assert lines[0].startswith("| bench | what |")
    assert (
        lines[2]
        == "| B1 | full vs alone | 3.62 s | 2.75 s | 1.32\u00d7 | ≤ 1.30\u00d7 | **not met** |"
    )
    assert lines[3] == "| B3 | whole run | 810 ms | - | 810 ms | ≤ 1.00 s | met |"
    assert lines[4] == (
        "| B4 | warm vs load_job | 0.400 ms | 4.00 ms | 0.10\u00d7 (10\u00d7 faster) | ≤ 0.050\u00d7 "
        "| **not met** |"
    )
    assert lines[5] == "| B3 | start-up, context | 146 ms | - | - | - | - |"


def test_render_table_escapes_pipes() -> None:
    table = render_table([Row("B9", "a | b", None, None, None)])
    assert "a \\| b" in table


def test_measurement_per_document() -> None:
    m = Measurement("warm", (0.024, 0.012, 0.048), "in-process", per=24)
    assert m.median == pytest.approx(0.001)
    assert m.low == pytest.approx(0.0005) and m.high == pytest.approx(0.002)


def test_render_report_counts_goals_met() -> None:
    report = Report(
        machine=[("CPU", "Test CPU"), ("cores", "2"), ("Python", "CPython 3.11.7")],
        tools=[("docgen", "0.1.0"), ("black", "26.10.1")],
        rows=_rows(),
        measurements=[Measurement("B1 docgen", (3.5, 3.6, 3.7), "docgen generate --force")],
        notes=["a note"],
        runs=3,
    )
    text = render_report(report)
    assert text == render_report(report)
    assert "Machine: CPU: Test CPU; cores: 2; Python: CPython 3.11.7." in text
    assert "Tools: docgen 0.1.0, black 26.10.1." in text
    assert "Goals met: 1 of 3." in text
    assert "| B1 docgen | 3 | 3.60 s | 3.50 s | 3.70 s | `docgen generate --force` |" in text
    assert text.endswith("- a note\n")


def test_replace_block_keeps_the_rest_of_the_file() -> None:
    fresh = replace_block(None, "table 1\n")
    assert fresh.startswith(HEADER) and f"{BEGIN}\ntable 1\n{END}\n" in fresh
    edited = fresh + "\n## Profile\n\nhand-written notes\n"
    again = replace_block(edited, "table 2")
    assert "table 1" not in again and "table 2" in again
    assert again.endswith("## Profile\n\nhand-written notes\n")
    assert again.count(BEGIN) == 1 and again.count(END) == 1
    no_markers = replace_block("# Mine\n\ntext\n", "table 3")
    assert no_markers.startswith("# Mine\n\ntext\n\n" + BEGIN)


def test_cpu_model_from_cpuinfo() -> None:
    x86 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC  7B13\n"
    assert cpu_model(x86) == "AMD EPYC 7B13"
    arm = "processor\t: 0\nBogoMIPS\t: 50.00\nModel\t: Raspberry Pi 4\n"
    assert cpu_model(arm) == "Raspberry Pi 4"
    assert cpu_model("") == "unknown CPU"


def test_count_pages_leaves_out_includes(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "sub/c.md", "includes/x.md", "includes-root/y.md", "z.txt"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n", encoding="utf-8")
    assert count_pages(tmp_path) == 3


def test_contract_files_by_task(tmp_path: Path) -> None:
    (tmp_path / "a.schema.json").write_text(
        '{"properties": {"task": {"enum": ["image_classification"]}}}', encoding="utf-8"
    )
    (tmp_path / "b.schema.json").write_text(
        '{"properties": {"task": {"const": "image_object_detection"}}}', encoding="utf-8"
    )
    found = contract_files_by_task(tmp_path)
    assert found == {
        "image_classification": tmp_path / "a.schema.json",
        "image_object_detection": tmp_path / "b.schema.json",
    }
