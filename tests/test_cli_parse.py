"""`docgen parse` driven as a user drives it: a real process, its output and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

HEADER = "| Key | Type | Description | Allowed values | Default value |\n| --- | --- | --- | --- | --- |\n"


def docgen(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_parse_prints_keys_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "job.md").write_text(
        "## YAML syntax\n\n" + HEADER + "| `limits.max_trials` | integer | Trials. | | `1` |\n"
    )
    result = docgen("parse", "job.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    row = result.stdout.splitlines()[2].split()
    assert row[:3] == ["job.md:5", "limits.max_trials", "integer"]


def test_parse_json_is_complete(tmp_path: Path) -> None:
    (tmp_path / "job.md").write_text(
        "## YAML syntax\n\n" + HEADER + "| `rate` | float | Rate. | [0, 1) | 0.5 |\n"
    )
    result = docgen("parse", "--format", "json", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (table,) = json.loads(result.stdout)
    (key,) = table["keys"]
    assert key["path"] == "rate"
    assert key["source"] == {
        "file": "job.md",
        "line": 5,
        "page": "",
        "section": "YAML syntax",
        "pointer": None,
    }
    assert key["range"] == {
        "minimum": 0,
        "maximum": 1,
        "exclusive_minimum": False,
        "exclusive_maximum": True,
    }
    assert key["default"]["value"] == 0.5


def test_malformed_rows_exit_2_with_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "job.md").write_text(
        "## YAML syntax\n\n" + HEADER + "| `a` | string | Short. |\n| `b` | string | Ok. | | |\n"
    )
    result = docgen("parse", "job.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "job.md:5: error: table-row-cells: row has 3 cells, header has 5\n"
    assert "Traceback" not in result.stderr


def test_non_utf8_and_missing_files_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"ok\n\xc3\x28\n")
    result = docgen("parse", "bad.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("bad.md:2: error: unreadable: not UTF-8")
    assert len(result.stderr.splitlines()) == 1
    result = docgen("parse", "nowhere.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "docgen: nowhere.md: no such file or directory\n",
    )


def test_missing_inheritance_target_exits_2(tmp_path: Path) -> None:
    (tmp_path / "delta.md").write_text(
        "## YAML syntax\n\nSee [all keys](./base.md#yaml-syntax); only keys that differ follow.\n\n"
        + HEADER
        + "| `task` | const | Task. | `x` | |\n"
    )
    result = docgen("parse", "delta.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "delta.md:3: error: inherit-missing: inherits from ./base.md, which does not exist\n"
    )


def test_parse_runs_from_any_directory_on_the_default_docs(tmp_path: Path) -> None:
    result = docgen("parse", str(REPO / "docs_src" / "reference"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "autoMLImageInstanceSegmentationJob" in result.stdout


def test_parse_reads_json_schemas_with_pointers(tmp_path: Path) -> None:
    (tmp_path / "job.schema.json").write_text(
        json.dumps(
            {
                "type": "object",
                "required": ["task"],
                "properties": {"task": {"type": "string", "enum": ["image_classification"]}},
            }
        )
    )
    result = docgen("parse", "--format", "json", "job.schema.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (table,) = json.loads(result.stdout)
    (key,) = table["keys"]
    assert (key["path"], key["allowed"], key["required"]["kind"]) == (
        "task",
        ["image_classification"],
        "yes",
    )
    assert key["source"]["pointer"] == "/properties/task"


def test_invalid_json_schema_exits_2_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.schema.json").write_text('{\n  "type": "object",\n  "properties": {,}\n}\n')
    result = docgen("parse", "bad.schema.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("bad.schema.json:3: error: unreadable: invalid JSON")
    assert len(result.stderr.splitlines()) == 1
