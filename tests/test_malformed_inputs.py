"""The malformed-input sweep: every broken page or schema gives exactly one located error line,
exit 2, and no traceback (the expected lines are in tests/malformed/expected.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

FOLDER = Path(__file__).resolve().parent / "malformed"
CASES = [
    tuple(line.split("\t", 1))
    for line in (FOLDER / "expected.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def test_the_sweep_is_broad() -> None:
    assert len(CASES) >= 35


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_one_located_error_line(
    name: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FOLDER)
    code = main(["parse", name])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines() == [expected]
    assert expected.split(":", 1)[0].split("#", 1)[0].endswith((".md", ".json"))


@pytest.mark.parametrize("suffix", [".md", ".schema.json"])
def test_a_10_mb_input_is_refused(
    suffix: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    big = tmp_path / f"big{suffix}"
    big.write_bytes(b"x" * (10 * 1024 * 1024))
    monkeypatch.chdir(tmp_path)
    assert main(["parse", big.name]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"big{suffix}")
    assert "too large: 10485760 bytes" in line


YAML_CASES = [
    tuple(line.split("\t", 1))
    for line in (FOLDER / "expected-yaml.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def test_the_whole_sweep_has_at_least_fifty_inputs() -> None:
    assert len(CASES) + len(YAML_CASES) >= 50


@pytest.mark.parametrize(("name", "expected"), YAML_CASES, ids=[c[0] for c in YAML_CASES])
def test_unreadable_job_yaml_gives_one_located_line(
    name: str, expected: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(FOLDER)
    code = main(["validate", name, "--docs", str(FOLDER.parents[1] / "docs_src")])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.splitlines() == [expected]
    assert captured.out == ""
    assert not (FOLDER / "PWNED").exists()


def test_a_10_mb_job_yaml_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yml"
    big.write_bytes(b"type: automl\ndescription: " + b"x" * (10 * 1024 * 1024) + b"\n")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", big.name, "--docs", str(FOLDER.parents[1] / "docs_src")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("docgen: big.yml:1: ") and "larger than" in line
