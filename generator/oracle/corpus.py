"""Which documents the oracle reads, all in place: fixtures, page examples, the real examples.

Paths are shown relative to the repository root (POSIX separators), so the report is the
same wherever the checkout lives; the shared corpus shows as ``../shared/corpus/...``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"

FIXTURES = "generated fixtures"
EXAMPLES = "page examples"
AUTOML_JOBS = "corpus: AutoML image jobs"
PIPELINES = "corpus: pipelines"
OLDER_PIPELINES = "corpus: older pipeline copies"
GROUPS = (FIXTURES, EXAMPLES, AUTOML_JOBS, PIPELINES, OLDER_PIPELINES)

JOBS = "azureml-examples/cli/jobs"
CORPUS_GLOBS = (
    (AUTOML_JOBS, f"{JOBS}/automl-standalone-jobs/cli-automl-image-*/*.yml"),
    (PIPELINES, f"{JOBS}/pipelines/automl/image-*/pipeline.yml"),
    (OLDER_PIPELINES, f"{JOBS}/pipelines/automl/image-*.yml"),
    (OLDER_PIPELINES, f"{JOBS}/pipelines/automl/image-*/image-*.yml"),
)


@dataclass(frozen=True)
class Document:
    path: Path  # where it is read
    shown: str  # relative to the repository root
    group: str
    expect: str | None = None  # fixtures: "valid" or "invalid", from index.json
    rule: str | None = None  # invalid fixtures: the rule the mutation breaks
    key: str | None = None  # invalid fixtures: the key path it breaks


@dataclass
class Documents:
    documents: list[Document] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be read, and why


def shown(path: Path, root: Path = REPO) -> str:
    return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()


def collect(root: Path = REPO, corpus: Path = CORPUS) -> Documents:
    """Every document, grouped and in a stable order."""
    found = Documents()
    _fixtures(root / "generated" / "fixtures", root, found)
    for path in sorted((root / "docs_src" / "examples").glob("*.yml")):
        found.documents.append(Document(path, shown(path, root), EXAMPLES))
    if not corpus.is_dir():
        found.notes.append(
            f"The shared corpus is absent ({shown(corpus, root)}): its AutoML image jobs and "
            "pipelines were not checked; the fixtures and page examples were."
        )
    else:
        for group, pattern in CORPUS_GLOBS:
            paths = sorted(corpus.glob(pattern))
            if not paths:
                found.notes.append(f"No corpus file matches {pattern}.")
            for path in paths:
                found.documents.append(Document(path, shown(path, root), group))
    found.documents.sort(key=lambda d: (GROUPS.index(d.group), d.shown))
    return found


def _fixtures(folder: Path, root: Path, found: Documents) -> None:
    for job in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []:
        index = _index(job / "index.json")
        for path in sorted([*job.glob("valid/*.yml"), *job.glob("invalid/*.yml")]):
            entry = index.get(path.relative_to(job).as_posix())
            if entry is None:
                found.notes.append(f"{shown(path, root)} is not in its index.json.")
                entry = {"expect": path.parent.name}
            found.documents.append(
                Document(
                    path,
                    shown(path, root),
                    FIXTURES,
                    expect=_text(entry.get("expect")),
                    rule=_text(entry.get("rule")),
                    key=_text(entry.get("path")),
                )
            )


def _index(path: Path) -> dict[str, dict[str, object]]:
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {str(e["file"]): e for e in entries if isinstance(e, dict) and "file" in e}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


__all__ = ["CORPUS", "GROUPS", "REPO", "Document", "Documents", "collect", "shown"]
