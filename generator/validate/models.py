"""The generated job models, found by the ``task`` they stand for."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import get_args

import generated
from generated import JobModel


def contract_files_by_task(folder: Path) -> dict[str, Path]:
    """``image_classification`` -> the merged contract (``*.schema.json``) declaring it."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.schema.json")):
        task = json.loads(path.read_text(encoding="utf-8")).get("properties", {}).get("task", {})
        for value in task.get("enum", [task.get("const")]):
            if isinstance(value, str):
                found[value] = path
    return found


@lru_cache(maxsize=1)
def models_by_task() -> dict[str, type[JobModel]]:
    """``image_classification`` -> ``ImageClassificationJob``, for every generated job model."""
    found: dict[str, type[JobModel]] = {}
    for name in generated.__all__:
        cls = getattr(generated, name)
        if isinstance(cls, type) and issubclass(cls, JobModel) and "task" in cls.model_fields:
            for task in get_args(cls.model_fields["task"].annotation):
                found[str(task)] = cls
    return found
