"""Sessions for docgen: tests, lint, generate, drift, import-schemas.

Each session installs what it needs into its own environment, so a fresh
machine needs only Python and nox.  uv is used as the backend when it is on
PATH (it is much faster); plain virtualenv otherwise.
"""

from __future__ import annotations

import shutil

import nox

nox.options.default_venv_backend = "uv|virtualenv" if shutil.which("uv") else "virtualenv"
nox.options.sessions = ["tests", "lint", "drift"]
nox.options.reuse_existing_virtualenvs = True

PYTHON = None  # the interpreter nox itself runs on


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (reads ../shared/corpus in place when present)."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff and mypy over the generator package."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "generator", "tests", "noxfile.py")
    session.run("mypy")


@nox.session(python=PYTHON)
def parse(session: nox.Session) -> None:
    """Print the resolved key table of every page under docs_src/."""
    session.install("-e", ".")
    session.run("docgen", "parse", "docs_src/reference", *session.posargs)


@nox.session(name="import-schemas", python=PYTHON)
def import_schemas(session: nox.Session) -> None:
    """Export docs_src/schemas/*.schema.json from the azure-ai-ml marshmallow schemas.

    The SDK is pinned (and marshmallow with it, so reruns are byte-identical)
    and lives only in this session's virtualenv; the project is not installed:
    ``python -m`` finds ``generator`` in the working directory.
    """
    session.install("azure-ai-ml==1.35.2", "marshmallow==3.26.2")
    session.run("python", "-m", "generator.schema_export", "docs_src/schemas", *session.posargs)


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """The release step: docs_src/ -> generated/ (contracts, models, skeletons, fixtures)."""
    session.install("-e", ".")
    session.run("docgen", "generate", *session.posargs)


@nox.session(python=PYTHON)
def drift(session: nox.Session) -> None:
    """The CI gate: docs-drift findings not in the baseline, or a stale generated/, fail it."""
    session.install("-e", ".")
    session.run("docgen", "check", *session.posargs)
    session.run("docgen", "generate", "--check", "--diff")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks B1-B4 side by side (medians, ratios, goals) -> BENCHMARKS.md.

    Installs the project (with its pinned datamodel-code-generator and black), the
    SDK that B4 compares with (pinned as in ``import-schemas``) and check-jsonschema.
    ``nox -s bench -- --runs 5 --only B3`` passes options through.
    """
    session.install("-e", ".", "azure-ai-ml==1.35.2", "marshmallow==3.26.2", "check-jsonschema")
    session.run("python", "-m", "generator.bench", *session.posargs)


@nox.session(name="oracle", python=PYTHON)
def oracle(session: nox.Session) -> None:
    """docgen validate against the SDK's load_job on every fixture and example.

    Writes reports/oracle.md and fails on a disagreement no class explains (or under 99 %
    agreement once the explained ones are set aside).  The SDK is pinned as in
    import-schemas and lives only in this session's virtualenv.
    """
    session.install("-e", ".", "azure-ai-ml==1.35.2", "marshmallow==3.26.2")
    session.run("python", "-m", "generator.oracle", "--out", "reports/oracle.md", *session.posargs)
