"""The documented jobs of docs_src/ and their merged contracts, shared by the emitter tests
(read once per test session)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from generator.docs import DocsReader
from generator.emit.contract import merge_contract
from generator.emit.inputs import JobInputs, collect_jobs

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs_src"


@functools.cache
def all_jobs() -> tuple[JobInputs, ...]:
    reader = DocsReader(search=[DOCS], display_root=REPO)
    return tuple(collect_jobs(DOCS, DOCS / "schemas", reader))


def job_for(module: str) -> JobInputs:
    return next(job for job in all_jobs() if job.module == module)


@functools.cache
def contract_for(module: str) -> dict[str, Any]:
    return merge_contract(job_for(module))


def contract_of(job: JobInputs) -> dict[str, Any]:
    return contract_for(job.module)
