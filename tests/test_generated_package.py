"""Round trips on the committed generated/ package: docs, schema, models and fixtures agree.

Every valid fixture passes both the merged JSON schema and the model; every invalid one
fails both, at the key path its index records; the pages' own examples pass; the models'
own JSON schema judges the fixtures as the merged schema does; YAML -> model -> YAML ->
model is stable; and the skeletons, once filled, validate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft7Validator, ValidationError
from ruamel.yaml import YAML

import generated
from generated import JobModel, JobYamlError

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "generated"
JOBS = {
    "image_classification": ("autoMLImageClassificationJob", generated.ImageClassificationJob),
    "image_classification_multilabel": (
        "autoMLImageClassificationMultilabelJob",
        generated.ImageClassificationMultilabelJob,
    ),
    "image_object_detection": ("autoMLImageObjectDetectionJob", generated.ImageObjectDetectionJob),
    "image_instance_segmentation": (
        "autoMLImageInstanceSegmentationJob",
        generated.ImageInstanceSegmentationJob,
    ),
}


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def contract(module: str) -> Draft7Validator:
    name = JOBS[module][0]
    schema = json.loads((OUT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft7Validator(schema)


def index(module: str) -> list[dict[str, str]]:
    return json.loads((OUT / "fixtures" / module / "index.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


CASES = [(module, entry) for module in JOBS for entry in index(module)]


def _schema_error_paths(error: ValidationError) -> set[str]:
    """Key paths a schema error can stand for: where it is, and for a missing or unknown key,
    the key itself."""
    where = ".".join(str(p) for p in error.absolute_path)
    paths = {where}
    if error.validator in ("required", "additionalProperties"):
        for name in _names_in(error.message):
            paths.add(f"{where}.{name}" if where else name)
    for sub in error.context or ():
        paths |= _schema_error_paths(sub)
    return paths


def _names_in(message: str) -> list[str]:
    return [part for part in message.split("'")[1::2]]


@pytest.mark.parametrize(("module", "entry"), CASES, ids=[f"{m}/{e['file']}" for m, e in CASES])
def test_fixture_is_judged_alike_by_schema_and_model(module: str, entry: dict[str, str]) -> None:
    path = OUT / "fixtures" / module / entry["file"]
    document = load(path)
    errors = list(contract(module).iter_errors(document))
    model = JOBS[module][1]
    if entry["expect"] == "valid":
        assert errors == []
        model.from_yaml(path)
        return
    recorded = entry["path"]
    assert errors, f"{entry['file']} passes the merged schema"
    assert any(recorded in _schema_error_paths(e) for e in errors), [e.message for e in errors]
    with pytest.raises(JobYamlError) as caught:
        model.from_yaml(path)
    paths = [p.path for p in caught.value.problems]
    assert any(p == recorded or p.startswith(recorded + ".") for p in paths), paths
    assert all(p.line >= 1 and p.column >= 1 for p in caught.value.problems)


@pytest.mark.parametrize("module", sorted(JOBS))
def test_models_own_json_schema_agrees_with_the_contract(module: str) -> None:
    model = JOBS[module][1]
    own = Draft7Validator(model.model_json_schema(by_alias=True))
    merged = contract(module)
    for entry in index(module):
        document = load(OUT / "fixtures" / module / entry["file"])
        assert own.is_valid(document) == merged.is_valid(document), entry["file"]


def _examples() -> list[Path]:
    return sorted((REPO / "docs_src" / "examples").glob("*.yml"))


@pytest.mark.parametrize("example", _examples(), ids=lambda p: p.name)
def test_the_pages_examples_pass_and_round_trip(example: Path) -> None:
    document = load(example)
    module = next(m for m, (_, cls) in JOBS.items() if _task(cls) == document["task"])
    assert list(contract(module).iter_errors(document)) == []
    model: JobModel = JOBS[module][1].from_yaml(example)
    again = type(model).from_yaml(model.to_yaml())
    assert again == model
    assert again.to_yaml() == model.to_yaml()


def _task(cls: type[JobModel]) -> str:
    (value,) = get_args(cls.model_fields["task"].annotation)
    return str(value)


@pytest.mark.parametrize("module", sorted(JOBS))
def test_full_fixture_round_trips(module: str) -> None:
    model = JOBS[module][1].from_yaml(OUT / "fixtures" / module / "valid" / "full.yml")
    text = model.to_yaml()
    assert type(model).from_yaml(text) == model
    assert type(model).from_yaml(text).to_yaml() == text


@pytest.mark.parametrize("module", sorted(JOBS))
def test_filled_skeleton_validates(module: str) -> None:
    from generator.docs import DocsReader
    from generator.emit.inputs import collect_jobs
    from generator.emit.skeletons import example_filler, fill_skeleton

    reader = DocsReader(search=[REPO / "docs_src"], display_root=REPO)
    (job,) = [
        j
        for j in collect_jobs(REPO / "docs_src", REPO / "docs_src" / "schemas", reader)
        if j.module == module
    ]
    name = JOBS[module][0]
    schema = json.loads((OUT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    text = (OUT / "skeletons" / f"{module}.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# Generated by docgen")
    filled = fill_skeleton(text, example_filler(job, schema))
    document = YAML(typ="safe", pure=True).load(filled)
    assert list(Draft7Validator(schema).iter_errors(document)) == []
    JOBS[module][1].from_yaml(filled)


def test_from_yaml_reports_line_col_and_key_path() -> None:
    text = (
        "type: automl\n"
        "task: image_classification\n"
        "target_column_name: label\n"
        "training_data:\n"
        "  type: mltable\n"
        "  path: ./data\n"
        "limits:\n"
        "  max_trials: many\n"
        "made_up: 1\n"
    )
    with pytest.raises(JobYamlError) as caught:
        generated.ImageClassificationJob.from_yaml(text)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith("8:15 limits.max_trials: ") for s in shown), shown
    assert any(s.startswith("9:1 made_up: ") for s in shown), shown
