"""The merged contract: the exported schema plus the facts of the reference docs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from emit_jobs import all_jobs, contract_for, job_for
from jsonschema import Draft7Validator
from ruamel.yaml import YAML

from generator.emit.contract import contract_json, merge_contract
from generator.emit.inputs import JobInputs
from generator.model import Default, DefaultKind, KeySpec, KeyTable, Range, Source, Variant

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs_src"
EXAMPLES = sorted((DOCS / "examples").glob("*.yml"))


def deref(contract: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref (bare, or wrapped in a one-branch allOf) to its definition."""
    while True:
        if "$ref" in node:
            node = contract["definitions"][node["$ref"].rsplit("/", 1)[-1]]
        elif len(node.get("allOf", [])) == 1 and "properties" not in node:
            node = node["allOf"][0]
        else:
            return node


def site(contract: dict[str, Any], path: str) -> dict[str, Any]:
    """The property schema at a dotted path (objects only, no unions)."""
    node: dict[str, Any] = contract
    for name in path.split("."):
        node = deref(contract, node)["properties"][name]
    return node


def branch(contract: dict[str, Any], union: dict[str, Any], tag: str) -> dict[str, Any]:
    """The definition a tagged union maps ``tag`` to (looking through a scalar/union split)."""
    if "discriminator" not in union:
        refs = [b for b in union["anyOf"] if "$ref" in b]
        union = deref(contract, refs[0])
    ref = union["discriminator"]["mapping"][tag]
    return contract["definitions"][ref.rsplit("/", 1)[-1]]


def replace_key(
    job: JobInputs, path: str, variants: tuple[Variant, ...] = (), **changes: Any
) -> JobInputs:
    keys: list[KeySpec] = []
    found = False
    for spec in job.docs.keys:
        if spec.path == path and spec.variants == variants:
            spec = dataclasses.replace(spec, **changes)
            found = True
        keys.append(spec)
    assert found, path
    return dataclasses.replace(job, docs=dataclasses.replace(job.docs, keys=keys))


def load_example(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def test_there_are_four_jobs() -> None:
    assert [job.module for job in all_jobs()] == [
        "image_classification",
        "image_classification_multilabel",
        "image_instance_segmentation",
        "image_object_detection",
    ]


@pytest.mark.parametrize("module", [job.module for job in all_jobs()])
def test_contract_is_a_valid_draft7_schema(module: str) -> None:
    contract = contract_for(module)
    Draft7Validator.check_schema(contract)
    assert contract["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert contract["title"] == job_for(module).class_name


@pytest.mark.parametrize("module", [job.module for job in all_jobs()])
def test_every_definition_is_reachable_and_titled(module: str) -> None:
    contract = contract_for(module)
    text = json.dumps(contract)
    for name, definition in contract["definitions"].items():
        assert definition["title"] == name
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", name), name
        assert not re.search(r"Model\d*$|\d$", name), name
        assert f'"#/definitions/{name}"' in text, f"{name} is never referenced"
    for ref in re.findall(r'"\$ref": "([^"]+)"', text):
        assert ref.startswith("#/definitions/")
        assert ref.rsplit("/", 1)[-1] in contract["definitions"], ref


def test_docs_description_at_the_property_site() -> None:
    job = job_for("image_classification")
    contract = contract_for("image_classification")
    spec = job.docs.get("limits.max_trials")
    assert spec is not None and spec.description
    assert site(contract, "limits.max_trials")["description"] == spec.description
    # a $ref site keeps its reference and gets the docs text beside it
    training_data = site(contract, "training_data")
    assert "$ref" in training_data
    assert training_data["description"] == job.docs.get("training_data").description  # type: ignore[union-attr]


def test_variant_keys_get_their_descriptions() -> None:
    job = job_for("image_classification")
    contract = contract_for("image_classification")
    union = site(contract, "sweep.early_termination")
    bandit = branch(contract, union, "bandit")
    variant = (Variant("sweep.early_termination", "bandit"),)
    spec = job.docs.get("sweep.early_termination.slack_factor", variant)
    assert spec is not None
    assert bandit["properties"]["slack_factor"]["description"] == spec.description
    truncation = branch(contract, union, "truncation_selection")
    percentage = truncation["properties"]["truncation_percentage"]
    assert (percentage["minimum"], percentage["maximum"]) == (1, 99)


def test_variants_sharing_one_branch_keep_both_texts() -> None:
    contract = contract_for("image_classification")
    uniform = contract["definitions"]["Uniform"]["properties"]["min_value"]["description"]
    assert uniform.splitlines() == [
        "uniform: Lower bound, inclusive.",
        "loguniform: Natural logarithm of the lower bound, inclusive.",
    ]


def test_documented_range_is_added_and_enforced() -> None:
    contract = contract_for("image_classification")
    rate = site(contract, "training_parameters.learning_rate")
    assert (rate["minimum"], rate["maximum"]) == (0, 1)
    data = load_example(DOCS / "examples" / "image-classification.yml")
    validator = Draft7Validator(contract)
    assert validator.is_valid(data)
    data["training_parameters"]["learning_rate"] = 1.5
    errors = list(validator.iter_errors(data))
    assert [list(e.absolute_path) for e in errors] == [["training_parameters", "learning_rate"]]
    # the exported schema alone accepts it: the range came from the docs
    assert Draft7Validator(job_for("image_classification").schema).is_valid(data)


def test_documented_default_is_added_where_the_schema_has_none() -> None:
    job = job_for("image_classification")
    limits = job.schema["definitions"]["ImageLimitsSchema"]["properties"]["max_trials"]
    assert "default" not in limits
    spec = job.docs.get("limits.max_trials")
    assert spec is not None and spec.default.kind is DefaultKind.LITERAL
    assert (
        site(contract_for("image_classification"), "limits.max_trials")["default"]
        == spec.default.value
    )


def test_schema_wins_where_the_docs_contradict_it() -> None:
    job = job_for("image_classification")
    # an enumeration the schema forbids (strings for an integer), and a default that fails
    job = replace_key(job, "limits.timeout_minutes", allowed=("soon", "later"))
    job = replace_key(
        job, "limits.max_concurrent_trials", default=Default(DefaultKind.LITERAL, "many", "many")
    )
    # the schema's own enumeration and default stay as they are
    job = replace_key(job, "log_verbosity", allowed=("loud",))
    job = replace_key(job, "log_verbosity", default=Default(DefaultKind.LITERAL, "debug", "debug"))
    # a range that excludes the schema's default is not added
    job = replace_key(job, "validation_data_size", range=Range(minimum=0.5, maximum=1))
    contract = merge_contract(job)
    timeout = site(contract, "limits.timeout_minutes")
    assert "enum" not in timeout and timeout["type"] == "integer"
    assert "default" not in site(contract, "limits.max_concurrent_trials")
    verbosity = site(contract, "log_verbosity")
    assert verbosity["enum"] == job.schema["properties"]["log_verbosity"]["enum"]
    assert verbosity["default"] == "info"
    assert "minimum" in site(contract, "validation_data_size")  # no schema default: added
    Draft7Validator.check_schema(contract)


def test_range_is_not_added_against_a_schema_default() -> None:
    job = job_for("image_classification")
    schema = json.loads(json.dumps(job.schema))
    schema["definitions"]["ImageLimitsSchema"]["properties"]["timeout_minutes"]["default"] = 0
    job = dataclasses.replace(job, schema=schema)
    contract = merge_contract(job)
    timeout = site(contract, "limits.timeout_minutes")
    assert timeout["default"] == 0 and "minimum" not in timeout


def test_path_specific_facts_do_not_leak_through_a_shared_definition() -> None:
    job = job_for("image_classification")
    job = replace_key(job, "training_data.path", description="Where the TRAINING table is.")
    job = replace_key(job, "validation_data.path", description="Where the VALIDATION table is.")
    job = replace_key(
        job, "validation_data.mode", default=Default(DefaultKind.LITERAL, "download", "download")
    )
    contract = merge_contract(job)
    train = deref(contract, site(contract, "training_data"))
    valid = deref(contract, site(contract, "validation_data"))
    test = deref(contract, site(contract, "test_data"))
    assert train is not valid
    assert train["properties"]["path"]["description"] == "Where the TRAINING table is."
    assert valid["properties"]["path"]["description"] == "Where the VALIDATION table is."
    original = job_for("image_classification").docs.get("test_data.path")
    assert original is not None
    assert test["properties"]["path"]["description"] == original.description
    assert train["properties"]["mode"]["default"] == "direct"
    assert valid["properties"]["mode"]["default"] == "download"
    names = {
        site(contract, p)["$ref"].rsplit("/", 1)[-1] for p in ("training_data", "validation_data")
    }
    assert names == {"TrainingDataMLTableInput", "ValidationDataMLTableInput"}
    # the unchanged contract keeps one shared definition
    plain = contract_for("image_classification")
    refs = {site(plain, p)["$ref"] for p in ("training_data", "validation_data", "test_data")}
    assert refs == {"#/definitions/MLTableInput"}


def test_tagged_unions_carry_a_discriminator() -> None:
    contract = contract_for("image_classification")
    policies = site(contract, "sweep.early_termination")
    assert policies["discriminator"] == {
        "propertyName": "type",
        "mapping": {
            "bandit": "#/definitions/BanditPolicy",
            "median_stopping": "#/definitions/MedianStoppingPolicy",
            "truncation_selection": "#/definitions/TruncationSelectionPolicy",
        },
    }
    identity = site(contract, "identity")
    assert (
        identity["discriminator"]["mapping"]["managed_identity"] == "#/definitions/ManagedIdentity"
    )
    # a plain string alternative stays a member beside the tagged object branches
    sampling = site(contract, "sweep.sampling_algorithm")
    assert "discriminator" not in sampling
    assert sampling["anyOf"][0]["type"] == "string"
    assert branch(contract, sampling, "grid")["title"] == "GridSamplingAlgorithm"
    # search-space distributions of an integer hyperparameter
    item = deref(contract, site(contract, "search_space")["items"])
    epochs = item["properties"]["number_of_epochs"]
    assert {"type": "integer"} in epochs["anyOf"]
    assert branch(contract, epochs, "randint")["title"] == "Randint"


def test_property_order_follows_the_docs() -> None:
    job = job_for("image_classification")
    contract = contract_for("image_classification")
    names = list(contract["properties"])
    documented = [
        spec.path for spec in job.docs.keys if "." not in spec.path and "[" not in spec.path
    ]
    documented = [name for name in dict.fromkeys(documented) if name in contract["properties"]]
    assert names[0] == "$schema"
    assert names[: len(documented)] == documented
    schema_order = [n for n in job.schema["properties"] if n not in documented]
    assert names[len(documented) :] == schema_order


def test_comment_names_inputs_and_digests_without_absolute_paths() -> None:
    job = job_for("image_classification")
    comment = contract_for("image_classification")["$comment"]
    for path, digest in job.sources.items():
        assert f"{path} sha256:{digest}" in comment
    assert str(REPO) not in json.dumps(contract_for("image_classification"))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", comment)


def test_merging_does_not_change_the_inputs() -> None:
    job = job_for("image_object_detection")
    before = json.dumps(job.schema, sort_keys=True)
    merge_contract(job)
    assert json.dumps(job.schema, sort_keys=True) == before


_SUBPROCESS = """
import hashlib, sys
from pathlib import Path
from generator.docs import DocsReader
from generator.emit.contract import contract_json, merge_contract
from generator.emit.inputs import collect_jobs
docs = Path(sys.argv[1])
reader = DocsReader(search=[docs], display_root=docs.parent)
for job in collect_jobs(docs, docs / "schemas", reader):
    print(job.module, hashlib.sha256(contract_json(merge_contract(job)).encode()).hexdigest())
"""


def test_deterministic_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    here = {
        job.module: hashlib.sha256(contract_json(merge_contract(job)).encode()).hexdigest()
        for job in all_jobs()
    }
    assert here == {
        job.module: hashlib.sha256(contract_json(merge_contract(job)).encode()).hexdigest()
        for job in all_jobs()
    }
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-c", _SUBPROCESS, str(DOCS)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        there = dict(line.split() for line in result.stdout.splitlines())
        assert there == here


def test_contract_json_is_sorted_and_newline_terminated() -> None:
    text = contract_json(contract_for("image_classification"))
    assert text.endswith("}\n")
    names = list(json.loads(text)["definitions"])
    assert names == sorted(names)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_validates_against_its_contract(example: Path) -> None:
    data = load_example(example)
    job = next(job for job in all_jobs() if job.task == data["task"])
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in Draft7Validator(contract_for(job.module)).iter_errors(data)
    ]
    assert errors == []


def _synthetic_job(keys: list[KeySpec], schema: dict[str, Any]) -> JobInputs:
    table = KeyTable(file="page.md", title="Synthetic", keys=keys)
    return JobInputs("syntheticJob", "synthetic", "SyntheticJob", table, schema, {"page.md": "0"})


def test_constraints_beside_a_reference_are_wrapped_per_path() -> None:
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "port": {"$ref": "#/definitions/PortSchema"},
            "admin_port": {"$ref": "#/definitions/PortSchema"},
            "mode": {"$ref": "#/definitions/ModeSchema"},
        },
        "additionalProperties": False,
        "definitions": {"PortSchema": {"type": "integer"}, "ModeSchema": {"type": "string"}},
    }
    source = Source("page.md", 1)
    keys = [
        KeySpec("port", source, description="Port to listen on.", range=Range(1, 65535)),
        KeySpec("admin_port", source, description="Admin port."),
        KeySpec(
            "mode", source, allowed=("fast", "slow"), default=Default(DefaultKind.LITERAL, "fast")
        ),
    ]
    contract = merge_contract(_synthetic_job(keys, schema))
    Draft7Validator.check_schema(contract)
    props = contract["properties"]
    assert props["port"] == {
        "allOf": [{"$ref": "#/definitions/Port"}],
        "description": "Port to listen on.",
        "minimum": 1,
        "maximum": 65535,
    }
    assert props["admin_port"] == {"$ref": "#/definitions/Port", "description": "Admin port."}
    assert props["mode"] == {
        "allOf": [{"$ref": "#/definitions/Mode"}],
        "enum": ["fast", "slow"],
        "default": "fast",
    }
    assert contract["definitions"]["Port"] == {"title": "Port", "type": "integer"}
    validator = Draft7Validator(contract)
    assert not validator.is_valid({"port": 0})
    assert validator.is_valid({"admin_port": 0})
    assert not validator.is_valid({"mode": "medium"})
