"""B1's baseline: datamodel-code-generator alone on the four bundled job schemas.

``python -m generator.bench.dcg_alone OUT`` does only what a user of
datamodel-code-generator would do by hand: each job's exported schema, made
self-contained (``bundle_schema``), through datamodel-code-generator's library API
to pydantic v2 models with docgen's own options, then black with docgen's pinned mode.
docgen's own work (reading the pages, merging the contracts, sharing classes,
skeletons, fixtures, the stamp) is what the comparison leaves out.
"""

from __future__ import annotations

import json
import sys
import tempfile
import warnings
from pathlib import Path

import black

from generator.emit.bundle import bundle_schema
from generator.emit.models import BLACK_MODE, datamodel_options

JOB_SCHEMAS = (
    "autoMLImageClassificationJob",
    "autoMLImageClassificationMultilabelJob",
    "autoMLImageInstanceSegmentationJob",
    "autoMLImageObjectDetectionJob",
)


def generate_models(schemas: Path, out: Path) -> list[Path]:
    from datamodel_code_generator import generate

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in JOB_SCHEMAS:
        schema = bundle_schema(schemas / f"{name}.schema.json")[0]
        with tempfile.TemporaryDirectory() as empty, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            options = datamodel_options(name[0].upper() + name[1:], "# models", Path(empty))
            text = generate(json.dumps(schema, ensure_ascii=False), **options)
        if not isinstance(text, str):
            raise TypeError("datamodel-code-generator returned several modules")
        path = out / f"{name}.py"
        path.write_text(black.format_str(text, mode=BLACK_MODE), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print("usage: python -m generator.bench.dcg_alone OUT [SCHEMAS]", file=sys.stderr)
        return 2
    schemas = Path(argv[1]) if len(argv) == 2 else Path("docs_src/schemas")
    written = generate_models(schemas, Path(argv[0]))
    print(f"wrote {len(written)} model modules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
