"""`docgen validate` on job YAML nobody here wrote (the examples corpus, read in place), and on
small pipelines that break one rule each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


def validate(*args: str) -> int:
    return main(["validate", *args, "--docs", str(REPO / "docs_src")])


def standalone_image_jobs(corpus: Path) -> list[Path]:
    root = corpus / "azureml-examples" / "cli" / "jobs" / "automl-standalone-jobs"
    return sorted(root.glob("cli-automl-image-*/*.yml"))


def test_every_standalone_image_job_is_accepted(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = standalone_image_jobs(corpus)
    assert len(files) == 18
    assert validate(*map(str, files)) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "18 valid, 0 invalid"


def test_current_image_pipelines_are_accepted_with_notes(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = corpus / "azureml-examples" / "cli" / "jobs" / "pipelines" / "automl"
    files = sorted(root.glob("image-*/pipeline.yml"))
    assert len(files) == 4
    assert validate("--format", "json", *map(str, files)) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["valid"] for r in results] == [True] * 4
    for result in results:
        assert result["kind"] == "pipeline"
        # The register-model component's code folder is not in the corpus: said, not failed.
        assert any("code folder ./src/" in note for note in result["notes"])


def test_older_pipeline_copies_are_rejected_naming_the_keys(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = corpus / "azureml-examples" / "cli" / "jobs" / "pipelines" / "automl"
    files = sorted(root.glob("image-*.yml")) + sorted(root.glob("image-*/image-*.yml"))
    assert len(files) == 8
    assert validate(*map(str, files)) == 1
    out = capsys.readouterr().out
    for path in files:
        lines = [line for line in out.splitlines() if line.startswith(f"{path}:")]
        text = "\n".join(lines)
        assert ".image_model: Extra inputs are not permitted" in text or (
            "image-multiclass" in path.name and ".sweep.limits:" in text
        )
        assert ".sweep.limits: Extra inputs are not permitted" in text
        assert ".search_space[0].learning_rate: " in text  # "uniform(0.0001, 0.01)" as a string


PIPELINE = """\
type: pipeline
settings:
  default_compute: azureml:gpu-cluster
inputs:
  train:
    type: mltable
    path: ./data/train
jobs:
  fit:
    type: automl
    task: image_classification
    target_column_name: label
    training_data: {training}
    limits:
      max_trials: {trials}
  show:
    type: command
    command: echo ${{{{inputs.model}}}}
    environment: azureml:env:1
    inputs:
      model: ${{{{parent.jobs.{node}.outputs.best_model}}}}
"""


def write(tmp_path: Path, **fields: str) -> Path:
    values = {"training": "${{parent.inputs.train}}", "trials": "2", "node": "fit"} | fields
    path = tmp_path / "pipeline.yml"
    path.write_text(PIPELINE.format(**values), encoding="utf-8")
    return path


def test_a_correct_pipeline_with_bindings_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validate(str(write(tmp_path))) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"training": "${{parent.inputs.missing}}"},
            ":13:20: jobs.fit.training_data: `${{parent.inputs.missing}}` names pipeline input `missing`, which is not declared",
        ),
        (
            {"node": "nowhere"},
            ":21:14: jobs.show.inputs.model: `${{parent.jobs.nowhere.outputs.best_model}}` names node `nowhere`, which is not in `jobs`",
        ),
        ({"trials": "many"}, ":15:19: jobs.fit.limits.max_trials: "),
        (
            {"trials": "0"},
            ":15:19: jobs.fit.limits.max_trials: ",
        ),  # the docs' range, from the merged contract
    ],
)
def test_a_pipeline_breaking_one_rule_gives_one_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fields: dict[str, str], expected: str
) -> None:
    path = write(tmp_path, **fields)
    assert validate(str(path)) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}{expected}")


def test_task_cannot_be_a_binding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path)
    path.write_text(
        path.read_text().replace("task: image_classification", "task: ${{parent.inputs.train}}")
    )
    assert validate(str(path)) == 1
    assert "jobs.fit.task: `task` cannot be a binding" in capsys.readouterr().out


def test_unknown_pipeline_key_and_missing_jobs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yml"
    path.write_text("type: pipeline\nmade_up: 1\n", encoding="utf-8")
    assert validate(str(path)) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:1:1: (document): `jobs` is missing: a pipeline runs at least one node",
        f"{path}:2:1: made_up: unknown key: a pipeline has no such key",
    ]


def test_invalid_standalone_job_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "job.yml"
    path.write_text(
        "type: automl\ntask: image_classification\ntarget_column_name: label\n"
        "training_data:\n  type: mltable\n  path: ./d\nlog_verbosity: loud\nmade_up: 1\n",
        encoding="utf-8",
    )
    assert validate(str(path)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{path}:7:16", "log_verbosity"],
        [f"{path}:8:1", "made_up"],
    ]
