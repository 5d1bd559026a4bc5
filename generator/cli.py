"""The ``docgen`` command line: a thin layer over the readers, checkers and emitters.

Exit codes (one place decides them): 0 ok, 1 findings / invalid / stale,
2 usage error or unreadable input.  Errors print as one ``file:line: message``
line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.baseline import apply_baseline, load_baseline, write_baseline
from generator.errors import DocgenError, InputError, UsageError
from generator.key_listing import render_json, render_text
from generator.model import KeyTable, Problem, Severity, Source
from generator.reporters import REPORTERS, get_reporter

# Each command imports the readers and emitters it uses when it runs (the emitters bring
# black and datamodel-code-generator, the readers markdown-it and referencing), so that
# `docgen validate` and `docgen check` do not pay for the others' imports at start-up.

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


def default_docs_dir() -> Path:
    """``docs_src/`` of the checkout this package runs from, else of the working directory."""
    beside_package = Path(__file__).resolve().parent.parent / "docs_src"
    return beside_package if beside_package.is_dir() else Path("docs_src")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docgen",
        description=(
            "Read the Azure ML CLI (v2) job YAML reference (markdown pages and JSON schemas) "
            "into one key model."
        ),
        epilog="Exit codes: 0 ok, 1 findings, 2 usage error or unreadable input.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parse = commands.add_parser(
        "parse",
        help="print the resolved key table of reference pages and JSON schemas",
        description=(
            "Print every key of each reference page (*.md) with its file:line, after following "
            "includes, links to nested tables and page inheritance; and every key of each JSON "
            "schema (*.json) with its file and JSON pointer, after following $refs. A directory "
            "means every page and schema under it. Problems go to stderr; exit 2 if any is an "
            "error."
        ),
    )
    parse.add_argument(
        "paths", nargs="+", metavar="PATH", help="a page, a schema, or a folder of them"
    )
    parse.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format (table)"
    )
    parse.add_argument(
        "--docs",
        type=Path,
        default=None,
        metavar="DIR",
        help="also look here, by file name, for pages that the pages link to (default: docs_src/)",
    )
    check_cmd = commands.add_parser(
        "check",
        help="compare the reference pages with their JSON schemas (the docs-drift check)",
        description=(
            "Pair every page under --docs with the schema it names in --schemas, and report "
            "each disagreement (missing key on either side, type, required, allowed values, "
            "default, range, constant) with the docs file:line, the schema file and JSON "
            "pointer, and a rule id. Findings listed in the baseline file are accepted; "
            "baseline entries that match no finding are stale. Paths are shown relative to "
            "the folder that holds the docs folder. Exit 0 clean, 1 findings or stale "
            "baseline entries, 2 unreadable input."
        ),
    )
    _add_input_options(check_cmd)
    check_cmd.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="report format (text); github prints workflow annotations, sarif SARIF 2.1.0",
    )
    check_cmd.add_argument(
        "--output", type=Path, metavar="FILE", help="write the report here instead of stdout"
    )
    check_cmd.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="accepted findings, one per line with a reason (default: <docs>/drift-baseline.txt)",
    )
    check_cmd.add_argument(
        "--update-baseline",
        action="store_true",
        help="rewrite the baseline to accept every current finding (keeps existing reasons; "
        "new entries get a TODO reason to fill in) and exit 0",
    )
    generate_cmd = commands.add_parser(
        "generate",
        help="emit the merged schemas, typed models, YAML skeletons and test fixtures",
        description=(
            "Turn every documented job (a page under --docs naming a schema in --schemas) into "
            "generated/: the merged contract (schemas/), pydantic models (models/), YAML "
            "skeletons (skeletons/) and valid/invalid fixtures (fixtures/). Everything is built "
            "in a staging folder and swapped in whole, so --out is never half-written. With "
            "--check nothing is written: exit 1 when --out differs from what would be generated."
        ),
    )
    _add_input_options(generate_cmd)
    generate_cmd.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="the output package (default: generated/ beside docs_src/)",
    )
    generate_cmd.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if --out is stale"
    )
    generate_cmd.add_argument(
        "--diff", action="store_true", help="with --check (implied): print a unified diff"
    )
    generate_cmd.add_argument(
        "--force",
        action="store_true",
        help="regenerate even when generated/.stamp.json shows nothing changed",
    )
    validate_cmd = commands.add_parser(
        "validate",
        help="check job YAML files with the generated models",
        description=(
            "Check each job YAML file: an automl job by the generated model of its task, a "
            "pipeline job key by key and node by node (automl nodes by the same models, with "
            "their ${{parent...}} bindings checked). Every problem prints as "
            "file:line:col: key.path: message. Exit 0 all valid, 1 any invalid, 2 a file "
            "that cannot be read (YAML syntax, unsafe tags, alias bombs, encoding)."
        ),
    )
    validate_cmd.add_argument("files", nargs="+", metavar="FILE", help="job YAML files")
    _add_input_options(validate_cmd)
    validate_cmd.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    return parser


def _add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--docs",
        type=Path,
        default=None,
        metavar="DIR",
        help="reference pages, found recursively (default: docs_src/)",
    )
    command.add_argument(
        "--schemas",
        type=Path,
        default=None,
        metavar="DIR",
        help="JSON schemas (default: <docs>/schemas/)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "parse":
            return run_parse(args.paths, args.format, args.docs)
        if args.command == "check":
            return run_check(args)
        if args.command == "generate":
            return run_generate(args)
        if args.command == "validate":
            return run_validate(args)
    except DocgenError as exc:
        print(f"docgen: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    parser.error(f"unknown command {args.command}")
    return EXIT_INPUT  # pragma: no cover - parser.error exits


def _expand_paths(paths: Sequence[str]) -> list[Path]:
    from generator.docs import find_pages

    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(find_pages(path))
            found.extend(sorted(path.rglob("*.json")))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError("no such file or directory", file=name)
    return found


def run_parse(paths: Sequence[str], fmt: str, docs: Path | None) -> int:
    from generator.docs import DocsReader

    files = _expand_paths(paths)
    search = [docs if docs is not None else default_docs_dir()]
    search += sorted({p.parent for p in files})
    reader = DocsReader(search=[s for s in search if s.is_dir()])
    tables: list[KeyTable] = [
        _read_schema(path, reader.display(path)) if path.suffix == ".json" else reader.read(path)
        for path in files
    ]
    out = render_json(tables) if fmt == "json" else render_text(tables)
    sys.stdout.write(out)
    return report_problems([p for table in tables for p in table.problems])


def _read_schema(path: Path, display: str) -> KeyTable:
    """A schema's table; a schema that cannot be read is a table holding that one error."""
    from generator.schema_reader import read_schema

    try:
        return read_schema(path, display)
    except InputError as exc:
        source = Source(exc.file or display, exc.line, pointer=exc.pointer)
        return KeyTable(
            file=display,
            kind="schema",
            problems=[Problem(source, "unreadable", exc.message, Severity.ERROR)],
        )


def _docs_dirs(args: argparse.Namespace) -> tuple[Path, Path]:
    docs: Path = args.docs if args.docs is not None else default_docs_dir()
    schemas: Path = args.schemas if args.schemas is not None else docs / "schemas"
    if not docs.is_dir():
        raise UsageError("the docs folder does not exist", file=str(docs))
    if not schemas.is_dir():
        raise UsageError("the schemas folder does not exist", file=str(schemas))
    return docs, schemas


def run_check(args: argparse.Namespace) -> int:
    from generator.compare import check
    from generator.docs import DocsReader

    docs, schemas = _docs_dirs(args)
    reader = DocsReader(search=[docs], display_root=docs.resolve().parent)
    result = check(docs, schemas, reader)
    baseline_path: Path = (
        args.baseline if args.baseline is not None else docs / "drift-baseline.txt"
    )
    baseline_shown = reader.display(baseline_path)
    entries = load_baseline(baseline_path, baseline_shown)
    if args.update_baseline:
        write_baseline(baseline_path, result.findings, entries)
        print(f"docgen: wrote {len(result.findings)} entries to {baseline_shown}", file=sys.stderr)
        return report_problems(result.problems)
    result.findings, result.accepted, result.stale = apply_baseline(result.findings, entries)
    report = get_reporter(args.format).render(result)
    if args.output is not None:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    input_status = report_problems(result.problems)
    if input_status:
        return input_status
    return EXIT_FINDINGS if result.failed else EXIT_OK


def run_generate(args: argparse.Namespace) -> int:
    from generator.docs import DocsReader
    from generator.emit.generate import FIX_COMMAND, generate

    docs, schemas = _docs_dirs(args)
    out: Path = args.out if args.out is not None else docs.resolve().parent / "generated"
    reader = DocsReader(search=[docs], display_root=docs.resolve().parent)
    check_only = args.check or args.diff
    report = generate(docs, schemas, out, reader, check=check_only, force=args.force)
    shown = reader.display(out)
    if report.unchanged:
        print(
            f"{shown} is up to date: no input, tool or docgen file changed ({report.seconds:.2f}s)"
        )
        return EXIT_OK
    if check_only:
        assert report.diff is not None
        if args.diff:
            sys.stdout.write(report.diff_text)
        if report.diff.stale:
            print(
                f"docgen: {shown} is stale: {report.diff.count} files differ "
                f"({len(report.diff.changed)} changed, {len(report.diff.added)} missing, "
                f"{len(report.diff.removed)} extra); run `{FIX_COMMAND}`",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        print(f"docgen: {shown} is up to date", file=sys.stderr)
        return EXIT_OK
    for group, count in report.groups:
        print(f"{group}: {count} files")
    print(f"wrote {shown} in {report.seconds:.1f}s")
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    from generator.validate import Validator  # imports the generated models

    docs, schemas = _docs_dirs(args)
    validator = Validator(schemas, docs.resolve().parent / "generated" / "schemas")
    results = []
    unreadable: list[str] = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise UsageError("no such file", file=name)
        try:
            results.append(validator.validate(path, name))
        except DocgenError as exc:
            unreadable.append(str(exc))
    if args.format == "json":
        payload = [
            {
                "file": r.file,
                "kind": r.kind,
                "valid": r.valid,
                "issues": [vars(i) for i in r.issues],
                "notes": r.notes,
            }
            for r in results
        ]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        for result in results:
            for issue in result.issues:
                print(issue)
            for note in result.notes:
                print(f"{result.file}: note: {note}")
    for line in unreadable:
        print(f"docgen: {line}", file=sys.stderr)
    if args.format != "json" and results:
        invalid = sum(not r.valid for r in results)
        print(f"{len(results) - invalid} valid, {invalid} invalid", file=sys.stderr)
    if unreadable:
        return EXIT_INPUT
    return EXIT_FINDINGS if any(not r.valid for r in results) else EXIT_OK


def report_problems(problems: list[Problem]) -> int:
    """Print each distinct problem once to stderr; the exit code they call for."""
    seen: dict[str, None] = {}
    worst = EXIT_OK
    for problem in problems:
        seen.setdefault(str(problem), None)
        if problem.severity is Severity.ERROR:
            worst = EXIT_INPUT
    for line in seen:
        print(line, file=sys.stderr)
    return worst
