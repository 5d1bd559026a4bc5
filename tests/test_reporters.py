"""Reporters: exact output for small hand-made results, determinism, escaping, valid SARIF."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.errors import UsageError
from generator.findings import RULES, BaselineEntry, CheckResult, Finding, Pair, Rule
from generator.model import Problem, Severity, Source
from generator.reporters import REPORTERS, STALE_RULE, get_reporter
from generator.reporters.github import escape_data, escape_property

FIXTURES = Path(__file__).parent / "fixtures" / "reporters"
SARIF_SCHEMA = FIXTURES / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"

DOC = "docs_src/reference/image-classification.md"
SCH = "docs_src/schemas/autoMLImageClassificationJob.json"
BASE = "docs_src/drift-baseline.txt"

BOTH = Finding(
    rule="type-differs",
    path="training_parameters.learning_rate",
    message="`training_parameters.learning_rate`: the docs say number, the schema says string",
    docs=Source(DOC, 40),
    schema=Source(SCH, pointer="/definitions/ImageModelSettings/properties/learning_rate"),
)
DOCS_ONLY = Finding(
    rule="key-not-in-schema",
    path="limits.timeout_minutes",
    message="the docs document `limits.timeout_minutes`, but the schema has no such key",
    docs=Source(DOC, 12),
)
SCHEMA_ONLY = Finding(
    rule="key-not-documented",
    path="resources",
    message="the schema has `resources`, but the docs do not document it",
    schema=Source(SCH, pointer="/properties/resources"),
)
# A message with everything that needs escaping somewhere: % : , line breaks, quotes, braces.
TRICKY = Finding(
    rule="default-differs",
    path="sweep.early_termination.slack_factor",
    message="default: docs \"10%, then 20%\"\r\nschema: '{5}'",
    docs=Source(DOC, 88),
    schema=Source(SCH, 7, pointer="/definitions/Bandit/properties/slack_factor"),
    variant="sweep.early_termination=bandit",
)
ACCEPTED = Finding(
    rule="required-differs",
    path="task",
    message="`task`: the docs say required, the schema does not",
    docs=Source(DOC, 20),
    schema=Source(SCH, pointer="/properties/task"),
)
ENTRY = BaselineEntry(ACCEPTED.fingerprint, "the service fills it in", 9, BASE)
STALE = BaselineEntry(f"range-differs {DOC} limits.max_trials", "fixed upstream", 12, BASE)


def full_result() -> CheckResult:
    return CheckResult(
        findings=[TRICKY, SCHEMA_ONLY, BOTH, DOCS_ONLY],
        accepted=[(ACCEPTED, ENTRY)],
        stale=[STALE],
        pairs=[Pair(DOC, SCH)],
    )


def shuffled(result: CheckResult, seed: int) -> CheckResult:
    rng = random.Random(seed)

    def mix(items: list[Any]) -> list[Any]:
        items = list(items)
        rng.shuffle(items)
        return items

    return CheckResult(
        findings=mix(result.findings),
        accepted=mix(result.accepted),
        stale=mix(result.stale),
        pairs=mix(result.pairs),
        problems=mix(result.problems),
    )


# --------------------------------------------------------------------------- registry


def test_registry_names_every_format() -> None:
    assert sorted(REPORTERS) == ["github", "json", "sarif", "text"]
    for name, cls in REPORTERS.items():
        assert cls.name == name
        assert isinstance(get_reporter(name), cls)


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        get_reporter("xml")
    assert (
        str(caught.value) == "unknown report format 'xml' (choose from github, json, sarif, text)"
    )
    assert caught.value.exit_code == 2


# --------------------------------------------------------------------------- text


def test_text_exact() -> None:
    assert get_reporter("text").render(full_result()) == (
        f"== {DOC} (3 findings)\n"
        f"{DOC}:12: key-not-in-schema: the docs document `limits.timeout_minutes`, but the schema has no such key\n"
        f"{DOC}:40: type-differs: `training_parameters.learning_rate`: the docs say number, the schema says string\n"
        f"  schema: {SCH}#/definitions/ImageModelSettings/properties/learning_rate\n"
        f"{DOC}:88: default-differs: default: docs \"10%, then 20%\" schema: '{{5}}'\n"
        "  variant: sweep.early_termination=bandit\n"
        f"  schema: {SCH}#/definitions/Bandit/properties/slack_factor\n"
        "\n"
        f"== {SCH} (1 finding)\n"
        f"{SCH}: key-not-documented: the schema has `resources`, but the docs do not document it\n"
        f"  schema: {SCH}#/properties/resources\n"
        "\n"
        f"1 finding accepted by the baseline ({BASE})\n"
        f"{BASE}:12: stale: range-differs {DOC} limits.max_trials (matches no finding)\n"
        "4 findings (1 accepted by the baseline), 1 stale baseline entry, 1 page checked\n"
    )


def test_text_clean_result_is_the_summary_alone() -> None:
    result = CheckResult(pairs=[Pair(DOC, SCH), Pair("docs_src/reference/b.md", SCH)])
    assert get_reporter("text").render(result) == (
        "0 findings (0 accepted by the baseline), 0 stale baseline entries, 2 pages checked\n"
    )


def test_text_counts_a_page_checked_against_two_schemas_once() -> None:
    result = CheckResult(pairs=[Pair(DOC, SCH), Pair(DOC, "other.json")])
    assert get_reporter("text").render(result).endswith(", 1 page checked\n")


# --------------------------------------------------------------------------- json


def test_json_exact() -> None:
    result = CheckResult(
        findings=[SCHEMA_ONLY, TRICKY],
        accepted=[(ACCEPTED, ENTRY)],
        stale=[STALE],
        pairs=[Pair(DOC, SCH)],
        problems=[Problem(Source(DOC, 3), "table-row-cells", "row has 4 cells", Severity.WARNING)],
    )
    expected = {
        "findings": [
            {
                "rule": "default-differs",
                "severity": "error",
                "path": "sweep.early_termination.slack_factor",
                "variant": "sweep.early_termination=bandit",
                "message": "default: docs \"10%, then 20%\"\r\nschema: '{5}'",
                "docs": {"file": DOC, "line": 88},
                "schema": {
                    "file": SCH,
                    "pointer": "/definitions/Bandit/properties/slack_factor",
                    "line": 7,
                },
                "fingerprint": f"default-differs {DOC} sweep.early_termination.slack_factor"
                " [sweep.early_termination=bandit]",
            },
            {
                "rule": "key-not-documented",
                "severity": "error",
                "path": "resources",
                "variant": "",
                "message": "the schema has `resources`, but the docs do not document it",
                "docs": None,
                "schema": {"file": SCH, "pointer": "/properties/resources", "line": None},
                "fingerprint": f"key-not-documented {SCH} resources",
            },
        ],
        "accepted": [
            {
                "finding": {
                    "rule": "required-differs",
                    "severity": "error",
                    "path": "task",
                    "variant": "",
                    "message": "`task`: the docs say required, the schema does not",
                    "docs": {"file": DOC, "line": 20},
                    "schema": {"file": SCH, "pointer": "/properties/task", "line": None},
                    "fingerprint": f"required-differs {DOC} task",
                },
                "baseline": {
                    "fingerprint": f"required-differs {DOC} task",
                    "reason": "the service fills it in",
                    "file": BASE,
                    "line": 9,
                },
            }
        ],
        "stale": [
            {
                "fingerprint": f"range-differs {DOC} limits.max_trials",
                "reason": "fixed upstream",
                "file": BASE,
                "line": 12,
            }
        ],
        "pairs": [{"docs": DOC, "schema": SCH}],
        "problems": [
            {
                "file": DOC,
                "line": 3,
                "pointer": None,
                "severity": "warning",
                "code": "table-row-cells",
                "message": "row has 4 cells",
            }
        ],
        "summary": {
            "findings": 2,
            "accepted": 1,
            "stale": 1,
            "pages": 1,
            "pairs": 1,
            "problems": 1,
            "failed": True,
        },
    }
    out = get_reporter("json").render(result)
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(out) == expected


# --------------------------------------------------------------------------- github


def test_github_escaping_rules() -> None:
    assert escape_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_exact() -> None:
    assert get_reporter("github").render(full_result()) == (
        f"::error file={DOC},line=12,title=key-not-in-schema::the docs document `limits.timeout_minutes`, but the schema has no such key\n"
        f"::error file={DOC},line=40,title=type-differs::`training_parameters.learning_rate`: the docs say number, the schema says string%0Aschema: {SCH}#/definitions/ImageModelSettings/properties/learning_rate\n"
        f"::error file={DOC},line=88,title=default-differs::default: docs \"10%25, then 20%25\"%0D%0Aschema: '{{5}}'%0Avariant: sweep.early_termination=bandit%0Aschema: {SCH}#/definitions/Bandit/properties/slack_factor\n"
        f"::error file={SCH},title=key-not-documented::the schema has `resources`, but the docs do not document it%0Aschema: {SCH}#/properties/resources\n"
        f"::error file={BASE},line=12,title=baseline-stale::stale baseline entry: range-differs {DOC} limits.max_trials (matches no finding)\n"
        "4 findings (1 accepted by the baseline), 1 stale baseline entry, 1 page checked\n"
    )


def test_github_escapes_properties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RULES, "odd:rule,x", Rule("odd:rule,x", "Odd", Severity.WARNING))
    finding = Finding("odd:rule,x", "k", "m", docs=Source("a:b,c%.md", 3))
    out = get_reporter("github").render(CheckResult(findings=[finding]))
    assert out.splitlines()[0] == "::warning file=a%3Ab%2Cc%25.md,line=3,title=odd%3Arule%2Cx::m"


def test_github_warning_severity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(RULES, "page-note", Rule("page-note", "A note", Severity.WARNING))
    finding = Finding("page-note", "k", "just so", docs=Source(DOC, 5))
    out = get_reporter("github").render(CheckResult(findings=[finding]))
    assert out.splitlines()[0] == f"::warning file={DOC},line=5,title=page-note::just so"


# --------------------------------------------------------------------------- sarif


def _rules_json() -> list[dict[str, Any]]:
    return [
        {
            "id": rule.id,
            "shortDescription": {"text": rule.title},
            "defaultConfiguration": {"level": str(rule.severity)},
        }
        for rule in [*RULES.values(), STALE_RULE]
    ]


def _loc(file: str, line: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": file, "uriBaseId": "SRCROOT"}}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def test_sarif_exact() -> None:
    result = CheckResult(findings=[TRICKY, SCHEMA_ONLY], stale=[STALE], pairs=[Pair(DOC, SCH)])
    index = list(RULES).index
    expected = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "docgen",
                        "informationUri": "https://learn.microsoft.com/azure/machine-learning/reference-yaml-overview",
                        "rules": _rules_json(),
                    }
                },
                "results": [
                    {
                        "ruleId": "default-differs",
                        "ruleIndex": index("default-differs"),
                        "level": "error",
                        "message": {"text": "default: docs \"10%, then 20%\"\r\nschema: '{{5}}'"},
                        "locations": [_loc(DOC, 88)],
                        "relatedLocations": [
                            {
                                "id": 1,
                                **_loc(SCH, 7),
                                "message": {
                                    "text": f"schema: {SCH}#/definitions/Bandit/properties/slack_factor"
                                },
                            }
                        ],
                        "partialFingerprints": {"docgen/v1": TRICKY.fingerprint},
                        "properties": {
                            "path": "sweep.early_termination.slack_factor",
                            "variant": "sweep.early_termination=bandit",
                            "schemaPointer": "/definitions/Bandit/properties/slack_factor",
                        },
                    },
                    {
                        "ruleId": "key-not-documented",
                        "ruleIndex": index("key-not-documented"),
                        "level": "error",
                        "message": {"text": SCHEMA_ONLY.message},
                        "locations": [
                            {
                                **_loc(SCH),
                                "message": {"text": f"schema: {SCH}#/properties/resources"},
                            }
                        ],
                        "partialFingerprints": {"docgen/v1": f"key-not-documented {SCH} resources"},
                        "properties": {
                            "path": "resources",
                            "schemaPointer": "/properties/resources",
                        },
                    },
                    {
                        "ruleId": "baseline-stale",
                        "ruleIndex": len(RULES),
                        "level": "error",
                        "message": {
                            "text": f"stale baseline entry: {STALE.fingerprint} (matches no finding)"
                        },
                        "locations": [_loc(BASE, 12)],
                        "partialFingerprints": {"docgen/v1": f"baseline-stale {STALE.fingerprint}"},
                        "properties": {"reason": "fixed upstream"},
                    },
                ],
            }
        ],
    }
    out = get_reporter("sarif").render(result)
    assert out == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"


def test_sarif_accepted_findings_are_suppressed_results() -> None:
    log = json.loads(get_reporter("sarif").render(full_result()))
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["ruleId"] == "required-differs"
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "the service fills it in",
            "location": _loc(BASE, 9),
        }
    ]


def test_sarif_rule_index_points_at_the_rule() -> None:
    log = json.loads(get_reporter("sarif").render(full_result()))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_uris_are_relative_and_encoded() -> None:
    finding = Finding("key-not-in-schema", "k", "m", docs=Source("docs src\\ref #1.md", 2))
    log = json.loads(get_reporter("sarif").render(CheckResult(findings=[finding])))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "docs%20src/ref%20%231.md",
        "uriBaseId": "SRCROOT",
    }


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    data = SARIF_SCHEMA.read_bytes()
    # The vendored file is the OASIS text, unchanged (see fixtures/reporters/README.md).
    assert hashlib.sha256(data).hexdigest() == SARIF_SCHEMA_SHA256
    schema = json.loads(data)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _warning_result(monkeypatch: pytest.MonkeyPatch) -> CheckResult:
    monkeypatch.setitem(RULES, "page-note", Rule("page-note", "A note", Severity.WARNING))
    result = full_result()
    result.findings.append(Finding("page-note", "k", "n", docs=Source(DOC)))
    return result


@pytest.mark.parametrize("which", ["full", "empty", "warning"])
def test_sarif_validates_against_the_official_schema(
    which: str, sarif_validator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    if which == "full":
        result = full_result()
    elif which == "empty":
        result = CheckResult()
    else:
        result = _warning_result(monkeypatch)
    log = json.loads(get_reporter("sarif").render(result))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in sarif_validator.iter_errors(log)]
    assert errors == []


def test_the_sarif_schema_rejects_a_broken_log(
    sarif_validator: Any,
) -> None:
    """The validation above is not vacuous: the schema does catch a bad level or a lost field."""
    log = json.loads(get_reporter("sarif").render(full_result()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) == 2


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_output_is_deterministic(name: str) -> None:
    result = full_result()
    result.pairs.append(Pair("docs_src/reference/b.md", SCH))
    result.stale.append(BaselineEntry(f"range-differs {DOC} limits.a", "r", 3, BASE))
    result.problems.extend(
        [Problem(Source(DOC, 9), "b-code", "second"), Problem(Source(DOC, 9), "a-code", "first")]
    )
    reporter = get_reporter(name)
    first = reporter.render(result)
    for seed in range(5):
        assert reporter.render(shuffled(result, seed)) == first


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_output_holds_no_absolute_path(name: str) -> None:
    out = get_reporter(name).render(full_result())
    assert str(Path.cwd()) not in out
    assert "file://" not in out
