"""`docgen generate` as a release engineer runs it: fresh, stale, deterministic, atomic, and
safe with hostile text in the docs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
CLASSIFICATION = "reference/image-classification.md"


def docgen(*args: str, cwd: Path, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", ""), "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the inputs and the committed output, as a project folder."""
    shutil.copytree(REPO / "docs_src", tmp_path / "docs_src")
    shutil.copytree(
        REPO / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_committed_output_is_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--check"]) == 0
    assert "is up to date" in capsys.readouterr().err


def test_stale_output_fails_with_a_diff_and_the_fix(project: Path) -> None:
    replace_in(
        project / "docs_src" / CLASSIFICATION,
        "Free-text summary of the job.",
        "A short free-text summary of the job.",
    )
    result = docgen("generate", "--docs", "docs_src", "--check", "--diff", cwd=project)
    assert result.returncode == 1
    assert "run `nox -s generate`" in result.stderr
    assert "+    A short free-text summary of the job." in result.stdout or (
        "A short free-text summary of the job." in result.stdout
    )
    assert result.stdout.startswith("--- a/generated/")
    assert tree(project / "generated") == tree(REPO / "generated")  # --check wrote nothing


def test_generate_prints_one_line_per_group_and_the_time(project: Path) -> None:
    shutil.rmtree(project / "generated")
    result = docgen("generate", "--docs", "docs_src", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        "contracts",
        "models",
        "skeletons",
        "fixtures",
    ]
    assert lines[4].startswith("wrote generated in ") and lines[4].endswith("s")
    assert tree(project / "generated") == tree(REPO / "generated")


def test_output_is_identical_across_hash_seeds_and_working_directories(project: Path) -> None:
    elsewhere = project / "some" / "other" / "cwd"
    elsewhere.mkdir(parents=True)
    first = docgen(
        "generate",
        "--docs",
        str(project / "docs_src"),
        "--out",
        str(project / "one"),
        cwd=project,
        seed="1",
    )
    second = docgen(
        "generate",
        "--docs",
        "../../../docs_src",
        "--out",
        "../../../two",
        cwd=elsewhere,
        seed="4242",
    )
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert tree(project / "one") == tree(project / "two") == tree(REPO / "generated")
    assert str(project) not in "".join(b.decode() for b in tree(project / "one").values() if b)


def test_bad_input_leaves_the_output_untouched(project: Path) -> None:
    before = tree(project / "generated")
    replace_in(
        project / "docs_src" / CLASSIFICATION,
        "| `description` | string | Free-text summary of the job. | | |",
        "| `description` | string | Free-text summary of the job. |",
    )
    result = docgen("generate", "--docs", "docs_src", cwd=project)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"docgen: docs_src/{CLASSIFICATION}:")
    assert "table-row-cells" in line and "Traceback" not in result.stderr
    assert tree(project / "generated") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".generated")] == []


def test_a_failing_emitter_leaves_the_output_untouched(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.emit.fixtures as fixtures

    def broken(*args: object) -> list[Path]:
        raise RuntimeError("formatter exploded")

    before = tree(project / "generated")
    monkeypatch.setattr(fixtures, "emit_fixtures", broken)
    with pytest.raises(RuntimeError):
        main(["generate", "--docs", str(project / "docs_src"), "--force"])
    assert tree(project / "generated") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".generated")] == []


HOSTILE = '"""; import os; os.system("touch PWNED") # \\\\ {{ 7*7 }} {% if x %} \'\'\''


def test_hostile_text_in_the_docs_stays_text(project: Path) -> None:
    replace_in(
        project / "docs_src" / CLASSIFICATION,
        "Free-text summary of the job.",
        f"Summary {HOSTILE}<br>second: line",
    )
    result = docgen("generate", "--docs", "docs_src", cwd=project)
    assert result.returncode == 0, result.stderr
    probe = (
        "import generated, sys\n"
        "field = generated.ImageClassificationJob.model_fields['description']\n"
        "sys.stdout.write(field.description)\n"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(project)},
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    assert not (project / "PWNED").exists()
    assert HOSTILE.replace("\\\\", "\\") in imported.stdout
    skeleton = (project / "generated" / "skeletons" / "image_classification.yml").read_text()
    assert "{{ 7*7 }}" in skeleton and "{% if x %}" in skeleton  # not rendered
    contract = (
        project / "generated" / "schemas" / "autoMLImageClassificationJob.schema.json"
    ).read_text()
    assert "touch PWNED" in contract


def test_unchanged_inputs_leave_the_output_alone_until_something_changes(project: Path) -> None:
    first = docgen("generate", "--docs", "docs_src", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "is up to date: no input, tool or docgen file changed" in first.stdout
    # A hand edit of a generated file is noticed and undone by a full run.
    skeleton = project / "generated" / "skeletons" / "image_classification.yml"
    skeleton.write_text(skeleton.read_text() + "# edited by hand\n")
    second = docgen("generate", "--docs", "docs_src", cwd=project)
    assert second.stdout.startswith("contracts: ")
    assert tree(project / "generated") == tree(REPO / "generated")
    # A changed input is noticed too.
    replace_in(project / "docs_src" / CLASSIFICATION, "Free-text summary", "Free text summary")
    third = docgen("generate", "--docs", "docs_src", cwd=project)
    assert third.stdout.startswith("contracts: ")
    assert (
        "Free text summary"
        in (
            project / "generated" / "schemas" / "autoMLImageClassificationJob.schema.json"
        ).read_text()
    )
    # --force always regenerates.
    forced = docgen("generate", "--docs", "docs_src", "--force", cwd=project)
    assert forced.stdout.startswith("contracts: ")


def test_the_stamp_covers_every_docgen_module_that_generation_imports() -> None:
    probe = (
        "import sys, generator.emit.generate\n"
        "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items()"
        " if n.startswith('generator') and getattr(m, '__file__', None))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", "")},
        check=True,
    )
    from generator.emit.stamp import source_files

    covered = {p.resolve() for p in source_files()}
    imported = {Path(line).resolve() for line in result.stdout.splitlines()}
    assert imported <= covered, sorted(str(p) for p in imported - covered)


def _break_row(project: Path) -> None:
    replace_in(
        project / "docs_src" / CLASSIFICATION,
        "| `description` | string | Free-text summary of the job. | | |",
        "| `description` | string | Free-text | summary | | | |",
    )


def _break_encoding(project: Path) -> None:
    page = project / "docs_src" / CLASSIFICATION
    page.write_bytes(page.read_bytes().replace(b"Free-text summary", b"Free-text \xff summary"))


def _break_json(project: Path) -> None:
    schema = project / "docs_src" / "schemas" / "common.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8")[:-20], encoding="utf-8")


def _dangle_ref(project: Path) -> None:
    replace_in(
        project / "docs_src" / "schemas" / "autoMLImageClassificationJob.schema.json",
        "common.schema.json#/definitions/",
        "common.schema.json#/definitions/Missing",
    )


def _inherit_cycle(project: Path) -> None:
    replace_in(
        project / "docs_src" / CLASSIFICATION,
        "## YAML syntax\n",
        "## YAML syntax\n\nSee [all keys](./image-object-detection.md#yaml-syntax); only the keys that differ are here.\n",
    )


@pytest.mark.parametrize(
    ("breaks", "where"),
    [
        (_break_row, f"docs_src/{CLASSIFICATION}:"),
        (_break_encoding, f"docs_src/{CLASSIFICATION}:"),
        (_break_json, "docs_src/schemas/common.schema.json:"),
        (_dangle_ref, "docs_src/schemas/autoMLImageClassificationJob.schema.json#/"),
        (_inherit_cycle, "docs_src/reference/image-"),
    ],
    ids=["short-row", "non-utf8", "invalid-json", "dangling-ref", "inheritance-cycle"],
)
def test_malformed_inputs_stop_generation_and_leave_generated_alone(
    project: Path, breaks: Any, where: str
) -> None:
    before = tree(project / "generated")
    breaks(project)
    result = docgen("generate", "--docs", "docs_src", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"docgen: {where}"), line
    assert "Traceback" not in result.stderr
    assert tree(project / "generated") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".generated")] == []
