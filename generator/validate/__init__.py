"""``docgen validate``: job YAML files checked by the generated models.

The model is picked by the document's ``type`` and ``task``; ``type: pipeline`` is
checked key by key and node by node (:mod:`.pipeline`).  Each file gives its issues
(``file:line:col: key.path: message``) and notes about what could not be checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generated import JobYamlError, UnreadableYamlError, YamlProblem, read_document
from generator.emit.bundle import bundle_schema
from generator.errors import InputError
from generator.validate.issues import Issue, located
from generator.validate.models import contract_files_by_task, models_by_task
from generator.validate.pipeline import PipelineContext, check_pipeline

PIPELINE_SCHEMA = "pipelineJob.schema.json"


@dataclass
class FileResult:
    file: str
    kind: str = ""  # "automl/<task>", "pipeline", ...
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.issues


class Validator:
    """Validates job files; reads the schemas it needs once."""

    def __init__(self, schemas: Path, contracts: Path) -> None:
        self.schemas = schemas
        self.contracts = contracts

    @cached_property
    def _pipeline_schema(self) -> dict[str, Any]:
        return bundle_schema(self.schemas / PIPELINE_SCHEMA)[0]

    @cached_property
    def _contracts_by_task(self) -> dict[str, dict[str, Any]]:
        return {
            task: json.loads(path.read_text(encoding="utf-8"))
            for task, path in contract_files_by_task(self.contracts).items()
        }

    def validate(self, path: Path, display: str) -> FileResult:
        try:
            document = read_document(path)
        except UnreadableYamlError as exc:
            (problem,) = exc.problems[:1]
            raise InputError(problem.message, file=display, line=problem.line) from None
        document.name = display
        result = FileResult(display)
        data = document.data
        if not isinstance(data, dict):
            result.issues.append(located(document, (), "a job file is a mapping of keys"))
            return result
        kind = data.get("type")
        if kind == "automl":
            task = str(data.get("task"))
            result.kind = f"automl/{task}"
            model = models_by_task().get(task)
            if model is None:
                known = ", ".join(sorted(models_by_task()))
                result.issues.append(
                    located(document, ("task",), f"no job model for task `{task}` (known: {known})")
                )
            else:
                result.issues.extend(_issue(display, p) for p in model.problems_in(document))
        elif kind == "pipeline":
            result.kind = "pipeline"
            context = PipelineContext(self._pipeline_schema, self._contracts_by_task, path.parent)
            result.issues, result.notes = check_pipeline(document, context)
        elif kind is None:
            result.issues.append(located(document, (), "`type` is missing"))
        else:
            raise InputError(
                f"docgen has no model for `type: {kind}` jobs (it checks automl and pipeline jobs)",
                file=display,
                line=document.values.get(("type",), (1, 1))[0],
            )
        result.issues.sort(key=lambda i: (i.line, i.column, i.path, i.message))
        return result


def _issue(display: str, problem: YamlProblem) -> Issue:
    return Issue(display, problem.line, problem.column, problem.path, problem.message)


__all__ = ["FileResult", "Issue", "JobYamlError", "Validator"]
