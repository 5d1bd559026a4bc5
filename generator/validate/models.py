"""The generated job models, found by the ``task`` they stand for."""

from __future__ import annotations

from functools import lru_cache
from typing import get_args

import generated
from generated import JobModel


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
