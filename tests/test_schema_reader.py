"""Tests for generator.schema_reader: fixtures per quirk, fatal errors, and the 2021 corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import InputError
from generator.model import (
    NOT_REQUIRED,
    REQUIRED,
    Default,
    DefaultKind,
    KeySpec,
    KeyTable,
    Range,
    Severity,
    Source,
    ValueType,
    Variant,
)
from generator.schema_reader import read_schema, schema_name

FIXTURES = Path(__file__).parent / "fixtures" / "schemas"
SHOWN = "fixtures/schemas"  # the display prefix the fixture tests pass
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
AZURE_2021 = CORPUS / "azure-schemas-2021"
NO_CORPUS = f"the shared corpus is not at {AZURE_2021} (it sits beside the repository)"

S = ValueType.STRING
I = ValueType.INTEGER  # noqa: E741
N = ValueType.NUMBER
B = ValueType.BOOLEAN
O = ValueType.OBJECT  # noqa: E741
A = ValueType.ARRAY
NULL = ValueType.NULL


def read(name: str) -> KeyTable:
    """Read a fixture, shown as ``fixtures/schemas/<name>``."""
    return read_schema(FIXTURES / name, display=f"{SHOWN}/{name}")


def key(table: KeyTable, path: str, *variants: Variant) -> KeySpec:
    spec = table.get(path, tuple(variants))
    assert spec is not None, f"no key {path} {variants} in {table.paths}"
    return spec


def src(name: str, pointer: str) -> Source:
    return Source(file=f"{SHOWN}/{name}", pointer=pointer)


# --- the table itself ---------------------------------------------------------------


def test_table_metadata() -> None:
    table = read("integer_format.schema.json")
    assert table.kind == "schema"
    assert table.schema_name == "integer_format"
    assert table.title == "Azure 2021 integers"
    assert table.file == f"{SHOWN}/integer_format.schema.json"
    assert table.problems == []


def test_display_defaults_to_the_path_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)
    table = read_schema("schemas/integer_format.schema.json")
    assert table.file == "schemas/integer_format.schema.json"
    assert table.keys[0].source == Source(
        file="schemas/integer_format.schema.json", pointer="/properties/timeout"
    )


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("commandJob.schema.json", "commandJob"),
        ("dir/sweep.json", "sweep"),
        ("plain", "plain"),
    ],
)
def test_schema_name(file_name: str, expected: str) -> None:
    assert schema_name(file_name) == expected


def test_reading_is_deterministic() -> None:
    assert read("discriminated_union.schema.json") == read("discriminated_union.schema.json")


# --- one fixture per quirk ----------------------------------------------------------


def test_number_with_integer_format_is_an_integer() -> None:
    table = read("integer_format.schema.json")
    assert [(k.path, k.types, k.type_text) for k in table.keys] == [
        ("timeout", (I,), "integer"),
        ("ratio", (N,), "number"),
        ("count", (I,), "integer"),
    ]


def test_type_beside_ref_is_merged_with_the_definition() -> None:
    name = "type_beside_ref.schema.json"
    table = read(name)
    assert table.paths == ["limits", "limits.max_trials", "plain", "plain.max_trials"]
    limits = key(table, "limits")
    assert limits.types == (O,)
    assert limits.description == "Limits of the job."  # the sibling wins over the definition
    assert limits.source == src(name, "/definitions/JobSchema/properties/limits")
    assert key(table, "plain").description == "Limits, as the definition describes them."
    trials = key(table, "limits.max_trials")
    assert trials.types == (I,)
    assert trials.required == REQUIRED
    assert trials.default == Default(DefaultKind.LITERAL, value=1)
    assert trials.source == src(name, "/definitions/LimitsSchema/properties/max_trials")


def test_lowercase_readonly_means_read_only() -> None:
    table = read("readonly_lowercase.schema.json")
    assert [(k.path, k.read_only) for k in table.keys] == [
        ("status", True),
        ("id", True),
        ("name", False),
    ]


def test_arm_type_is_ignored() -> None:
    table = read("arm_type.schema.json")
    assert table.problems == []
    compute = key(table, "compute")
    assert compute.types == (S,)
    assert compute.description == "The compute target."
    assert key(table, "odd").types == (S,)


def test_union_with_type_enum_or_const_becomes_variants() -> None:
    name = "discriminated_union.schema.json"
    table = read(name)
    random = Variant("sampling_algorithm", "random")
    grid = Variant("sampling_algorithm", "grid")
    bayesian = Variant("sampling_algorithm", "bayesian")
    assert [(k.path, k.variants) for k in table.keys[:5]] == [
        ("sampling_algorithm", ()),
        ("sampling_algorithm.type", (random,)),
        ("sampling_algorithm.seed", (random,)),
        ("sampling_algorithm.type", (grid,)),
        ("sampling_algorithm.type", (bayesian,)),
    ]
    algorithm = key(table, "sampling_algorithm")
    assert algorithm.types == (O,)
    assert algorithm.type_text == "object (one of: random, grid, bayesian)"
    assert algorithm.required == REQUIRED
    grid_type = key(table, "sampling_algorithm.type", grid)
    assert grid_type.types == (S,)
    assert grid_type.allowed == ("grid",)
    assert grid_type.required == REQUIRED
    assert grid_type.source == src(name, "/definitions/GridSchema/properties/type")
    assert key(table, "sampling_algorithm.seed", random).types == (I,)


def test_one_of_variants_keep_a_plain_string_branch_as_a_type() -> None:
    name = "discriminated_union.schema.json"
    table = read(name)
    policy = key(table, "policy")
    assert policy.types == (S, O)
    assert policy.type_text == "string or object (one of: bandit, median_stopping)"
    slack = key(table, "policy.slack_factor", Variant("policy", "bandit"))
    assert slack.types == (N,)
    assert slack.source == src(name, "/properties/policy/oneOf/0/properties/slack_factor")
    assert table.keys[-1].path == "after"


def test_null_branch_makes_a_key_nullable_not_a_variant() -> None:
    table = read("nullable.schema.json")
    seed = key(table, "seed")
    assert seed.types == (I, NULL)
    assert seed.type_text == "integer or null"
    assert seed.default == Default(DefaultKind.LITERAL, value=None)
    rule = key(table, "rule")
    assert rule.types == (S, NULL)
    assert rule.allowed == ("random", "sobol", None)
    assert key(table, "nothing").types == (NULL,)
    assert all(not k.variants for k in table.keys)


def test_file_pattern_branch_beside_an_object_gives_string_or_object() -> None:
    name = "file_pattern.schema.json"
    table = read(name)
    code = key(table, "code")
    assert code.types == (S, O)
    assert code.type_text == "string or object"
    assert code.allowed is None
    assert key(table, "code.local_path").source == src(
        name, "/definitions/CodeSchema/properties/local_path"
    )


def test_all_of_merges_properties_and_required() -> None:
    name = "all_of.schema.json"
    table = read(name)
    assert table.paths == ["name", "shared", "extra"]
    assert key(table, "name").required == REQUIRED
    assert key(table, "name").source == src(name, "/definitions/Base/properties/name")
    assert key(table, "extra").required == REQUIRED
    assert key(table, "extra").source == src(name, "/allOf/1/properties/extra")
    shared = key(table, "shared")
    assert shared.types == (I,)  # number and integer: integer
    assert shared.range == Range(minimum=0)
    assert shared.required == NOT_REQUIRED


def test_maps_and_lists_get_placeholder_and_item_segments() -> None:
    name = "maps_and_lists.schema.json"
    table = read(name)
    assert table.paths == [
        "tags",
        "tags.<name>",
        "properties",  # additionalProperties: {} says nothing, so no <name> key
        "env",
        "env.<name>",
        "steps",
        "steps[]",
        "steps[].name",
        "steps[].args",
        "steps[].args[]",
        "anything",
        "jobs",
        "jobs.<name>",
        "jobs.<name>.command",
    ]
    assert key(table, "tags.<name>").types == (S,)
    assert key(table, "tags.<name>").source == src(name, "/properties/tags/additionalProperties")
    assert key(table, "env.<name>").source == src(
        name, "/properties/env/patternProperties/^[A-Z_]+$"
    )
    assert key(table, "steps[]").types == (O,)
    assert key(table, "steps[]").source == src(name, "/properties/steps/items")
    assert key(table, "steps[].name").required == REQUIRED
    assert key(table, "steps[].args[]").types == (S,)


def test_ranges_defaults_and_enumerations_draft06() -> None:
    table = read("ranges.schema.json")
    percentage = key(table, "percentage")
    assert percentage.range == Range(0, 100)
    assert percentage.default == Default(DefaultKind.LITERAL, value=50)
    ratio = key(table, "ratio")
    assert ratio.range == Range(0, 1, exclusive_minimum=True, exclusive_maximum=True)
    assert key(table, "both").range == Range(minimum=2)  # the tighter of the two bounds
    goal = key(table, "goal")
    assert goal.allowed == ("maximize", "minimize")
    assert goal.default == Default(DefaultKind.LITERAL, value="maximize")
    const = key(table, "kind")
    assert (const.types, const.allowed) == ((S,), ("sweep",))
    options = key(table, "options")
    assert options.default == Default(DefaultKind.SYMBOLIC, text='{"a": [true], "b": 1}')


def test_ranges_draft04_boolean_exclusive_bounds() -> None:
    name = "draft04_ranges.schema.json"
    table = read(name)
    assert table.paths == ["id", "slack", "closed", "limits", "limits.count"]
    assert key(table, "slack").range == Range(0, 1, exclusive_minimum=True)
    assert key(table, "closed").range == Range(minimum=0)
    # "#/..." resolves against the draft-04 ``id`` (an http URL naming this very file)
    count = key(table, "limits.count")
    assert count.range == Range(maximum=10)
    assert count.source == src(name, "/definitions/Limits/properties/count")
    assert table.schema_url == "http://example.com/draft04_ranges.schema.json"


def test_union_without_discriminator_merges_its_branches() -> None:
    name = "merged_union.schema.json"
    table = read(name)
    assert table.paths[:5] == [
        "inputs",
        "inputs.<name>",
        "inputs.<name>.dataset",
        "inputs.<name>.mode",
        "inputs.<name>.path",
    ]
    value = key(table, "inputs.<name>")
    assert value.types == (S, I, O)
    assert value.variants == ()
    mode = key(table, "inputs.<name>.mode")
    assert mode.allowed == ("download", "ro_mount", "rw_mount")
    assert mode.required == NOT_REQUIRED  # a scalar input has no mode
    assert not mode.read_only  # read-only in one branch only
    assert mode.source == src(name, "/definitions/DatasetInput/properties/mode")


def test_partly_discriminated_union_is_merged_with_a_warning() -> None:
    name = "merged_union.schema.json"
    table = read(name)
    assert [k.path for k in table.keys if k.is_under("partial")] == [
        "partial",
        "partial.type",
        "partial.a",
        "partial.b",
    ]
    assert [(p.code, p.severity, p.source) for p in table.problems] == [
        ("partial-discriminator", Severity.WARNING, src(name, "/properties/partial"))
    ]


def test_unknown_types_and_unsupported_keywords_are_warnings() -> None:
    name = "odd_keywords.schema.json"
    table = read(name)
    assert key(table, "size").types == (I,)
    assert [(p.code, p.severity, p.source.pointer) for p in table.problems] == [
        ("unknown-type", Severity.WARNING, "/properties/size"),
        ("unsupported-keyword", Severity.WARNING, "/properties/either"),
    ]


def test_recursive_schema_stops_where_it_contains_itself() -> None:
    name = "recursive.schema.json"
    table = read(name)
    assert table.paths == ["name", "children", "children[]", "parent"]
    assert key(table, "children[]").types == (O,)
    assert key(table, "parent").types == (O,)
    assert [(p.code, p.severity, p.source) for p in table.problems] == [
        (
            "recursive-schema",
            Severity.WARNING,
            src(name, "/definitions/Node/properties/children/items"),
        ),
        ("recursive-schema", Severity.WARNING, src(name, "/definitions/Node/properties/parent")),
    ]


def test_exporter_draft07_schema_with_cross_file_refs() -> None:
    name = "exporter_job.schema.json"
    table = read(name)
    shared = f"{SHOWN}/common/shared.schema.json"
    assert table.title == "CommandJob"
    job_type = key(table, "type")
    assert (job_type.types, job_type.allowed, job_type.required) == ((S,), ("command",), REQUIRED)
    assert key(table, "status").read_only
    count = key(table, "resources.instance_count")
    assert count.source == Source(
        shared, pointer="/definitions/Resources/properties/instance_count"
    )
    assert (count.types, count.range, count.default.value) == ((I,), Range(minimum=1), 1)
    identity = key(table, "identity")
    assert identity.types == (O, NULL)
    assert identity.type_text == "object or null (one of: user_identity, managed)"
    managed = Variant("identity", "managed")
    assert key(table, "identity.client_id", managed).source == Source(
        shared, pointer="/definitions/ManagedIdentity/properties/client_id"
    )
    assert key(table, "identity.kind", managed).allowed == ("managed",)
    assert key(table, "output").type_text == "object (one of: upload, rw_mount)"
    assert key(table, "output.path", Variant("output", "upload")).types == (S,)
    assert table.problems == []


def test_azure_https_urls_are_read_from_sibling_files() -> None:
    table = read("azure_url.schema.json")
    assert table.schema_url == "https://azuremlschemas.azureedge.net/latest/azure_url.schema.json"
    assert table.paths == [
        "local",
        "local.here",
        "absolute",
        "absolute.there",
        "relative",
        "relative.there",
    ]
    target = Source(
        f"{SHOWN}/url_target.schema.json", pointer="/definitions/Target/properties/there"
    )
    assert key(table, "absolute.there").source == target
    assert key(table, "relative.there").source == target
    assert key(table, "local.here").source == src(
        "azure_url.schema.json", "/definitions/Local/properties/here"
    )


# --- fatal errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "location", "words"),
    [
        (
            "dangling_ref.schema.json",
            "#/properties/limits/$ref",
            ["dangling $ref", "#/definitions/Missing"],
        ),
        ("ref_cycle.schema.json", "#/definitions/B/$ref", ["$ref cycle"]),
        ("ref_to_scalar.schema.json", "#/properties/odd/$ref", ["does not point to a schema"]),
        ("self_ref_root.schema.json", "#/$ref", ["$ref cycle"]),
        ("invalid_json.schema.json", ":6", ["invalid JSON", "delimiter"]),
        ("not_utf8.schema.json", ":3", ["not UTF-8", "0xe9"]),
        ("root_array.schema.json", ":1", ["must be a JSON object", "array"]),
        (
            "network_ref.schema.json",
            "#/properties/remote/$ref",
            ["not a local file", "never fetches"],
        ),
        (
            "missing_file_ref.schema.json",
            "#/properties/other/$ref",
            ["dangling $ref", f"no such file {SHOWN}/errors/no_such_file.schema.json"],
        ),
    ],
)
def test_fatal_errors_name_file_and_place(name: str, location: str, words: list[str]) -> None:
    shown = f"{SHOWN}/errors/{name}"
    with pytest.raises(InputError) as caught:
        read_schema(FIXTURES / "errors" / name, display=shown)
    message = str(caught.value)
    assert message.startswith(f"{shown}{location}: "), message
    assert "\n" not in message
    for word in words:
        assert word in message


def test_error_in_a_referenced_file_names_that_file_and_line() -> None:
    shown = f"{SHOWN}/errors/refs_invalid_file.schema.json"
    with pytest.raises(InputError) as caught:
        read_schema(FIXTURES / "errors" / "refs_invalid_file.schema.json", display=shown)
    assert caught.value.file == f"{SHOWN}/errors/invalid_json.schema.json"
    assert caught.value.line == 6


def test_missing_root_file_is_an_input_error() -> None:
    with pytest.raises(InputError, match="cannot read the schema"):
        read_schema(FIXTURES / "no_such.schema.json")


# --- the schemas Azure published in 2021, read in place ------------------------------


def corpus_files() -> list[Any]:
    if not AZURE_2021.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS), id="no-corpus")]
    return [pytest.param(p, id=p.name) for p in sorted(AZURE_2021.glob("*.json"))]


def needs_corpus() -> None:
    if not AZURE_2021.is_dir():
        pytest.skip(NO_CORPUS)


@pytest.mark.parametrize("path", corpus_files())
def test_every_2021_schema_loads(path: Path) -> None:
    table = read_schema(path, display=f"azure-schemas-2021/{path.name}")
    assert table.keys, path.name
    assert table.errors == []
    assert all(k.source.file.startswith("azure-schemas-2021/") for k in table.keys)


class RawWalk:
    """An independent walk of raw schema JSON: the set of key paths, own $ref handling."""

    def __init__(self, root: Path) -> None:
        self.folder = root.parent
        self.documents: dict[str, Any] = {}
        self.paths: set[str] = set()
        self.walk(self.document(root.name), root.name, "", frozenset())

    def document(self, name: str) -> Any:
        if name not in self.documents:
            self.documents[name] = json.loads((self.folder / name).read_text(encoding="utf-8"))
        return self.documents[name]

    def target(self, ref: str, file: str) -> tuple[Any, str, str]:
        other, _, pointer = ref.partition("#")
        file = other or file
        node = self.document(file)
        for part in filter(None, pointer.split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node, file, f"{file}#{pointer}"

    def add(self, node: Any, file: str, path: str, seen: frozenset[str]) -> None:
        self.paths.add(path)
        self.walk(node, file, path, seen)

    def walk(self, node: Any, file: str, path: str, seen: frozenset[str]) -> None:
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            target, target_file, where = self.target(node["$ref"], file)
            if where not in seen:
                self.walk(target, target_file, path, seen | {where})
        for keyword in ("allOf", "anyOf", "oneOf"):
            for branch in node.get(keyword, []):
                self.walk(branch, file, path, seen)
        for name, sub in node.get("properties", {}).items():
            self.add(sub, file, f"{path}.{name}" if path else name, seen)
        values = [node.get("additionalProperties"), *node.get("patternProperties", {}).values()]
        for value in values:
            if isinstance(value, dict) and set(value) - {"title", "description"}:
                self.add(value, file, f"{path}.<name>" if path else "<name>", seen)
        items = node.get("items")
        if isinstance(items, dict) and set(items) - {"title", "description"}:
            self.add(items, file, f"{path}[]", seen)


@pytest.mark.parametrize(
    ("name", "expected_paths"),
    [("commandJob.schema.json", 170), ("sweepJob.schema.json", 191)],
)
def test_2021_key_set_matches_an_independent_walk(name: str, expected_paths: int) -> None:
    needs_corpus()
    table = read_schema(AZURE_2021 / name)
    raw = RawWalk(AZURE_2021 / name).paths
    assert set(table.paths) == raw
    assert len(table.paths) == len(raw) == expected_paths


def test_2021_command_job_details() -> None:
    needs_corpus()
    table = read_schema(AZURE_2021 / "commandJob.schema.json", display="commandJob.schema.json")
    timeout = key(table, "limits.timeout")
    assert timeout.types == (I,)
    assert timeout.source == Source(
        "commandJob.schema.json", pointer="/definitions/CommandJobLimitsSchema/properties/timeout"
    )
    assert key(table, "code").types == (S, O)
    assert key(table, "status").read_only
    assert [k.path for k in table.keys if k.required == REQUIRED and "." not in k.path] == [
        "command",
        "compute",
        "environment",
    ]
    assert key(table, "distribution").type_text == "object (one of: pytorch, tensorflow, mpi)"
    worker = key(table, "distribution.worker_count", Variant("distribution", "tensorflow"))
    assert worker.types == (I,)
    assert key(table, "inputs.<name>").types == (S, I, N, B, O)


def test_2021_sweep_job_variants() -> None:
    needs_corpus()
    table = read_schema(AZURE_2021 / "sweepJob.schema.json")
    policy = key(table, "early_termination")
    assert policy.type_text == "object (one of: bandit, median_stopping, truncation_selection)"
    truncation = Variant("early_termination", "truncation_selection")
    assert key(table, "early_termination.truncation_percentage", truncation).required == REQUIRED
    space = key(table, "search_space.<name>")
    assert "uniform, loguniform" in space.type_text
    upper = key(table, "search_space.<name>.upper", Variant("search_space.<name>", "randint"))
    assert upper.types == (I,)
    assert key(table, "sampling_algorithm").allowed == ("bayesian", "grid", "random")


def test_a_scalar_definition_shared_by_parent_and_child_is_not_recursion(tmp_path: Path) -> None:
    schema = {
        "definitions": {
            "Binding": {"type": "string", "pattern": "^\\$\\{\\{.*\\}\\}$"},
            "Child": {
                "type": "object",
                "properties": {
                    "leaf": {"anyOf": [{"$ref": "#/definitions/Binding"}, {"type": "number"}]}
                },
            },
        },
        "type": "object",
        "properties": {
            "node": {"anyOf": [{"$ref": "#/definitions/Binding"}, {"$ref": "#/definitions/Child"}]}
        },
    }
    path = tmp_path / "nodes.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    table = read_schema(path, "nodes.schema.json")
    assert [k.path for k in table.keys] == ["node", "node.leaf"]
    assert table.problems == []
