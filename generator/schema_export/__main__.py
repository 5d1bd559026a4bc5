"""``python -m generator.schema_export OUT_DIR``: write the exported schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.schema_export.export import COMMON_FILE, build_documents, write_documents
from generator.schema_export.sdk import UnsupportedSdkConstruct


def main(argv: list[str] | None = None) -> int:
    """Export the schemas into the directory given; 0 on success, 2 on an SDK surprise."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.schema_export",
        description="Export JSON Schemas from the azure-ai-ml marshmallow schemas.",
    )
    parser.add_argument("out_dir", type=Path, help="directory for the *.schema.json files")
    args = parser.parse_args(argv)
    try:
        documents = build_documents()
    except UnsupportedSdkConstruct as error:
        print(f"import-schemas: {error}", file=sys.stderr)
        return 2
    for path in write_documents(documents, args.out_dir):
        print(f"wrote {path}")
    definitions = len(documents[COMMON_FILE]["definitions"])
    print(f"{len(documents)} schema files, {definitions} shared definitions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
