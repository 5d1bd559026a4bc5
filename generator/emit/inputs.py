"""What generation starts from: one :class:`JobInputs` per documented job with a schema.

A job is a reference page that names a schema found in the schemas folder
(the same pairing the drift check uses).  Each job carries its resolved docs
table and its bundled (self-contained) schema, plus the names the emitters
use for it and the digests of the files it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.docs import DocsReader, find_pages
from generator.emit.bundle import bundle_schema
from generator.emit.stamp import file_digest
from generator.model import KeyTable
from generator.pairing import MAPPING_FILE, read_mapping, schema_files


@dataclass(frozen=True)
class JobInputs:
    schema_name: str  # "autoMLImageClassificationJob"
    module: str  # "image_classification": the Python module and folder name
    class_name: str  # "ImageClassificationJob": the model class
    docs: KeyTable  # the resolved reference page
    schema: dict[str, Any]  # the exported schema, bundled: no cross-file $refs
    sources: dict[str, str] = field(default_factory=dict)  # shown path -> sha256 of the bytes

    @property
    def task(self) -> str | None:
        """The job's ``task`` constant, from the docs (None for a job without one)."""
        spec = self.docs.get("task")
        value = spec.const if spec is not None else None
        return value if isinstance(value, str) else None


def names_for(schema_name: str) -> tuple[str, str]:
    """(module, class) names for a schema: autoMLImageObjectDetectionJob ->
    ("image_object_detection", "ImageObjectDetectionJob")."""
    core = re.sub(r"^autoML", "", schema_name)
    core = re.sub(r"Job$", "", core)
    core = core[:1].upper() + core[1:]
    module = re.sub(r"(?<!^)(?=[A-Z])", "_", core).lower()
    return module, f"{core}Job"


def collect_jobs(docs: Path, schemas: Path, reader: DocsReader) -> list[JobInputs]:
    """Every documented job whose schema exists, sorted by schema name."""
    mapping = read_mapping(docs, reader.display(docs / MAPPING_FILE))
    available = schema_files(schemas)
    jobs: list[JobInputs] = []
    for page in find_pages(docs):
        table = reader.read(page)
        name = mapping.get(page.relative_to(docs).as_posix(), table.schema_name)
        if name is None or name not in available or not table.keys:
            continue
        schema_path = available[name].path
        module, class_name = names_for(name)
        sources = {reader.display(p): file_digest(p) for p in reader.files_of(table)}
        schema, schema_files_read = bundle_schema(schema_path, reader.display)
        sources |= {reader.display(p): file_digest(p) for p in schema_files_read}
        jobs.append(JobInputs(name, module, class_name, table, schema, sources))
    return sorted(jobs, key=lambda job: job.schema_name)
