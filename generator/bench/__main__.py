"""``python -m generator.bench [--runs N] [--only B1,B3] [--no-write] [--profile STEP]``."""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import generator
from generator.bench.cases import BENCHES, Context, b4_documents
from generator.bench.machine import machine, tool_versions
from generator.bench.report import Report, render_report, replace_block
from generator.bench.timing import BenchError

ROOT = Path(generator.__file__).resolve().parent.parent


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each thing (7)")
    parser.add_argument(
        "--only", default=",".join(BENCHES), help="benchmarks to run, comma-separated (all)"
    )
    parser.add_argument(
        "--output", type=Path, default=ROOT / "BENCHMARKS.md", help="the file to update"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=ROOT.parent / "shared" / "corpus",
        help="the shared corpus (default: ../shared/corpus beside the checkout)",
    )
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument(
        "--module",
        action="store_true",
        help="run docgen as `python -m generator` from the checkout, not as the environment's "
        "`docgen` script (to measure another checkout, such as a worktree of an older commit)",
    )
    parser.add_argument(
        "--profile",
        choices=sorted(BENCHES),
        help="run this step once in-process under cProfile and print the top functions",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    corpus: Path = args.corpus
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        report = Report(machine(), tool_versions(), runs=args.runs)
        ctx = Context(ROOT, Path(tmp), args.runs, report, corpus if corpus.is_dir() else None)
        if args.module:
            ctx.docgen = (sys.executable, "-m", "generator")
        if ctx.corpus is None:
            report.notes.append(f"The shared corpus ({corpus}) is absent: its runs are skipped.")
        if args.profile:
            return profile(ctx, args.profile)
        chosen = [name.strip().upper() for name in args.only.split(",") if name.strip()]
        unknown = [name for name in chosen if name not in BENCHES]
        if unknown:
            print(f"unknown benchmark {', '.join(unknown)}", file=sys.stderr)
            return 2
        for name in chosen:
            print(f"bench: {name} ...", file=sys.stderr, flush=True)
            try:
                BENCHES[name](ctx)
            except BenchError as exc:
                print(f"bench: {name} failed: {exc}", file=sys.stderr)
                return 1
    report.notes.append(
        "docgen ran as "
        + (
            "`docgen`, the environment's script"
            if len(ctx.docgen) == 1
            else "`python -m generator`"
        )
        + "; every command ran from the checkout, `TMP` is a fresh temporary folder."
    )
    block = render_report(report)
    print(block)
    if not args.no_write:
        existing = args.output.read_text(encoding="utf-8") if args.output.is_file() else None
        args.output.write_text(replace_block(existing, block), encoding="utf-8")
        print(f"bench: wrote {args.output.name}", file=sys.stderr)
    return 0


def profile(ctx: Context, step: str) -> int:
    """One run of ``step``'s docgen side, in-process, under cProfile."""
    from generator.cli import main as docgen

    out = ctx.tmp / "generated"
    actions: dict[str, Callable[[], object]] = {
        "B1": lambda: docgen(["generate", "--force", "--out", str(out)]),
        "B2": lambda: docgen(["generate", "--out", str(out)]),
        "B3": lambda: docgen(
            [
                "check",
                "--docs",
                str((ctx.corpus or ROOT) / "azure-docs"),
                "--schemas",
                str(ROOT / "docs_src" / "schemas"),
            ]
        ),
    }
    if step == "B2":
        with contextlib.redirect_stdout(io.StringIO()):
            docgen(["generate", "--force", "--out", str(out)])
    if step == "B4":
        from generator.validate import Validator

        validator = Validator(ROOT / "docs_src" / "schemas", ROOT / "generated" / "schemas")
        documents = b4_documents(ctx)

        def passes() -> None:
            for _ in range(ctx.runs):
                for document in documents:
                    validator.validate(document, document.name)

        for document in documents:  # warm: the models are imported and built first
            validator.validate(document, document.name)
        actions["B4"] = passes
    profiler = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        profiler.runcall(actions[step])
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
