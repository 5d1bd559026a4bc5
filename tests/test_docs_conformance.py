"""The reader on real pages, read in place from ../shared (skipped when it is absent).

No page may crash the reader, and every row of every key table must end up as a
key or as a reported problem naming its file and line: nothing is lost silently.
"""

from __future__ import annotations

from pathlib import Path

from generator.docs import DocsReader, find_pages
from generator.docs.rules.table import column_roles
from generator.model import KeyTable, RequiredKind, Severity

FOLDERS = ("azure-docs", "azure-docs-history")


def _pages(corpus: Path) -> list[Path]:
    pages = [p for folder in FOLDERS for p in find_pages(corpus / folder)]
    pages += find_pages(corpus.parent / "seeds")
    return [p for p in pages if "includes" not in p.parent.name]


def test_corpus_has_the_pages_the_issue_names(corpus: Path) -> None:
    current = [p for p in find_pages(corpus / "azure-docs") if "includes" not in p.parent.name]
    assert len(current) == 68


def test_every_row_becomes_a_key_or_a_located_problem(corpus: Path) -> None:
    reader = DocsReader(search=[corpus / "azure-docs"], display_root=corpus)
    tables: list[KeyTable] = [reader.read(page) for page in _pages(corpus)]
    placed: set[tuple[str, int | None]] = set()
    reported: set[tuple[str, int | None]] = set()
    for table in tables:
        placed.update((k.source.file, k.source.line) for k in table.keys)
        reported.update((p.source.file, p.source.line) for p in table.problems)
    missing: list[str] = []
    rows = 0
    for page in _pages(corpus):
        parsed = reader.page(page)
        for section in parsed.blocks.sections:
            for table in section.tables:
                if column_roles(table.header) is None:
                    continue
                for row in table.rows:
                    rows += 1
                    where = (parsed.display, row.line)
                    if where not in placed and where not in reported:
                        missing.append(f"{parsed.display}:{row.line}: {row.raw[:60]}")
    assert rows > 1500
    assert missing == []


def test_known_mess_is_reported_with_file_and_line(corpus: Path) -> None:
    reader = DocsReader(search=[corpus / "azure-docs"], display_root=corpus)
    problems = {
        (p.source.file, p.source.line, p.code)
        for page in _pages(corpus)
        for p in reader.read(page).problems
    }
    # A row with a missing cell (no Allowed-values cell) on the forecasting page.
    assert ("azure-docs/automl-ref-forecasting.md", 49, "table-row-cells") in problems
    # A key cell with the dot forgotten: `search_space<hyperparameter>`.
    assert (
        "azure-docs-history/automl-ref-image-classification@719b28c3.md",
        50,
        "key-malformed",
    ) in problems
    # The type cell 'sring' (a typo) is reported rather than guessed.
    assert any(code == "type-unknown" and "c18fa51f" in f for f, _, code in problems)


SEED_KEYS = {
    # the base page's keys...
    "$schema", "type", "name", "display_name", "experiment_name", "description", "tags",
    "compute", "log_verbosity", "target_column_name", "training_data", "validation_data",
    "validation_data_size", "limits", "sweep", "search_space", "search_space.<hyperparameter>",
    "outputs", "outputs.best_model",
    "training_data.path", "training_data.mode", "training_data.type", "training_data.description",
    "outputs.best_model.type", "outputs.best_model.path", "outputs.best_model.storage_uri",
    # ...the seed's own overrides...
    "task", "primary_metric", "training_parameters",
    # ...and the hyperparameters the seed's training_parameters links: maskrcnn (model
    # specific), model agnostic, and detection/segmentation specific.
    "training_parameters.mask_pixel_score_threshold",
    "training_parameters.max_number_of_polygon_points",
    "training_parameters.export_as_image", "training_parameters.image_type",
    "training_parameters.number_of_epochs", "training_parameters.learning_rate",
    "training_parameters.optimizer", "training_parameters.layers_to_freeze",
    "training_parameters.model_name", "training_parameters.min_size",
    "training_parameters.max_size", "training_parameters.box_detections_per_image",
    "training_parameters.tile_grid_size", "training_parameters.validation_metric_type",
}  # fmt: skip


def test_seed_page_resolves_to_the_full_instance_segmentation_key_set(corpus: Path) -> None:
    seed = corpus.parent / "seeds" / "reference-automl-images-cli-instance-segmentation.md"
    table = DocsReader(search=[corpus / "azure-docs"], display_root=corpus.parent).read(seed)
    assert table.schema_name == "autoMLImageInstanceSegmentationJob"
    assert table.inherits == "corpus/azure-docs/reference-automl-images-cli-classification.md"
    paths = set(table.paths)
    assert SEED_KEYS <= paths, sorted(SEED_KEYS - paths)
    # Classification-only hyperparameters are replaced, not inherited.
    assert "training_parameters.weighted_loss" not in paths
    assert "training_parameters.validation_crop_size" not in paths
    # Overrides keep their own location; inherited rows keep theirs.
    task = table.get("task")
    assert task is not None and task.allowed == ("image_instance_segmentation",)
    assert task.source.file == "seeds/reference-automl-images-cli-instance-segmentation.md"
    assert task.required.kind is RequiredKind.YES
    name = table.get("name")
    assert name is not None and name.source.file.startswith("corpus/azure-docs/")
    rate = table.get("training_parameters.learning_rate")
    assert rate is not None and str(rate.range) == "[0, 1]"
    assert not [p for p in table.problems if p.severity is Severity.ERROR]
