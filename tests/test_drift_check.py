"""The drift check end to end on a copy of docs_src/: clean as committed, and each rule
caught alone, at the right place, when one fact is changed on one side."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
CLASSIFICATION = "reference/image-classification.md"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    copy = tmp_path / "docs_src"
    shutil.copytree(REPO / "docs_src", copy)
    return copy


def run_check(docs: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "--docs", str(docs), "--format", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def edit_row(docs: Path, page: str, starts: str, change: Callable[[str], str]) -> int:
    """Apply ``change`` to the one row of ``page`` that starts with ``starts`` (an empty
    result deletes the row); the row's line."""
    path = docs / page
    lines = path.read_text(encoding="utf-8").split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(starts)]
    lines[index : index + 1] = [change(lines[index])] if change(lines[index]) else []
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def test_committed_docs_are_clean(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_check(docs, capsys)
    assert code == 0
    assert report["findings"] == [] and report["stale"] == []
    assert len(report["accepted"]) == 2  # the two deliberate differences, with reasons


def _one(report: dict, rule: str) -> dict:  # type: ignore[type-arg]
    assert [f["rule"] for f in report["findings"]] == [rule], report["findings"]
    return report["findings"][0]  # type: ignore[no-any-return]


def test_key_not_in_schema(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = (
        edit_row(
            docs,
            CLASSIFICATION,
            "| `description` |",
            lambda r: r + "\n| `made_up` | string | Not real. | | |",
        )
        + 1
    )
    code, report = run_check(docs, capsys)
    finding = _one(report, "key-not-in-schema")
    assert code == 1
    assert (finding["docs"]["file"], finding["docs"]["line"]) == (
        f"docs_src/{CLASSIFICATION}",
        line,
    )
    assert finding["path"] == "made_up"


def test_key_not_documented(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_row(docs, CLASSIFICATION, "| `max_trials` |", lambda r: "")
    limits_line = edit_row(docs, CLASSIFICATION, "| `limits` |", lambda r: r)
    code, report = run_check(docs, capsys)
    finding = _one(report, "key-not-documented")
    assert code == 1
    assert finding["path"] == "limits.max_trials"
    assert (finding["docs"]["file"], finding["docs"]["line"]) == (
        f"docs_src/{CLASSIFICATION}",
        limits_line,
    )
    assert finding["schema"]["pointer"].endswith("/properties/max_trials")


@pytest.mark.parametrize(
    ("page", "row", "old", "new", "rule", "path"),
    [
        (
            CLASSIFICATION,
            "| `max_trials` |",
            "| integer |",
            "| string |",
            "type-differs",
            "limits.max_trials",
        ),
        (
            CLASSIFICATION,
            "| `description` |",
            "| Free-text",
            "| **Required.** Free-text",
            "required-differs",
            "description",
        ),
        (
            CLASSIFICATION,
            "| `log_verbosity` |",
            ", `critical` |",
            " |",
            "allowed-differs",
            "log_verbosity",
        ),
        (
            CLASSIFICATION,
            "| `log_verbosity` |",
            "| `info` |",
            "| `debug` |",
            "default-differs",
            "log_verbosity",
        ),
        (
            "reference/image-object-detection.md",
            "| `task` |",
            "| `image_object_detection` |",
            "| `image_detection` |",
            "const-differs",
            "task",
        ),
    ],
)
def test_each_docs_edit_gives_one_finding_of_its_rule(
    docs: Path,
    capsys: pytest.CaptureFixture[str],
    page: str,
    row: str,
    old: str,
    new: str,
    rule: str,
    path: str,
) -> None:
    line = edit_row(docs, page, row, lambda r: r.replace(old, new, 1))
    code, report = run_check(docs, capsys)
    finding = _one(report, rule)
    assert code == 1
    assert finding["path"] == path
    assert (finding["docs"]["file"], finding["docs"]["line"]) == (f"docs_src/{page}", line)
    assert finding["schema"]["file"].startswith("docs_src/schemas/")


def test_range_differs_when_the_schema_gains_a_bound(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    common = docs / "schemas" / "common.schema.json"
    schema = json.loads(common.read_text(encoding="utf-8"))
    holders = [
        name
        for name, definition in schema["definitions"].items()
        if "max_trials" in definition.get("properties", {}) and "PipelineNode" not in name
    ]
    assert holders
    for name in holders:
        schema["definitions"][name]["properties"]["max_trials"]["minimum"] = 0
    common.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    line = edit_row(docs, CLASSIFICATION, "| `max_trials` |", lambda r: r)
    code, report = run_check(docs, capsys)
    finding = _one(report, "range-differs")
    assert code == 1
    assert (finding["docs"]["line"], finding["path"]) == (line, "limits.max_trials")
    assert "[1, inf)" in finding["message"] and "[0, inf)" in finding["message"]


def test_stale_baseline_entry_fails(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = docs / "drift-baseline.txt"
    baseline.write_text(
        baseline.read_text(encoding="utf-8")
        + "type-differs docs_src/reference/image-classification.md name  # once true\n",
        encoding="utf-8",
    )
    code, report = run_check(docs, capsys)
    assert code == 1
    assert [s["fingerprint"] for s in report["stale"]] == [
        "type-differs docs_src/reference/image-classification.md name"
    ]


def test_text_report_names_file_line_and_rule(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = edit_row(
        docs, CLASSIFICATION, "| `max_trials` |", lambda r: r.replace("| integer |", "| string |")
    )
    code = main(["check", "--docs", str(docs)])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        f"docs_src/{CLASSIFICATION}:{line}: type-differs: `limits.max_trials`: docs say string, the schema says integer"
        in out
    )
