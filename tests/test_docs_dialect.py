"""Dialect fixtures: a markdown snippet in, the expected key facts out, one group per rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.model import (
    DefaultKind,
    KeyTable,
    Override,
    Range,
    Required,
    RequiredKind,
    Severity,
    ValueType,
)

Read = Callable[[str], KeyTable]


def only(table: KeyTable):  # type: ignore[no-untyped-def]
    assert len(table.keys) == 1, [k.path for k in table.keys]
    return table.keys[0]


# -- key_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("`limits.max_trials`", "limits.max_trials"),
        ("`$schema`", "$schema"),
        ("`search_space.<hyperparameter>`", "search_space.<hyperparameter>"),
        ("name", "name"),
        ("`nvidia.com/gpu`", "nvidia.com/gpu"),
    ],
)
def test_key_cell(read_rows: Read, cell: str, key: str) -> None:
    assert only(read_rows(f"| {cell} | string | Text. | | |")).path == key


def test_malformed_key_is_an_error_with_its_line(read_rows: Read) -> None:
    table = read_rows("| `search space` | string | Text. | | |")
    assert table.keys == []
    (problem,) = table.problems
    assert (problem.code, problem.severity, problem.source.line) == (
        "key-malformed",
        Severity.ERROR,
        5,
    )


# -- value_type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "types"),
    [
        ("string", (ValueType.STRING,)),
        ("const", (ValueType.CONST,)),
        ("integer", (ValueType.INTEGER,)),
        ("float", (ValueType.NUMBER,)),
        ("number", (ValueType.NUMBER,)),
        ("bool", (ValueType.BOOLEAN,)),
        ("boolean", (ValueType.BOOLEAN,)),
        ("object", (ValueType.OBJECT,)),
        ("array", (ValueType.ARRAY,)),
        ("string or object", (ValueType.STRING, ValueType.OBJECT)),
        (
            "number, integer, boolean, string or object",
            (
                ValueType.NUMBER,
                ValueType.INTEGER,
                ValueType.BOOLEAN,
                ValueType.STRING,
                ValueType.OBJECT,
            ),
        ),
    ],
)
def test_type_vocabulary(read_rows: Read, cell: str, types: tuple[ValueType, ...]) -> None:
    spec = only(read_rows(f"| `k` | {cell} | Text. | | |"))
    assert spec.types == types
    assert spec.type_text == cell


def test_unknown_type_word_is_a_warning(read_rows: Read) -> None:
    table = read_rows("| `k` | sring | Text. | | |")
    assert only(table).types == ()
    assert [(p.code, p.severity) for p in table.problems] == [("type-unknown", Severity.WARNING)]


# -- required --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "required", "text"),
    [
        ("**Required.** The type of job.", Required(RequiredKind.YES), "The type of job."),
        ("**Required** The type of job.", Required(RequiredKind.YES), "The type of job."),
        (
            "**Required (if not using `component` field).** The command.",
            Required(RequiredKind.CONDITIONAL, "if not using component field"),
            "The command.",
        ),
        (
            "The slack. **One of `slack_factor` or `slack_amount` is required.**",
            Required(RequiredKind.CONDITIONAL, "One of slack_factor or slack_amount is required"),
            "The slack.",
        ),
        ("Has keys `a` (**required**) and `b`.", Required(), "Has keys `a` (required) and `b`."),
        ("Optional text.", Required(), "Optional text."),
    ],
)
def test_required_marker(read_rows: Read, description: str, required: Required, text: str) -> None:
    spec = only(read_rows(f"| `k` | string | {description} | | |"))
    assert spec.required == required
    assert spec.description == text


# -- cells: <br>, code spans, links ------------------------------------------------------


def test_cell_markup_becomes_plain_text(read_rows: Read) -> None:
    spec = only(
        read_rows(
            "| `k` | string | First line.<br>See [the docs](./x.md#y) for `a`. <Br> - item"
            " <ul><li>one<li>two | | |"
        )
    )
    assert spec.description == "First line.\nSee the docs for `a`.\n- item\n- one\n- two"


# -- allowed_values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_cell", "cell", "allowed"),
    [
        ("string", "`a`, `b`", ("a", "b")),
        ("integer", "0, 1", (0, 1)),
        ("boolean", "`True`, `False`", (True, False)),
        ("string", "mltable", ("mltable",)),
        ("const", "`image_classification`", ("image_classification",)),
        ("string", "`maximize`, `minimize`", ("maximize", "minimize")),
    ],
)
def test_allowed_enumeration(read_rows: Read, type_cell: str, cell: str, allowed: tuple) -> None:  # type: ignore[type-arg]
    assert only(read_rows(f"| `k` | {type_cell} | Text. | {cell} | |")).allowed == allowed


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("A value in the range [0, 1]", Range(0, 1)),
        ("A value in range (0.0, 1.0)", Range(0, 1, True, True)),
        ("[0, 1)", Range(0, 1, False, True)),
        ("`[-1, int.max]`", Range(-1, None)),
        ("> 0", Range(0, None, True)),
    ],
)
def test_allowed_range(read_rows: Read, cell: str, expected: Range) -> None:
    spec = only(read_rows(f"| `k` | float | Text. | {cell} | |"))
    assert spec.range == expected
    assert spec.allowed is None


def test_unreadable_allowed_values_are_reported_not_guessed(read_rows: Read) -> None:
    table = read_rows("| `k` | string | Text. | See appendix for values | |")
    assert only(table).allowed is None
    assert [p.code for p in table.problems] == ["allowed-unreadable"]


# -- default_value -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_cell", "cell", "kind", "value"),
    [
        ("string", "`info`", DefaultKind.LITERAL, "info"),
        ("float", "0.5", DefaultKind.LITERAL, 0.5),
        ("integer", "`1000`", DefaultKind.LITERAL, 1000),
        ("boolean", "False", DefaultKind.LITERAL, False),
        ("float", "1e-4", DefaultKind.LITERAL, 0.0001),
        ("string", "", DefaultKind.NONE, None),
        ("string", "no default", DefaultKind.NONE, None),
        ("integer", "Defaults to `max_total_trials`.", DefaultKind.SYMBOLIC, None),
    ],
)
def test_default_forms(
    read_rows: Read, type_cell: str, cell: str, kind: DefaultKind, value: object
) -> None:
    spec = only(read_rows(f"| `k` | {type_cell} | Text. | | {cell} |"))
    assert (spec.default.kind, spec.default.value) == (kind, value)


def test_symbolic_default_keeps_its_text(read_rows: Read) -> None:
    spec = only(read_rows("| `k` | integer | Text. | | Defaults to `max_total_trials`. |"))
    assert spec.default.text == "Defaults to `max_total_trials`."


def test_per_model_default_override(read_rows: Read) -> None:
    spec = only(read_rows("| `k` | integer | Epochs. | | 15 <br> (except `yolov5`: 30) |"))
    assert spec.default.kind is DefaultKind.LITERAL
    assert spec.default.value == 15
    assert spec.default.overrides == (Override("yolov5", 30),)


def test_per_task_defaults_are_symbolic_with_overrides(read_rows: Read) -> None:
    spec = only(
        read_rows(
            "| `k` | float | Rate. | | Object detection: 0.005 <br>(except `yolov5`: 0.01)"
            " <br><br> Instance segmentation: 0.005 |"
        )
    )
    assert spec.default.kind is DefaultKind.SYMBOLIC
    assert spec.default.overrides == (
        Override("Object detection", 0.005),
        Override("yolov5", 0.01),
        Override("Instance segmentation", 0.005),
    )


def test_default_per_task_sentences(read_rows: Read) -> None:
    spec = only(
        read_rows(
            "| `k` | string | Model. | | - For object detection task, `fasterrcnn_resnet50_fpn`"
            " <br> - For instance segmentation task, `maskrcnn_resnet50_fpn` |"
        )
    )
    assert spec.default.overrides == (
        Override("object detection task", "fasterrcnn_resnet50_fpn"),
        Override("instance segmentation task", "maskrcnn_resnet50_fpn"),
    )


# -- prose_facts (the hyperparameter tables' form) --------------------------------------


def _hyper(write_page, rows: str) -> KeyTable:  # type: ignore[no-untyped-def]
    from generator.docs import DocsReader

    page = write_page(
        "hp.md",
        "## Model agnostic hyperparameters\n\n| Parameter name | Description | Default |\n"
        "| --- | --- | --- |\n" + rows + "\n",
    )
    return DocsReader().read(page)


@pytest.mark.parametrize(
    ("description", "types", "allowed", "range_"),
    [
        ("Epochs. <br> Must be a positive integer.", (ValueType.INTEGER,), None, Range(1)),
        ("Workers. <br> Must be a non-negative integer.", (ValueType.INTEGER,), None, Range(0)),
        ("Rate. <br>Must be a float in the range [0, 1].", (ValueType.NUMBER,), None, Range(0, 1)),
        (
            "Ratio. <br> Must be float in the range of [0, 1)",
            (ValueType.NUMBER,),
            None,
            Range(0, 1, False, True),
        ),
        ("Flag. <br> Must be 0 or 1.", (ValueType.INTEGER,), (0, 1), None),
        ("Loss. <br> - Must be 0 or 1 or 2.", (ValueType.INTEGER,), (0, 1, 2), None),
        (
            "Metric. <br> Must be `none`, `coco`, `voc`, or `coco_voc`.",
            (ValueType.STRING,),
            ("none", "coco", "voc", "coco_voc"),
            None,
        ),
        (
            "Optimizer. <br> Must be either `sgd`, `adam`, `adamw`.",
            (ValueType.STRING,),
            ("sgd", "adam", "adamw"),
            None,
        ),
    ],
)
def test_prose_facts(write_page, description, types, allowed, range_) -> None:  # type: ignore[no-untyped-def]
    spec = only(_hyper(write_page, f"| `k` | {description} | 1 |"))
    assert (spec.types, spec.allowed, spec.range) == (types, allowed, range_)


def test_prose_never_overrides_explicit_cells(read_rows: Read) -> None:
    spec = only(read_rows("| `k` | string | Must be 0 or 1. | `x`, `y` | |"))
    assert spec.types == (ValueType.STRING,)
    assert spec.allowed == ("x", "y")


def test_must_be_positive_uses_the_type_cell(read_rows: Read) -> None:
    spec = only(read_rows("| `k` | integer | Trials. Must be positive. | | |"))
    assert spec.range == Range(1)
    spec = only(read_rows("| `k` | float | Size. Must be positive. | | |"))
    assert spec.range == Range(0, None, True)
