"""The oracle without the SDK: reading SDK messages, setting causes aside, classing
disagreements, rendering the report, and the committed reports/oracle.md.

Nothing here imports azure: the SDK's verdicts are made by hand, and ``run_sdk`` is given a
fake ``judge``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.oracle.compare import (
    CLASSES,
    COERCE,
    ENUM_CASE,
    POST_LOAD,
    RANGE,
    UNEXPLAINED,
    Outcome,
    compare,
    mark_unconfirmed,
    summarize,
)
from generator.oracle.corpus import FIXTURES, GROUPS, PIPELINES, REPO, Document, collect
from generator.oracle.messages import (
    SdkError,
    field_errors,
    missing_key,
    missing_paths,
    unexpected_arguments,
)
from generator.oracle.report import (
    CLASSES_HEADING,
    COUNTS,
    DISAGREEMENTS,
    cell,
    read_table,
    render,
)
from generator.oracle.setaside import (
    MISSING_FILES,
    UNBUILDABLE_KEY,
    SetAside,
    causes_of,
    declared_keys,
    run_sdk,
    set_aside,
)
from generator.oracle.verdicts import (
    MISSING,
    Cause,
    DocgenIssue,
    DocgenVerdict,
    SdkRun,
    SdkVerdict,
    docgen_verdict,
    make_validator,
)

REPORT = REPO / "reports" / "oracle.md"

FIELD_BODY = """Validation for ImageClassificationSchema failed:

 {
  "target_column_name": [
    "Missing data for required field."
  ],
  "identity": [
    ["TypeError: ManagedIdentityConfiguration.__init__() got an unexpected keyword argument 'msi_resource_id'"],
    {"type": ["Value 'managed' passed is not in set ['aml_token']"]}
  ]
} \n\n If you are trying to configure a job that is not of type automl, ..."""

PIPELINE_BODY = """Validation for PipelineJobSchema failed:

 {
  "result": "Failed",
  "errors": [
    {
      "message": "Value 'image_classification' passed is not in set ['classification']",
      "path": "jobs.node.task",
      "value": "image_classification"
    },
    {
      "message": "{'code': [{'_schema': [\\"Can't find directory or file in resolved absolute path: ../corpus/p/components/src.\\"]}]}",
      "path": "jobs.register_model_node.component",
      "value": "file:./components/c.yaml"
    }
  ]
} \n\n If you are trying ..."""


def doc(name: str = "job.yml", **extra: Any) -> Document:
    return Document(Path("/nowhere") / name, name, extra.pop("group", FIXTURES), **extra)


def rejected(error_type: str = "ValidationError", text: str = "x failed:") -> SdkVerdict:
    return SdkVerdict(False, error_type, text.splitlines()[0], field_errors(text), text)


ACCEPTED = SdkVerdict(True)
VALID = DocgenVerdict(True, keys=frozenset({"type", "task"}))


def invalid(path: str, message: str, value: Any) -> DocgenVerdict:
    return DocgenVerdict(False, (DocgenIssue(3, 5, path, message, value),))


# -- reading the SDK's messages -------------------------------------------------------------


def test_field_errors_of_a_nested_body() -> None:
    errors = field_errors(FIELD_BODY)
    assert errors[0] == SdkError("target_column_name", "Missing data for required field.")
    assert [e.path for e in errors] == ["target_column_name", "identity", "identity.type"]


def test_field_errors_of_a_pipeline_body() -> None:
    errors = field_errors(PIPELINE_BODY)
    assert [e.path for e in errors] == ["jobs.node.task", "jobs.register_model_node.component"]
    assert missing_paths(errors) == [
        ("jobs.register_model_node.component", "../corpus/p/components/src")
    ]


def test_field_errors_without_a_body() -> None:
    assert field_errors("Unsupported task type: None") == ()
    assert field_errors("Validation for X failed: {not json") == ()


def test_unexpected_arguments() -> None:
    assert unexpected_arguments(FIELD_BODY) == [("ManagedIdentityConfiguration", "msi_resource_id")]
    assert unexpected_arguments("object.__init__() takes exactly one argument") == []


def test_missing_key_is_only_a_key_error_or_a_missing_argument() -> None:
    assert missing_key("KeyError", "'training_data'") == "training_data"
    message = "ImageSweepSettings.__init__() missing 1 required keyword-only argument: 'sampling_algorithm'"
    assert missing_key("TypeError", message) == "sampling_algorithm"
    assert missing_key("KeyError", "'EXAMPLE-LOG_TRAINING_METRICS'") is None
    assert missing_key("ValidationError", "'training_data'") is None


# -- setting causes aside -------------------------------------------------------------------


def test_set_aside_removes_keys_nodes_bindings_and_paths() -> None:
    data = {
        "type": "pipeline",
        "outputs": {"model": "${{parent.jobs.register.outputs.model}}", "kept": "x"},
        "jobs": {
            "train": {
                "search_space": [{"augmentations": "a", "learning_rate": 0.1}],
                "training_data": {"path": "p", "path_on_compute": "file:x"},
            },
            "register": {"component": "file:c.yaml"},
        },
    }
    leave = SetAside(
        keys={"augmentations"},
        nodes={"register"},
        paths={("jobs", "train", "training_data", "path_on_compute")},
    )
    result = set_aside(data, leave)
    assert result == {
        "type": "pipeline",
        "outputs": {"kept": "x"},
        "jobs": {
            "train": {"search_space": [{"learning_rate": 0.1}], "training_data": {"path": "p"}}
        },
    }
    assert "register" in data["jobs"]  # the original is untouched


def test_causes_of_needs_the_file_absent_and_the_key_declared(tmp_path: Path) -> None:
    (tmp_path / "there").mkdir()
    text = (
        "Validation for X failed:\n\n"
        '{"result": "Failed", "errors": ['
        '{"path": "jobs.a.component", "message": "Can\'t find directory or file in resolved '
        'absolute path: gone/src."},'
        '{"path": "jobs.b.component", "message": "Can\'t find directory or file in resolved '
        'absolute path: there."},'
        '{"path": "training_data.path_on_compute._schema", "message": "Can\'t find directory '
        'or file in resolved absolute path: <tmp>/file:x."}'
        "]}\n"
        "A.__init__() got an unexpected keyword argument 'declared'\n"
        "B.__init__() got an unexpected keyword argument 'undeclared'"
    )
    causes, leave = causes_of(rejected(text=text), frozenset({"declared"}), tmp_path)
    assert [c.kind for c in causes] == [MISSING_FILES, MISSING_FILES, UNBUILDABLE_KEY]
    assert leave.nodes == {"a"}
    assert leave.paths == {("training_data", "path_on_compute")}
    assert leave.keys == {"declared"}


def test_declared_keys_reads_every_properties_block(tmp_path: Path) -> None:
    (tmp_path / "a.schema.json").write_text(
        '{"properties": {"x": {}}, "definitions": {"D": {"properties": {"y": {}}}}}'
    )
    assert declared_keys(tmp_path) == {"x", "y"}


def test_run_sdk_retries_a_copy_without_the_causes(tmp_path: Path) -> None:
    source = tmp_path / "job.yml"
    source.write_text("type: automl\nsearch_space:\n- augmentations: a\n  learning_rate: 0.1\n")
    seen: list[Any] = []

    def judge(path: Path, replacements: Sequence[tuple[str, str]]) -> SdkVerdict:
        data = YAML(typ="safe", pure=True).load(path.read_text())
        seen.append((path == source, data))
        if "augmentations" in path.read_text():
            return rejected(
                "TypeError", "S.__init__() got an unexpected keyword argument 'augmentations'"
            )
        return ACCEPTED

    document = Document(source, "job.yml", FIXTURES)
    run = run_sdk(document, judge, frozenset({"augmentations"}), tmp_path)
    assert not run.as_is.accepted
    assert run.rerun == ACCEPTED
    assert [c.kind for c in run.causes] == [UNBUILDABLE_KEY]
    assert seen[1] == (False, {"type": "automl", "search_space": [{"learning_rate": 0.1}]})
    assert source.read_text().count("augmentations") == 1  # never changed


def test_run_sdk_does_not_retry_a_plain_rejection(tmp_path: Path) -> None:
    source = tmp_path / "job.yml"
    source.write_text("type: automl\n")
    calls: list[Path] = []

    def judge(path: Path, replacements: Sequence[tuple[str, str]]) -> SdkVerdict:
        calls.append(path)
        return rejected("ValidationException", "Unsupported task type: None")

    run = run_sdk(Document(source, "job.yml", FIXTURES), judge, frozenset(), tmp_path)
    assert calls == [source] and run.rerun is None and run.causes == ()


# -- classing disagreements -----------------------------------------------------------------


def test_both_accept_or_both_reject_is_an_agreement() -> None:
    assert compare(doc(), VALID, SdkRun(ACCEPTED)).agree
    rejection = invalid("name", "Input should be a valid string", 12345)
    assert compare(doc(), rejection, SdkRun(rejected())).agree


def test_range() -> None:
    docgen = invalid("limits.max_trials", "Input should be greater than or equal to 1", 0)
    outcome = compare(doc(rule="range"), docgen, SdkRun(ACCEPTED))
    assert (outcome.agree, outcome.klass) == (False, RANGE)
    assert "`limits.max_trials` is 0" in outcome.why


def test_a_range_class_must_match_the_fixture_rule() -> None:
    docgen = invalid("limits.max_trials", "Input should be greater than or equal to 1", 0)
    assert compare(doc(rule="enum"), docgen, SdkRun(ACCEPTED)).klass == UNEXPLAINED


@pytest.mark.parametrize(
    ("message", "value"),
    [
        ("Input should be a valid integer, unable to parse string as an integer", "10"),
        ("Input should be a valid integer, got a number with a fractional part", 10.5),
        ("'10' is not of type 'integer'", "10"),
        ("Input should be a valid number", "0.5"),
    ],
)
def test_coerce(message: str, value: Any) -> None:
    outcome = compare(doc(), invalid("limits.max_trials", message, value), SdkRun(ACCEPTED))
    assert outcome.klass == COERCE


def test_a_word_given_for_an_integer_is_not_coerced() -> None:
    docgen = invalid("resources.instance_count", "Input should be a valid integer", "many")
    assert compare(doc(), docgen, SdkRun(ACCEPTED)).klass == UNEXPLAINED


def test_enum_case() -> None:
    message = "Input should be 'bayesian', 'grid' or 'random'"
    outcome = compare(
        doc(), invalid("sweep.sampling_algorithm", message, "Random"), SdkRun(ACCEPTED)
    )
    assert outcome.klass == ENUM_CASE and "'random'" in outcome.why
    other = invalid("sweep.sampling_algorithm", message, "Sobol")
    assert compare(doc(), other, SdkRun(ACCEPTED)).klass == UNEXPLAINED
    jsonschema = "'Bandit' is not one of 'bandit', 'median_stopping', 'truncation_selection'"
    bandit = invalid("sweep.early_termination.type", jsonschema, "Bandit")
    assert compare(doc(), bandit, SdkRun(ACCEPTED)).klass == ENUM_CASE


def test_every_issue_must_be_explained() -> None:
    docgen = DocgenVerdict(
        False,
        (
            DocgenIssue(1, 1, "limits.max_trials", "Input should be greater than or equal to 1", 0),
            DocgenIssue(2, 1, "unknown", "Extra inputs are not permitted", "x"),
        ),
    )
    assert compare(doc(), docgen, SdkRun(ACCEPTED)).klass == UNEXPLAINED


def test_docgen_cannot_read_what_the_sdk_accepts() -> None:
    docgen = DocgenVerdict(
        False, (DocgenIssue(1, 0, "(file)", "bad YAML", MISSING),), unreadable=True
    )
    assert compare(doc(), docgen, SdkRun(ACCEPTED)).klass == UNEXPLAINED


def test_post_load_needs_the_key_to_be_absent() -> None:
    sdk = SdkRun(rejected("KeyError", "'training_data'"))
    assert compare(doc(), VALID, sdk).klass == POST_LOAD
    present = DocgenVerdict(True, keys=frozenset({"training_data"}))
    assert compare(doc(), present, sdk).klass == UNEXPLAINED
    enum_lookup = SdkRun(rejected("KeyError", "'EXAMPLE-LOG_TRAINING_METRICS'"))
    assert compare(doc(), VALID, enum_lookup).klass == UNEXPLAINED


def test_set_aside_causes_class_a_docgen_valid_document() -> None:
    cause = Cause(MISSING_FILES, "`jobs.register_model_node` (its component): src is not there")
    sdk = SdkRun(rejected(text=PIPELINE_BODY), (cause,), ACCEPTED)
    outcome = compare(doc("pipeline.yml", group=PIPELINES), VALID, sdk)
    assert (outcome.agree, outcome.klass) == (False, MISSING_FILES)
    still = SdkRun(rejected(text=PIPELINE_BODY), (cause,), rejected(text=FIELD_BODY))
    assert compare(doc(), VALID, still).klass == UNEXPLAINED


def test_a_rejection_only_for_set_aside_causes_is_no_agreement() -> None:
    cause = Cause(UNBUILDABLE_KEY, "`augmentations`: ...")
    sdk = SdkRun(rejected("TypeError", "S.__init__() got ..."), (cause,), ACCEPTED)
    docgen = invalid("validation_data_size", "Input should be less than 1", 1.0)
    outcome = compare(doc(rule="range"), docgen, sdk)
    assert (outcome.agree, outcome.klass) == (False, RANGE)
    assert "only what was set aside" in outcome.why
    still = SdkRun(sdk.as_is, (cause,), rejected(text=FIELD_BODY))
    assert compare(doc(rule="range"), docgen, still).agree


def test_mark_unconfirmed() -> None:
    same = rejected("KeyError", "'EXAMPLE-LOG_TRAINING_METRICS'")
    base = compare(doc("valid/full.yml"), VALID, SdkRun(same))
    docgen = invalid("limits.max_trials", "Input should be greater than or equal to 1", 0)
    hollow = compare(doc("invalid/range.yml"), docgen, SdkRun(same))
    real = compare(doc("invalid/enum.yml"), docgen, SdkRun(rejected(text=FIELD_BODY)))
    marked = mark_unconfirmed([base, hollow, real])
    assert [o.unconfirmed for o in marked] == [False, True, False]
    assert "valid/full.yml" in marked[1].why
    assert summarize(marked).unconfirmed == 1


def test_summary_and_gate() -> None:
    outcomes = [
        compare(doc("a.yml"), VALID, SdkRun(ACCEPTED)),
        compare(
            doc("b.yml", rule="range"),
            invalid("x", "Input should be less than 1", 2),
            SdkRun(ACCEPTED),
        ),
    ]
    summary = summarize(outcomes)
    assert (summary.documents, summary.agreements, summary.by_class) == (2, 1, {RANGE: 1})
    assert summary.rest_agreement == 1.0 and summary.passed
    unexplained = [*outcomes, compare(doc("c.yml"), VALID, SdkRun(rejected(text=FIELD_BODY)))]
    assert not summarize(unexplained).passed
    mismatch = [compare(doc("d.yml", expect="valid"), invalid("x", "m", 1), SdkRun(rejected()))]
    assert not summarize(mismatch).passed
    assert not summarize([]).passed


# -- the report -----------------------------------------------------------------------------


def _sample() -> list[Outcome]:
    return [
        compare(doc("a.yml"), VALID, SdkRun(ACCEPTED)),
        compare(
            doc("b|c.yml", rule="range"),
            invalid("x", "Input should be less than 1", 2),
            SdkRun(ACCEPTED),
        ),
        compare(doc("d.yml"), VALID, SdkRun(rejected(text=FIELD_BODY))),
    ]


def test_render_lists_every_disagreement_with_its_class() -> None:
    outcomes = _sample()
    text = render(outcomes, summarize(outcomes), {"azure-ai-ml": "1.35.2"}, ["a note"])
    rows = read_table(text, DISAGREEMENTS)
    assert [(r[1], r[4]) for r in rows] == [
        ("`b|c.yml`", CLASSES[RANGE]),
        ("`d.yml`", CLASSES[UNEXPLAINED]),
    ]
    assert "Result: **FAIL**" in text and "- a note" in text
    assert "`azure-ai-ml==1.35.2`" in text
    assert render(outcomes, summarize(outcomes), {"azure-ai-ml": "1.35.2"}) == render(
        outcomes, summarize(outcomes), {"azure-ai-ml": "1.35.2"}
    )


def test_cell_is_one_line_with_escaped_pipes() -> None:
    assert cell("a | b\n  c") == "a \\| b c"


# -- the documents and docgen's verdicts (no SDK) ---------------------------------------------


def test_collect_reads_every_fixture_with_its_index() -> None:
    found = collect(REPO, REPO / "no-such-corpus")
    fixtures = [d for d in found.documents if d.group == FIXTURES]
    assert len(fixtures) == len(list((REPO / "generated" / "fixtures").glob("*/*/*.yml")))
    assert all(d.expect in ("valid", "invalid") for d in fixtures)
    assert all(d.rule for d in fixtures if d.expect == "invalid")
    assert any("corpus is absent" in note for note in found.notes)
    order = [(GROUPS.index(d.group), d.shown) for d in found.documents]
    assert order == sorted(order)
    assert not any(d.shown.startswith("/") for d in found.documents)


def test_docgen_verdict_keeps_the_value_at_each_issue() -> None:
    document = next(
        d
        for d in collect(REPO, REPO / "no-such-corpus").documents
        if d.shown.endswith("image_classification/invalid/range-limits-max_trials-below.yml")
    )
    verdict = docgen_verdict(make_validator(REPO), document)
    assert not verdict.valid
    assert verdict.issues[0].path == "limits.max_trials" and verdict.issues[0].value == 0
    assert "target_column_name" in verdict.keys


def test_only_the_sdk_module_touches_azure_and_only_lazily() -> None:
    for path in sorted((REPO / "generator" / "oracle").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) azure", text, re.M), path
        if path.name != "sdk.py":
            assert 'import_module("azure' not in text, path


# -- the committed report -------------------------------------------------------------------


@pytest.fixture
def report() -> str:
    if not REPORT.is_file():
        pytest.skip("reports/oracle.md is not there; `nox -s oracle` writes it")
    return REPORT.read_text(encoding="utf-8")


def test_committed_report_gives_every_disagreement_a_class(report: str) -> None:
    rows = read_table(report, DISAGREEMENTS)
    titles = set(CLASSES.values())
    assert all(row[4] in titles for row in rows), [row for row in rows if row[4] not in titles]
    assert all(row[5] for row in rows), "every class comes with its evidence"
    by_class = {
        row[0]: int(row[1]) for row in read_table(report, CLASSES_HEADING) if row[0] != "(none)"
    }
    assert sum(by_class.values()) == len([r for r in rows if r[1] != "(none)"])
    for title, count in by_class.items():
        assert sum(row[4] == title for row in rows) == count, title


def test_committed_report_counts_add_up(report: str) -> None:
    rows = read_table(report, COUNTS)
    *groups, total = rows
    numbers = [[int(c.strip("*")) for c in row[1:]] for row in rows]
    for count, agree, disagree in numbers:
        assert count == agree + disagree
    assert [sum(column) for column in zip(*numbers[:-1], strict=True)] == numbers[-1]
    disagreements = read_table(report, DISAGREEMENTS)
    assert numbers[-1][2] == len([r for r in disagreements if r[1] != "(none)"])
    unexplained = sum(r[4] == CLASSES[UNEXPLAINED] for r in disagreements)
    passed = "Result: **pass**" in report
    assert passed == (unexplained == 0 and "index.json expects" not in report)
    assert total[0] == "**all**" and [g[0] for g in groups]


def test_committed_report_is_relative_and_undated(report: str) -> None:
    assert not re.search(r"(^|[\s`(])/(work|tmp|home|root|Users)/", report, re.M)
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", report)
    assert "`azure-ai-ml==1.35.2`" in report
