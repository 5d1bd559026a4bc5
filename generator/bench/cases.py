"""The benchmarks B1-B4: what is run, side by side, and the rows they add to the report.

Commands run in fresh subprocesses from the checkout, as a user runs them (the
``docgen`` script of the running environment).  Per-document comparisons (B4 warm) run
in-process after a warm-up pass, since that is how a caller would use them.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.bench.report import Measurement, Report, Row
from generator.bench.stats import Goal, median, ratio
from generator.bench.timing import Command, measure_interleaved
from generator.oracle.sdk import quiet
from generator.validate.models import contract_files_by_task

# The pages the goals count: reference pages, not the include files they pull in.
CORPUS_DOCS = "azure-docs"
IMAGE_EXAMPLES = "azureml-examples/cli/jobs/automl-standalone-jobs/cli-automl-image-*/*.yml"
COLD_EXAMPLE = "docs_src/examples/image-classification.yml"


def count_pages(folder: Path) -> int:
    """Reference pages under ``folder``: ``*.md`` outside ``includes*`` folders."""
    return sum(
        1
        for page in folder.rglob("*.md")
        if page.is_file()
        and not any(part.startswith("includes") for part in page.relative_to(folder).parts)
    )


@dataclass
class Context:
    root: Path  # the checkout
    tmp: Path
    runs: int
    report: Report
    corpus: Path | None  # ../shared/corpus, when present
    docgen: tuple[str, ...] = ()  # the command prefix that runs docgen
    python: str = sys.executable
    full_samples: list[float] = field(default_factory=list)  # B1's docgen runs, for B2
    exit_codes: dict[str, set[int]] = field(default_factory=dict)  # by measurement name

    def __post_init__(self) -> None:
        if not self.docgen:
            script = Path(self.python).parent / "docgen"
            self.docgen = (str(script),) if script.is_file() else (self.python, "-m", "generator")

    def command(self, *argv: str, ok: frozenset[int] = frozenset({0}), expect: str = "") -> Command:
        return Command(tuple(argv), self.root, ok_codes=ok, expect=expect)

    def shown(self, command: Command) -> str:
        replace = {str(self.tmp): "TMP"}
        if self.corpus is not None:
            replace[str(self.corpus)] = "../shared/corpus"
        return command.shown(replace)

    def measure(
        self, named: list[tuple[str, Command]], *, warmup: int = 1
    ) -> dict[str, Measurement]:
        tasks = [self._recording(name, command) for name, command in named]
        samples = measure_interleaved(tasks, self.runs, warmup=warmup)
        found: dict[str, Measurement] = {}
        for (name, command), times in zip(named, samples, strict=True):
            found[name] = Measurement(name, tuple(times), self.shown(command))
            self.report.measurements.append(found[name])
        return found

    def _recording(self, name: str, command: Command) -> Callable[[], object]:
        def run() -> None:
            self.exit_codes.setdefault(name, set()).add(command.run().returncode)

        return run


# ---------------------------------------------------------------------------------------------
# B1 and B2: generate.


def bench_b1(ctx: Context) -> None:
    out = ctx.tmp / "generated"
    full = ctx.command(*ctx.docgen, "generate", "--force", "--out", str(out), expect="wrote")
    alone = ctx.command(
        ctx.python,
        "-m",
        "generator.bench.dcg_alone",
        str(ctx.tmp / "dcg-alone"),
        "docs_src/schemas",
        expect="wrote 4 model modules",
    )
    found = ctx.measure(
        [("B1 docgen generate --force", full), ("B1 datamodel-code-generator + black", alone)]
    )
    docgen, other = (
        found["B1 docgen generate --force"],
        found["B1 datamodel-code-generator + black"],
    )
    ctx.full_samples = list(docgen.samples)
    ctx.report.rows.append(
        Row(
            "B1",
            "full `generate --force` vs datamodel-code-generator + black alone (4 job schemas)",
            docgen.median,
            other.median,
            ratio(docgen.median, other.median),
            Goal(1.3),
        )
    )


def bench_b2(ctx: Context) -> None:
    out = ctx.tmp / "generated"
    full = ctx.command(*ctx.docgen, "generate", "--force", "--out", str(out), expect="wrote")
    unchanged = ctx.command(*ctx.docgen, "generate", "--out", str(out), expect="is up to date")
    if ctx.full_samples:  # B1's last run was a --force run into the same folder
        found = ctx.measure([("B2 docgen generate (unchanged inputs)", unchanged)])
        full_median = median(ctx.full_samples)
    else:
        found = ctx.measure([("B2 docgen generate --force", full)], warmup=1)
        full_median = found["B2 docgen generate --force"].median
        found |= ctx.measure([("B2 docgen generate (unchanged inputs)", unchanged)])
    early = found["B2 docgen generate (unchanged inputs)"]
    ctx.report.rows.append(
        Row(
            "B2",
            "`generate` with unchanged inputs (stamp) vs a full run (`--force`)",
            early.median,
            full_median,
            ratio(early.median, full_median),
            Goal(0.1),
        )
    )
    _b2_invalidation(ctx)


def _b2_invalidation(ctx: Context) -> None:
    """On a copy of docs_src/: a full run, an unchanged run, then one after editing a page."""
    copy = ctx.tmp / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ctx.root / "docs_src", copy / "docs_src")
    docs, out = copy / "docs_src", copy / "generated"
    argv = (*ctx.docgen, "generate", "--docs", str(docs), "--out", str(out))
    ctx.command(*argv, expect="wrote").run()
    ctx.command(*argv, expect="is up to date").run()
    page = sorted((docs / "reference").glob("*.md"))[0]
    with page.open("a", encoding="utf-8") as handle:
        handle.write("\n")  # one more blank line: the page's digest changes, its keys do not
    edited = ctx.command(*argv, expect="wrote")  # fails the bench if it returned early
    [[seconds]] = measure_interleaved([edited.run], 1, warmup=0)
    ctx.command(*argv, expect="is up to date").run()  # and the run after it is fresh again
    ctx.report.measurements.append(
        Measurement("B2 docgen generate after editing a copy's page", (seconds,), ctx.shown(edited))
    )
    ctx.report.notes.append(
        f"B2 invalidation: on a copy of docs_src/, after one blank line was appended to "
        f"`reference/{page.name}`, `docgen generate` ran in full ({seconds:.2f} s, it printed "
        f"`wrote ...`) instead of returning early; the run after it returned early again."
    )


# ---------------------------------------------------------------------------------------------
# B3: check.


def bench_b3(ctx: Context) -> None:
    startup = ctx.command(ctx.python, "-c", "import generator.cli")
    docs_src = ctx.root / "docs_src"
    runs: list[tuple[str, Command, int]] = []
    if ctx.corpus is not None:
        corpus_docs = ctx.corpus / CORPUS_DOCS
        command = ctx.command(
            *ctx.docgen,
            "check",
            "--docs",
            str(corpus_docs),
            "--schemas",
            "docs_src/schemas",
            ok=frozenset({0, 1, 2}),  # Azure's pages hold malformed rows: exit 2 is expected
        )
        runs.append(("B3 docgen check (azure-docs corpus)", command, count_pages(corpus_docs)))
    runs.append(
        (
            "B3 docgen check (docs_src, the default)",
            ctx.command(*ctx.docgen, "check"),
            count_pages(docs_src),
        )
    )
    # The imports `check` itself needs (the readers), as context: `import generator.cli`
    # alone leaves them to the command.
    loaded = ctx.command(ctx.python, "-c", "import generator.cli, generator.compare")
    named = [
        ("B3 start-up: python -c 'import generator.cli'", startup),
        ("B3 start-up with the check's imports", loaded),
    ]
    named += [(name, command) for name, command, _ in runs]
    found = ctx.measure(named)
    start = found[named[0][0]].median
    for name, _command, pages in runs:
        whole = found[name].median
        label = "corpus `azure-docs`" if "corpus" in name else "`docs_src/` (default)"
        codes = sorted(ctx.exit_codes[name])
        ctx.report.rows.append(
            Row(
                "B3",
                f"`check` {label}, {pages} pages: whole run",
                whole,
                None,
                whole,
                Goal(1.0, unit="s"),
            )
        )
        per_page = max(whole - start, 0.0) / pages
        ctx.report.rows.append(
            Row(
                "B3",
                f"`check` {label}: work per page (start-up excluded)",
                per_page,
                None,
                per_page,
                Goal(0.005, unit="s"),
            )
        )
        ctx.report.notes.append(
            f"B3 {label}: exit code {codes[0]}"
            + (
                " (Azure's published pages have malformed table rows; docgen reports them "
                "and exits 2, as designed)"
                if codes[0] == 2
                else ""
            )
            + "."
        )
    ctx.report.rows.append(
        Row(
            "B3",
            'process start-up (`python -c "import generator.cli"`), context',
            start,
            None,
            None,
        )
    )
    ctx.report.rows.append(
        Row(
            "B3",
            "start-up with the check's imports (`import generator.cli, generator.compare`), "
            "context",
            found[named[1][0]].median,
            None,
            None,
        )
    )


# ---------------------------------------------------------------------------------------------
# B4: validate.


def b4_documents(ctx: Context) -> list[Path]:
    found: list[Path] = []
    if ctx.corpus is not None:
        found += sorted(ctx.corpus.glob(IMAGE_EXAMPLES))
    found += sorted((ctx.root / "docs_src" / "examples").glob("*.yml"))
    return found


def bench_b4(ctx: Context) -> None:
    from generated.runtime import load_yaml
    from generator.validate import Validator

    documents = b4_documents(ctx)
    shown = [d.relative_to(ctx.root) if d.is_relative_to(ctx.root) else d for d in documents]
    validator = Validator(ctx.root / "docs_src" / "schemas", ctx.root / "generated" / "schemas")

    def docgen_pass() -> int:
        return sum(
            validator.validate(d, str(s)).valid for d, s in zip(documents, shown, strict=True)
        )

    valid = docgen_pass()
    tasks: list[Callable[[], object]] = [docgen_pass]
    names = ["B4 warm: docgen Validator.validate"]
    load_job = _sdk_load_job()
    failures: list[str] = []
    if load_job is not None:

        def sdk_pass() -> list[str]:
            failed: list[str] = []
            with quiet():
                for document in documents:
                    try:
                        load_job(document)
                    except Exception as exc:  # counted and reported, never timed as a success
                        failed.append(f"{document.name}: {type(exc).__name__}")
            return failed

        failures = sdk_pass()
        tasks.append(sdk_pass)
        names.append("B4 warm: azure.ai.ml.load_job")
    samples = measure_interleaved(tasks, ctx.runs)
    warm = {
        name: Measurement(name, tuple(times), "in-process, after a warm-up pass", len(documents))
        for name, times in zip(names, samples, strict=True)
    }
    ctx.report.measurements.extend(warm.values())
    ours = warm[names[0]].median
    if load_job is not None:
        theirs = warm[names[1]].median
        ctx.report.rows.append(
            Row(
                "B4",
                f"warm, per document ({len(documents)} job files): docgen models vs `load_job`",
                ours,
                theirs,
                ratio(ours, theirs),
                Goal(0.05),
                speedup=True,
            )
        )
    else:
        ctx.report.rows.append(Row("B4", "warm, per document: docgen models", ours, None, None))
        ctx.report.notes.append("B4: azure-ai-ml is not installed; load_job was not measured.")

    _b4_check_jsonschema(ctx, documents, ours, load_yaml)
    _b4_cold(ctx, load_job is not None)
    ctx.report.notes.append(
        f"B4 documents: {len(documents)} ("
        + ("the 18 standalone image examples of azureml-examples and " if ctx.corpus else "")
        + f"docs_src/examples/*.yml); docgen found {valid} valid"
        + (
            f"; load_job failed on {len(failures)}: {', '.join(failures)}"
            if failures
            else ("; load_job loaded every one" if load_job is not None else "")
        )
        + "."
    )


def _sdk_load_job() -> Callable[[Path], Any] | None:
    try:
        with quiet():
            module = importlib.import_module("azure.ai.ml")
    except ImportError:
        return None
    load: Callable[[Path], Any] = module.load_job
    return load


def _b4_check_jsonschema(
    ctx: Context, documents: list[Path], ours: float, load_yaml: Callable[[Path], Any]
) -> None:
    script = Path(ctx.python).parent / "check-jsonschema"
    if not script.is_file():
        ctx.report.notes.append("B4: check-jsonschema is not installed; it was not measured.")
        return
    schemas = contract_files_by_task(ctx.root / "generated" / "schemas")
    commands: list[Command] = []
    for document in documents:
        task = str(load_yaml(document).get("task"))
        commands.append(
            ctx.command(
                str(script),
                "--schemafile",
                str(schemas[task]),
                str(document),
                expect="ok -- validation done",
            )
        )

    def every_file() -> None:
        for command in commands:
            command.run()

    rounds = max(3, ctx.runs - 2)  # a process per file: fewer rounds, each is long
    [times] = measure_interleaved([every_file], rounds)
    name = "B4: check-jsonschema CLI, one process per file"
    how = "check-jsonschema --schemafile generated/schemas/<name>.schema.json FILE"
    theirs = Measurement(name, tuple(times), how, len(documents))
    ctx.report.measurements.append(theirs)
    ctx.report.rows.append(
        Row(
            "B4",
            "per document: docgen models (warm) vs `check-jsonschema` CLI per file",
            ours,
            theirs.median,
            ratio(ours, theirs.median),
            None,
            speedup=True,
        )
    )


def _b4_cold(ctx: Context, with_sdk: bool) -> None:
    ours = ctx.command(*ctx.docgen, "validate", COLD_EXAMPLE, expect="1 valid, 0 invalid")
    named = [("B4 cold: docgen validate FILE", ours)]
    if with_sdk:
        sdk = ctx.command(
            ctx.python,
            "-c",
            "import sys; from azure.ai.ml import load_job; print(load_job(sys.argv[1]).type)",
            COLD_EXAMPLE,
            expect="automl",
        )
        named.append(("B4 cold: python + azure.ai.ml load_job FILE", sdk))
    found = ctx.measure(named)
    mine = found[named[0][0]].median
    if with_sdk:
        theirs = found[named[1][0]].median
        ctx.report.rows.append(
            Row(
                "B4",
                f"cold, one process: `docgen validate` vs import azure-ai-ml + "
                f"`load_job` (`{COLD_EXAMPLE}`)",
                mine,
                theirs,
                ratio(mine, theirs),
                Goal(0.3),
            )
        )


BENCHES: dict[str, Callable[[Context], None]] = {
    "B1": bench_b1,
    "B2": bench_b2,
    "B3": bench_b3,
    "B4": bench_b4,
}
