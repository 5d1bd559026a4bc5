"""``reports/oracle.md``: the counts, every disagreement with its class, the SDK's reruns.

The text depends only on the verdicts: no timestamp, no absolute path, documents in a fixed
order.  :func:`read_table` reads a table back (the tests check the committed report with it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from generator.oracle.compare import (
    CLASSES,
    COERCE,
    ENUM_CASE,
    MIN_AGREEMENT,
    POST_LOAD,
    RANGE,
    UNEXPLAINED,
    Outcome,
    Summary,
)
from generator.oracle.messages import one_line
from generator.oracle.setaside import MISSING_FILES, UNBUILDABLE_KEY
from generator.oracle.verdicts import SdkRun

TITLE = "# Oracle: docgen validate against the Azure ML SDK's load_job"
COMMAND = "python -m generator.oracle --out reports/oracle.md"
COUNTS = "## Counts"
CLASSES_HEADING = "## Disagreements by class"
DISAGREEMENTS = "## Disagreements"
RERUNS = "## The SDK run again, with causes outside the contract set aside"
UNCONFIRMED = "## Agreements that confirm nothing"
NOTES = "## Notes"
CLASS_NOTES = "## How each class is checked"

CLASS_HELP: dict[str, str] = {
    RANGE: "docgen's every issue is a range message (pydantic's `should be greater/less "
    "than`, jsonschema's `minimum`/`maximum`) at a number; for a fixture, its index rule is "
    "`range`. The SDK's schemas declare no ranges and `load_job` checks none.",
    COERCE: "docgen's every issue is an integer/number type message at a value the SDK "
    "converts: a number written as a string, or a float for an integer (`load_job` turns "
    '`"10"`, `10.0` and `10.5` into `10`). For a fixture, its index rule is `type`.',
    ENUM_CASE: "docgen's every issue names allowed values, and the value equals one of them "
    "but for letter case. For a fixture, its index rule is `enum`.",
    POST_LOAD: "docgen accepts; the SDK's marshmallow schema loads the document, then its "
    "entity code fails on a missing key (`KeyError: 'training_data'`, `TypeError: ... missing "
    "1 required keyword-only argument: 'sampling_algorithm'`).",
    MISSING_FILES: "docgen accepts; the SDK fails on a local path that is not on disk, and "
    "accepts the document once it is left out (in a temporary copy). For a pipeline node's "
    "component, whose `code:` folder the corpus lacks (it copies the examples without "
    "`components/src`), the node is left out (docgen notes that it could not check that "
    "code); for any other key (a fixture's made-up `path_on_compute`, which `load_job` looks "
    "for on the local disk), the key is. Whether a file exists is not a fact of the contract.",
    UNBUILDABLE_KEY: "docgen accepts; the SDK fails with `X.__init__() got an unexpected "
    "keyword argument 'k'` where `k` is declared in the SDK's own exported schemas "
    "(`docs_src/schemas/`), and accepts the document once every `k` is removed (in a "
    "temporary copy). The SDK's schema and its classes disagree; docgen follows the schema.",
    UNEXPLAINED: "no class fits: a docgen or SDK difference to look into. It fails the session.",
}


def cell(text: str) -> str:
    """``text`` as one markdown table cell."""
    return one_line(text, 600).replace("\\", "\\\\").replace("|", "\\|")


def percent(value: float) -> str:
    return f"{value * 100:.1f} %"


def render(
    outcomes: Sequence[Outcome],
    summary: Summary,
    versions: Mapping[str, str],
    notes: Sequence[str] = (),
) -> str:
    lines: list[str] = [
        TITLE,
        "",
        f"<!-- Written by `nox -s oracle` (`{COMMAND}`); do not edit by hand. -->",
        "",
        "Every document below is judged twice:",
        "",
        "- **docgen**: `docgen validate`, in process. Valid iff it reports no issue; a file it "
        "cannot read counts as rejected.",
        "- **SDK**: `azure.ai.ml.load_job(path)`, then `job._to_rest_object()`, offline (no "
        "workspace, no credentials). Any exception is a rejection. "
        + ", ".join(f"`{name}=={version}`" for name, version in versions.items())
        + ".",
        "",
        "Where the SDK's rejection comes from something outside the contract (local files "
        "that are not on disk, a key its own schema declares but its classes cannot take), "
        "the document is loaded again from a temporary copy with that part set aside. When the "
        "SDK rejected a document only for such a part, agreeing with docgen's rejection would "
        "be an accident, so it counts as a disagreement, classed by docgen's reason.",
        "",
        "For a pipeline node, the SDK's message often names the wrong schema (the last "
        "alternative of its node union, e.g. `not in set ['classification']` for an image "
        "task); its verdict is what counts.",
        "",
        f"Command: `nox -s oracle` (it runs `{COMMAND}`).",
        "",
        f"Result: **{'pass' if summary.passed else 'FAIL'}**. "
        f"The gate: no unexplained disagreement, every fixture judged as its index says, and "
        f"at least {MIN_AGREEMENT * 100:.0f} % agreement once the explained disagreements "
        "are set aside.",
        "",
        COUNTS,
        "",
        "| documents | count | agreements | disagreements |",
        "| --- | ---: | ---: | ---: |",
    ]
    for group, (seen, agreed) in summary.by_group.items():
        lines.append(f"| {group} | {seen} | {agreed} | {seen - agreed} |")
    lines += [
        f"| **all** | **{summary.documents}** | **{summary.agreements}** | "
        f"**{summary.disagreements}** |",
        "",
        f"Agreement: {summary.agreements} of {summary.documents} documents "
        f"({percent(summary.agreement)}). With the {summary.explained} explained disagreements "
        f"set aside: {summary.agreements} of {summary.rest} ({percent(summary.rest_agreement)}).",
        "",
    ]
    if summary.unconfirmed:
        lines += [
            f"{summary.unconfirmed} of the agreements confirm nothing: the SDK rejects those "
            "documents exactly as it rejects one docgen accepts (see "
            f"[below](#{_anchor(UNCONFIRMED)})).",
            "",
        ]
    lines += [
        CLASSES_HEADING,
        "",
        "| class | disagreements |",
        "| --- | ---: |",
    ]
    for klass, count in summary.by_class.items():
        lines.append(f"| {CLASSES[klass]} | {count} |")
    if not summary.by_class:
        lines.append("| (none) | 0 |")
    lines += [
        "",
        DISAGREEMENTS,
        "",
        "| # | document | docgen | SDK | class | evidence |",
        "| ---: | --- | --- | --- | --- | --- |",
    ]
    disagreements = [o for o in outcomes if not o.agree]
    for number, outcome in enumerate(disagreements, 1):
        lines.append(
            "| "
            + " | ".join(
                [
                    str(number),
                    f"`{cell(outcome.document.shown)}`",
                    cell(outcome.docgen.summary),
                    cell(_sdk_text(outcome.sdk)),
                    cell(outcome.title),
                    cell(outcome.why),
                ]
            )
            + " |"
        )
    if not disagreements:
        lines.append("| | (none) | | | | |")
    reruns = [o for o in outcomes if o.sdk.causes]
    lines += [
        "",
        RERUNS,
        "",
        "| document | set aside | SDK as is | SDK on the rest | outcome |",
        "| --- | --- | --- | --- | --- |",
    ]
    for outcome in reruns:
        rest = outcome.sdk.rerun.summary if outcome.sdk.rerun is not None else "(not run)"
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{cell(outcome.document.shown)}`",
                    cell(", ".join(c.text for c in outcome.sdk.causes)),
                    cell(outcome.sdk.as_is.summary),
                    cell(rest),
                    "agreement" if outcome.agree else cell(outcome.title),
                ]
            )
            + " |"
        )
    if not reruns:
        lines.append("| (none) | | | | |")
    unconfirmed = [o for o in outcomes if o.unconfirmed]
    if unconfirmed:
        lines += [
            "",
            UNCONFIRMED,
            "",
            "| document | docgen | SDK | why it confirms nothing |",
            "| --- | --- | --- | --- |",
        ]
        for outcome in unconfirmed:
            lines.append(
                "| "
                + " | ".join(
                    [
                        f"`{cell(outcome.document.shown)}`",
                        cell(outcome.docgen.summary),
                        cell(_sdk_text(outcome.sdk)),
                        cell(outcome.why),
                    ]
                )
                + " |"
            )
    all_notes = [*notes, *_mismatch_notes(summary)]
    if all_notes:
        lines += ["", NOTES, ""]
        lines += [f"- {note}" for note in all_notes]
    lines += ["", CLASS_NOTES, ""]
    for klass, title in CLASSES.items():
        lines.append(f"- **{title}** (`{klass}`): {CLASS_HELP[klass]}")
    lines.append("")
    return "\n".join(lines)


def _sdk_text(sdk: SdkRun) -> str:
    text = sdk.as_is.summary
    if sdk.rerun is not None:
        text += f"; with {len(sdk.causes)} cause(s) set aside: {sdk.rerun.summary}"
    return text


def _anchor(heading: str) -> str:
    return re.sub(r"[^a-z0-9 -]", "", heading.lstrip("# ").lower()).replace(" ", "-")


def _mismatch_notes(summary: Summary) -> list[str]:
    return [
        f"`{o.document.shown}`: index.json expects {o.document.expect}, docgen says "
        f"{o.docgen.summary}"
        for o in summary.fixture_mismatches
    ]


UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def read_table(text: str, heading: str) -> list[list[str]]:
    """The body rows of the first table under ``heading``, as cells."""
    lines = text.splitlines()
    try:
        start = lines.index(heading)
    except ValueError:
        return []
    rows: list[list[str]] = []
    started = False
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            if started:
                break
            continue
        started = True
        cells = [c.strip().replace("\\|", "|") for c in UNESCAPED_PIPE.split(line.strip())[1:-1]]
        rows.append(cells)
    return rows[2:]  # header and delimiter rows


__all__ = ["CLASS_HELP", "COMMAND", "UNEXPLAINED", "cell", "read_table", "render"]
