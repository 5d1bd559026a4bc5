"""``python -m generator.oracle [--out FILE]``: judge every document twice, write the report.

Exit 0 when the gate passes, 1 when it fails (an unexplained disagreement, a fixture judged
against its index, or agreement below 99 % on the rest), 2 when the SDK is not installed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.oracle.compare import CLASSES, Outcome, compare, mark_unconfirmed, summarize
from generator.oracle.corpus import CORPUS, REPO, collect
from generator.oracle.report import percent, render
from generator.oracle.setaside import declared_keys, run_sdk
from generator.oracle.verdicts import docgen_verdict, make_validator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.oracle",
        description="docgen validate against azure.ai.ml.load_job, on every fixture and example",
    )
    parser.add_argument("--out", type=Path, help="write the markdown report here")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    args = parser.parse_args(argv)

    from generator.oracle.sdk import Sdk, SdkMissing, versions

    try:
        sdk = Sdk(REPO, [args.corpus])
    except SdkMissing as exc:
        print(f"oracle: {exc}; `nox -s oracle` installs azure-ai-ml==1.35.2", file=sys.stderr)
        return 2
    found = collect(REPO, args.corpus)
    validator = make_validator(REPO)
    declared = declared_keys(REPO / "docs_src" / "schemas")
    outcomes: list[Outcome] = []
    for document in found.documents:
        outcomes.append(
            compare(
                document,
                docgen_verdict(validator, document),
                run_sdk(document, sdk.judge, declared, REPO),
            )
        )
    outcomes = mark_unconfirmed(outcomes)
    summary = summarize(outcomes)
    text = render(outcomes, summary, versions(), found.notes)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    for note in found.notes:
        print(f"oracle: note: {note}", file=sys.stderr)
    for outcome in outcomes:
        if not outcome.agree:
            print(f"oracle: {outcome.document.shown}: {outcome.title}", file=sys.stderr)
    classes = ", ".join(f"{CLASSES[k]}: {n}" for k, n in summary.by_class.items())
    print(
        f"oracle: {summary.documents} documents, {summary.agreements} agree "
        f"({percent(summary.agreement)}), {summary.disagreements} disagree"
        + (f" ({classes})" if classes else "")
        + f"; {percent(summary.rest_agreement)} with the explained ones set aside: "
        + ("pass" if summary.passed else "FAIL"),
        file=sys.stderr,
    )
    return 0 if summary.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
