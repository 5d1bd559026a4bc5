"""The JSON Schemas exported from the azure-ai-ml marshmallow schemas (docs_src/schemas).

They are made by ``nox -s import-schemas``; this suite needs no SDK.  It checks
the files are valid draft-07, that the facts a user looks up hold (resolving
``$ref`` across files with a ``referencing`` registry), that small documents
are accepted or rejected as the SDK would, and that every AutoML image example
of the shared corpus validates.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from ruamel.yaml import YAML

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs_src" / "schemas"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLES = CORPUS / "azureml-examples" / "cli" / "jobs"

JOB_FILES = {
    "image_classification": "autoMLImageClassificationJob.schema.json",
    "image_classification_multilabel": "autoMLImageClassificationMultilabelJob.schema.json",
    "image_object_detection": "autoMLImageObjectDetectionJob.schema.json",
    "image_instance_segmentation": "autoMLImageInstanceSegmentationJob.schema.json",
}
PIPELINE_FILE = "pipelineJob.schema.json"
COMMON_FILE = "common.schema.json"
DETECTION_TASKS = ("image_object_detection", "image_instance_segmentation")
CHOICE_CLASS = (
    "azure.ai.ml._schema.automl.image_vertical.image_model_distribution_settings"
    ".choice_schema_of_type.<locals>.CustomChoiceSchema"
)

Schema = dict[str, Any]


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.load`` hook: a key twice in one object is an error, not a silent overwrite."""
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError(f"duplicate keys {duplicates}")
    return dict(pairs)


def _load_documents() -> dict[str, Schema]:
    """File name -> parsed schema, for every exported file."""
    return {
        path.name: json.loads(
            path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicate_keys
        )
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


DOCUMENTS = _load_documents()
REGISTRY: Registry[Any] = Registry().with_resources(
    (name, Resource.from_contents(document)) for name, document in DOCUMENTS.items()
)


def validator(file_name: str) -> jsonschema.Draft7Validator:
    """A validator for one exported file, resolving refs into its siblings."""
    return jsonschema.Draft7Validator(DOCUMENTS[file_name], registry=REGISTRY)


def errors(file_name: str, instance: object) -> list[str]:
    """Validation messages (empty when the instance is valid)."""
    return [error.message for error in validator(file_name).iter_errors(instance)]


def dereferenced(schema: Schema, resolver: Any) -> tuple[Schema, Any]:
    """Follow ``$ref`` and single-``allOf`` annotation wrappers to the schema they mean."""
    while True:
        if "$ref" in schema:
            resolved = resolver.lookup(schema["$ref"])
            schema, resolver = resolved.contents, resolved.resolver
        elif len(schema.get("allOf", [])) == 1:
            schema = schema["allOf"][0]
        else:
            return schema, resolver


def property_schema(file_name: str, *path: str) -> Schema:
    """The schema of ``path`` (property names; ``[]`` steps into array items)."""
    schema, resolver = dereferenced(DOCUMENTS[file_name], REGISTRY.resolver(base_uri=file_name))
    for step in path:
        child = schema["items"] if step == "[]" else schema["properties"][step]
        schema, resolver = dereferenced(child, resolver)
    return schema


def branches(schema: Schema, file_name: str) -> Iterator[Schema]:
    """The dereferenced branches of an ``anyOf`` (the schema itself if none)."""
    resolver = REGISTRY.resolver(base_uri=COMMON_FILE)
    for branch in schema.get("anyOf", [schema]):
        yield dereferenced(branch, resolver)[0]


def load_yaml(text: str) -> Any:
    """Parse YAML the way the docs tooling does."""
    return YAML(typ="safe", pure=True).load(text)


# -- the files ----------------------------------------------------------------


def test_every_expected_file_is_exported() -> None:
    assert set(DOCUMENTS) == {*JOB_FILES.values(), PIPELINE_FILE, COMMON_FILE}


@pytest.mark.parametrize("file_name", sorted(DOCUMENTS))
def test_file_is_a_valid_draft7_schema(file_name: str) -> None:
    document = DOCUMENTS[file_name]
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(document)


@pytest.mark.parametrize("file_name", sorted(DOCUMENTS))
def test_file_names_sdk_version_and_command(file_name: str) -> None:
    comment = DOCUMENTS[file_name]["$comment"]
    assert "azure-ai-ml==" in comment
    assert "`nox -s import-schemas`" in comment


@pytest.mark.parametrize("file_name", sorted(DOCUMENTS))
def test_file_is_written_stably(file_name: str) -> None:
    """2-space indent, trailing newline, definitions sorted by name."""
    text = (SCHEMA_DIR / file_name).read_text(encoding="utf-8")
    assert text == json.dumps(DOCUMENTS[file_name], indent=2, ensure_ascii=False) + "\n"
    definitions = list(DOCUMENTS[file_name].get("definitions", {}))
    assert definitions == sorted(definitions)


def test_every_reference_resolves() -> None:
    def refs(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for file_name, document in DOCUMENTS.items():
        resolver = REGISTRY.resolver(base_uri=file_name)
        for ref in refs(document):
            assert isinstance(resolver.lookup(ref).contents, dict), (file_name, ref)


# -- facts a user looks up ------------------------------------------------------


@pytest.mark.parametrize("task", sorted(JOB_FILES))
def test_job_type_task_and_closed_top_level(task: str) -> None:
    file_name = JOB_FILES[task]
    root = DOCUMENTS[file_name]
    assert property_schema(file_name, "task")["const"] == task
    assert property_schema(file_name, "type")["const"] == "automl"
    assert {"task", "type"} <= set(root["required"])
    assert root["additionalProperties"] is False
    assert property_schema(file_name, "$schema")["type"] == "string"


@pytest.mark.parametrize("file_name", sorted(JOB_FILES.values()))
def test_optimizer_values_are_the_sdks(file_name: str) -> None:
    optimizer = property_schema(file_name, "training_parameters", "optimizer")
    assert optimizer["enum"] == ["none", "sgd", "adam", "adamw"]
    choice = next(
        branch
        for branch in branches(
            property_schema(file_name, "search_space", "[]", "optimizer"), file_name
        )
        if "properties" in branch
    )
    assert choice["properties"]["values"]["items"]["enum"] == optimizer["enum"]


@pytest.mark.parametrize("file_name", sorted(JOB_FILES.values()))
def test_limits_are_integers(file_name: str) -> None:
    for name in ("max_trials", "max_concurrent_trials", "timeout_minutes"):
        assert property_schema(file_name, "limits", name) == {"type": "integer"}
    assert property_schema(file_name, "limits")["additionalProperties"] is False


@pytest.mark.parametrize("file_name", sorted(JOB_FILES.values()))
def test_dump_only_fields_are_read_only(file_name: str) -> None:
    properties = DOCUMENTS[file_name]["properties"]
    for name in ("creation_context", "status", "id", "log_files"):
        assert properties[name]["readOnly"] is True, name
    assert "readOnly" not in properties["name"]


@pytest.mark.parametrize("task", sorted(JOB_FILES))
def test_shared_field_keys_are_all_present(task: str) -> None:
    """Hyperparameters sharing one SDK field object each keep their own key."""
    file_name = JOB_FILES[task]
    expected = {"learning_rate", "model_name"} | (
        {"min_size"} if task in DETECTION_TASKS else set()
    )
    for path in (("training_parameters",), ("search_space", "[]")):
        keys = set(property_schema(file_name, *path)["properties"])
        assert expected <= keys, (path, expected - keys)
        assert ("min_size" in keys) == (task in DETECTION_TASKS)


def test_choice_definitions_are_distinct() -> None:
    """The SDK's nine same-named choice classes become distinct, uniquely named definitions."""
    definitions = DOCUMENTS[COMMON_FILE]["definitions"]
    choices = {
        name: json.dumps(body, sort_keys=True)
        for name, body in definitions.items()
        if body.get("$comment") == CHOICE_CLASS
    }
    declared = [name for name in choices if not name.endswith("_PipelineNode")]
    assert len(declared) >= 8
    assert len(set(choices.values())) == len(choices)
    value_types = {
        definitions[name]["properties"]["values"]["items"].get("type") for name in declared
    }
    assert {"integer", "number", "string", "boolean"} <= value_types


def test_early_termination_records_its_discriminator() -> None:
    union = property_schema(JOB_FILES["image_classification"], "sweep", "early_termination")
    assert union["discriminator"] == {"propertyName": "type"}
    types = [branch["properties"]["type"]["const"] for branch in branches(union, COMMON_FILE)]
    assert types == ["bandit", "median_stopping", "truncation_selection"]


def test_pipeline_jobs_accept_image_nodes() -> None:
    jobs = property_schema(PIPELINE_FILE, "jobs")["additionalProperties"]
    tasks = {
        branch["properties"]["task"].get("const")
        for branch in branches(jobs, PIPELINE_FILE)
        if branch["properties"].get("type", {}).get("const") == "automl"
    }
    assert set(JOB_FILES) <= tasks


# -- documents accepted and rejected ---------------------------------------------

VALID_JOB = """
type: automl
task: image_classification
experiment_name: docgen-check
compute: azureml:gpu-cluster
log_verbosity: debug
primary_metric: accuracy
target_column_name: label
training_data:
  type: mltable
  path: ./train
limits:
  max_trials: 4
  max_concurrent_trials: 2
training_parameters:
  optimizer: adamw
  learning_rate: 0.01
  model_name: vitb16r224
sweep:
  sampling_algorithm: random
  early_termination:
    type: bandit
    slack_factor: 0.2
search_space:
  - model_name:
      type: choice
      values: [vitb16r224, seresnext]
    learning_rate:
      type: uniform
      min_value: 0.001
      max_value: 0.01
    number_of_epochs:
      type: choice
      values: [10, 15]
"""

INVALID_EDITS = {
    "wrong task": ("task", "image_object_detection"),
    "unknown top-level key": ("max_trials", 4),
    "unknown key in training_parameters": ("training_parameters", {"optimiser": "sgd"}),
    "bad optimizer": ("training_parameters", {"optimizer": "rmsprop"}),
    "bad primary metric": ("primary_metric", "mean_average_precision"),
    "max_trials not an integer": ("limits", {"max_trials": "ten"}),
    "unknown early termination": ("sweep", {"early_termination": {"type": "always"}}),
    "data binding outside a pipeline": ("limits", {"max_trials": "${{parent.inputs.n}}"}),
}


def test_valid_job_is_accepted() -> None:
    assert errors(JOB_FILES["image_classification"], load_yaml(VALID_JOB)) == []


@pytest.mark.parametrize("case", sorted(INVALID_EDITS))
def test_invalid_job_is_rejected(case: str) -> None:
    key, value = INVALID_EDITS[case]
    document = {**load_yaml(VALID_JOB), key: value}
    assert errors(JOB_FILES["image_classification"], document), case


def test_missing_required_key_is_rejected() -> None:
    document = load_yaml(VALID_JOB)
    del document["target_column_name"]
    assert errors(JOB_FILES["image_classification"], document)


PIPELINE = """
type: pipeline
settings:
  default_compute: azureml:gpu-cluster
inputs:
  train:
    type: mltable
    path: ./train
  trials: 4
jobs:
  detect:
    type: automl
    task: image_object_detection
    target_column_name: label
    training_data: ${{parent.inputs.train}}
    limits:
      max_trials: ${{parent.inputs.trials}}
    training_parameters:
      model_size: medium
  register:
    type: command
    component: file:./register.yml
"""


def test_pipeline_with_image_node_is_accepted() -> None:
    assert errors(PIPELINE_FILE, load_yaml(PIPELINE)) == []


@pytest.mark.parametrize(
    ("case", "edit"),
    [
        ("unknown key in node", {"epochs": 3}),
        ("unknown key in node limits", {"limits": {"max_trails": 3}}),
        ("bad enum in node", {"training_parameters": {"model_size": "huge"}}),
        ("task is never a binding", {"task": "${{parent.inputs.task}}"}),
    ],
)
def test_invalid_pipeline_node_is_rejected(case: str, edit: dict[str, object]) -> None:
    document = load_yaml(PIPELINE)
    document["jobs"]["detect"].update(edit)
    assert errors(PIPELINE_FILE, document), case


def test_pipeline_node_name_must_be_an_identifier() -> None:
    document = load_yaml(PIPELINE)
    document["jobs"]["Detect-1"] = document["jobs"].pop("detect")
    assert errors(PIPELINE_FILE, document)


# -- the shared corpus ------------------------------------------------------------


def _corpus_files(pattern: str) -> list[Any]:
    """Example files under the corpus, or one skipped case when it is absent."""
    if not CORPUS.is_dir():
        reason = f"shared corpus not found at {CORPUS}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason))]
    files = sorted(EXAMPLES.glob(pattern))
    return [pytest.param(path, id=str(path.relative_to(EXAMPLES))) for path in files]


@pytest.mark.parametrize("path", _corpus_files("automl-standalone-jobs/*image*/*.yml"))
def test_corpus_standalone_image_job_validates(path: Path) -> None:
    document = load_yaml(path.read_text(encoding="utf-8"))
    assert errors(JOB_FILES[document["task"]], document) == []


@pytest.mark.parametrize("path", _corpus_files("pipelines/automl/*/pipeline.yml"))
def test_corpus_automl_pipeline_validates(path: Path) -> None:
    document = load_yaml(path.read_text(encoding="utf-8"))
    assert errors(PIPELINE_FILE, document) == []
