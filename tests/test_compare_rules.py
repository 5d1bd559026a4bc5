"""The drift rules on hand-built keys: each rule fires on its own disagreement only."""

from __future__ import annotations

import pytest

from generator.compare import compare_tables
from generator.model import (
    REQUIRED,
    Default,
    DefaultKind,
    KeySpec,
    KeyTable,
    Range,
    Required,
    RequiredKind,
    Source,
    ValueType,
    Variant,
)

S, INT, N, C, OBJ = (
    ValueType.STRING,
    ValueType.INTEGER,
    ValueType.NUMBER,
    ValueType.CONST,
    ValueType.OBJECT,
)


def docs(*keys: KeySpec) -> KeyTable:
    return KeyTable(file="page.md", keys=list(keys))


def schema(*keys: KeySpec) -> KeyTable:
    return KeyTable(file="job.schema.json", keys=list(keys), kind="schema")


def d(path: str, line: int = 1, **facts: object) -> KeySpec:
    return KeySpec(path=path, source=Source("page.md", line), **facts)  # type: ignore[arg-type]


def s(path: str, **facts: object) -> KeySpec:
    return KeySpec(
        path=path, source=Source("job.schema.json", pointer=f"/properties/{path}"), **facts
    )  # type: ignore[arg-type]


def lit(value: object) -> Default:
    return Default(DefaultKind.LITERAL, value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ours", "theirs", "rule"),
    [
        (d("k", types=(N,)), s("k", types=(S,)), "type-differs"),
        (d("k", types=(S,), required=REQUIRED), s("k", types=(S,)), "required-differs"),
        (d("k", types=(S,)), s("k", types=(S,), required=REQUIRED), "required-differs"),
        (
            d("k", types=(S,), allowed=("a", "b")),
            s("k", types=(S,), allowed=("a", "c")),
            "allowed-differs",
        ),
        (d("k", types=(S,)), s("k", types=(S,), allowed=("a", "c")), "allowed-differs"),
        (d("k", types=(C,), allowed=("x",)), s("k", types=(S,), allowed=("y",)), "const-differs"),
        (
            d("k", types=(INT,), default=lit(1)),
            s("k", types=(INT,), default=lit(2)),
            "default-differs",
        ),
        (
            d("k", types=(N,), range=Range(0, 1)),
            s("k", types=(N,), range=Range(0, 2)),
            "range-differs",
        ),
    ],
)
def test_each_rule_fires_alone(ours: KeySpec, theirs: KeySpec, rule: str) -> None:
    (finding,) = compare_tables(docs(ours), schema(theirs))
    assert finding.rule == rule
    assert str(finding.docs) == "page.md:1"
    assert str(finding.schema) == "job.schema.json#/properties/k"
    assert finding.message.startswith("`k`: ")


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (d("k", types=(N,)), s("k", types=(N, ValueType.NULL))),  # nullable is not drift
        (d("k"), s("k", types=(S,))),  # docs give no type
        (d("k", required=Required(RequiredKind.CONDITIONAL, "x")), s("k", required=REQUIRED)),
        (d("k", types=(S,), allowed=("A", "b")), s("k", types=(S,), allowed=("a", "B"))),  # case
        (d("k", types=(S,), allowed=("a",)), s("k", types=(S,))),  # docs add values
        (
            d("k", types=(INT,), default=Default(DefaultKind.SYMBOLIC, text="per task")),
            s("k", types=(INT,), default=lit(2)),
        ),
        (d("k", types=(INT,), default=lit(3)), s("k", types=(INT,))),  # schema silent
        (
            d("k", types=(INT,), range=Range(0, None, True)),
            s("k", types=(INT,), range=Range(1)),
        ),  # (0,..)=[1,..)
        (d("k", types=(N,), default=lit(0.1)), s("k", types=(N,), default=lit(0.1000000000001))),
    ],
)
def test_no_finding_where_the_sides_agree_or_one_is_silent(ours: KeySpec, theirs: KeySpec) -> None:
    assert compare_tables(docs(ours), schema(theirs)) == []


def test_missing_keys_on_either_side() -> None:
    findings = compare_tables(
        docs(d("limits", 3, types=(OBJ,)), d("limits.max_trials", 4, types=(INT,)), d("extra", 5)),
        schema(
            s("limits", types=(OBJ,)),
            s("limits.max_trials", types=(INT,)),
            s("limits.timeout_minutes", types=(INT,)),
            s("status", types=(S,), read_only=True),
        ),
    )
    assert [(f.rule, f.path, str(f.docs)) for f in findings] == [
        ("key-not-in-schema", "extra", "page.md:5"),
        ("key-not-documented", "limits.timeout_minutes", "page.md:3"),
    ]


def test_placeholders_and_variant_names_pair_up() -> None:
    ours = d(
        "search_space.<hyperparameter>.type",
        types=(C,),
        allowed=("qlognormal", "qnormal"),
        variants=(Variant("search_space.<hyperparameter>", "qlognormal, qnormal"),),
    )
    theirs = s(
        "search_space.<name>.type",
        types=(S,),
        allowed=("qnormal", "qlognormal"),
        variants=(Variant("search_space.<name>", "qnormal, qlognormal"),),
    )
    assert compare_tables(docs(ours), schema(theirs)) == []


def test_keys_under_an_open_schema_object_are_not_missing() -> None:
    findings = compare_tables(
        docs(d("tags", types=(OBJ,)), d("tags.<name>", types=(S,))), schema(s("tags", types=(OBJ,)))
    )
    assert findings == []
