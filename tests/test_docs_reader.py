"""Page-level constructs: front matter, includes, code refs, schema link, nesting, inheritance,
and malformed pages reported with file:line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.docs import DocsReader
from generator.model import Severity, Variant

Write = Callable[[str, str], Path]

HEADER = (
    "| Key | Type | Description | Allowed values | Default value |\n| --- | --- | --- | --- | --- |"
)


def test_page_constructs(write_page: Write) -> None:
    write_page("includes/note.md", "A note.\n")
    page = write_page(
        "ref/job.md",
        """\
        ---
        title: 'Job YAML schema'
        ms.date: 10/11/2022
        ---

        # Job YAML schema

        [!INCLUDE [note](../includes/note.md)]

        [!INCLUDE [gone](../includes/missing.md)]

        The source JSON schema can be found at https://example.invalid/latest/fooJob.schema.json.

        ## YAML syntax

        | Key | Type | Description | Allowed values | Default value |
        | --- | --- | --- | --- | --- |
        | `type` | const | **Required.** The job type. | `foo` | `foo` |

        ## Examples

        :::code language="yaml" source="../examples/foo.yml":::

        <!-- :::code language="yaml" source="../examples/old.yml"::: -->
        """,
    )
    table = DocsReader().read(page)
    assert table.title == "Job YAML schema"
    assert table.front_matter["ms.date"] == "10/11/2022"
    assert table.schema_name == "fooJob"
    assert table.schema_url == "https://example.invalid/latest/fooJob.schema.json"
    assert [(i.label, i.resolved is not None, i.source.line) for i in table.includes] == [
        ("note", True, 8),
        ("gone", False, 10),
    ]
    assert [(c.language, c.target, c.source.line) for c in table.code_refs] == [
        ("yaml", "../examples/foo.yml", 22)
    ]
    (key,) = table.keys
    assert (key.path, key.source.line, key.source.section) == ("type", 18, "YAML syntax")


def test_include_path_with_wrong_case_resolves(write_page: Write) -> None:
    write_page("Includes/Note.md", "A note.\n")
    page = write_page("job.md", "[!INCLUDE [note](includes/note.md)]\n")
    (include,) = DocsReader().read(page).includes
    assert include.resolved is not None and include.resolved.endswith("Includes/Note.md")


def test_links_nest_sections_and_dotted_keys(write_page: Write) -> None:
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `training_data` | object | The data, see [Data](#training-or-validation-data). | | |
        | `validation_data` | object | Same as [data](#training-or-validation-data). | | |
        | `outputs` | object | Outputs. | | |
        | `outputs.best_model` | object | See [Best model](#best-model). | | |

        ### Training or validation data

        {HEADER}
        | `path` | string | **Required.** Where. | | |

        ### Best model

        {HEADER}
        | `type` | string | Kind. | `mlflow_model` | `mlflow_model` |
        """,
    )
    table = DocsReader().read(page)
    assert table.paths == [
        "training_data",
        "training_data.path",
        "validation_data",
        "validation_data.path",
        "outputs",
        "outputs.best_model",
        "outputs.best_model.type",
    ]
    assert table.get("validation_data.path").source.line == 14  # type: ignore[union-attr]
    assert table.problems == []


def test_one_of_links_make_variants(write_page: Write) -> None:
    write_page(
        "sweep.md",
        f"""\
        # Sweep

        ### Early termination policies

        #### BanditPolicy

        {HEADER}
        | `type` | const | **Required.** Policy. | `bandit` | |
        | `slack_factor` | number | Slack. **One of `slack_factor` or `slack_amount` is required.** | | |

        #### MedianStoppingPolicy

        {HEADER}
        | `type` | const | **Required.** Policy. | `median_stopping` | |
        | `evaluation_interval` | integer | Interval. | | `1` |
        """,
    )
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `early_termination` | object | One of [Bandit](./sweep.md#banditpolicy), [Median](./sweep.md#medianstoppingpolicy). | | |
        """,
    )
    table = DocsReader().read(page)
    bandit = (Variant("early_termination", "bandit"),)
    median = (Variant("early_termination", "median_stopping"),)
    assert [(k.path, k.variants) for k in table.keys] == [
        ("early_termination", ()),
        ("early_termination.type", bandit),
        ("early_termination.slack_factor", bandit),
        ("early_termination.type", median),
        ("early_termination.evaluation_interval", median),
    ]
    assert table.get("early_termination.evaluation_interval", median).source.file.endswith(  # type: ignore[union-attr]
        "sweep.md"
    )


def test_link_to_grouping_section_gives_one_variant_per_subsection(write_page: Write) -> None:
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `search_space.<hyperparameter>` | object | See [expressions](#parameter-expressions). | | |

        ## Parameter expressions

        ### choice

        {HEADER}
        | `type` | const | **Required.** Kind. | `choice` | |
        | `values` | array | **Required.** Values. | | |

        ### uniform

        {HEADER}
        | `type` | const | **Required.** Kind. | `uniform` | |
        | `min_value` | number | **Required.** Low. | | |
        """,
    )
    table = DocsReader().read(page)
    variants = {str(v) for k in table.keys for v in k.variants}
    assert variants == {
        "search_space.<hyperparameter>=choice",
        "search_space.<hyperparameter>=uniform",
    }
    assert table.get(
        "search_space.<name>.min_value", (Variant("search_space.<hyperparameter>", "uniform"),)
    )


def _base_page(write_page: Write) -> None:
    write_page(
        "hyper.md",
        f"""\
        # Hyperparameters

        ## Classification hyperparameters

        {HEADER}
        | `model_name` | string | Model. | `resnet50`, `vitb16r224` | `resnet50` |

        ## Detection hyperparameters

        {HEADER}
        | `model_name` | string | Model. | `yolov5` | `yolov5` |
        | `min_size` | integer | Size. | | `600` |
        """,
    )
    write_page(
        "classification.md",
        f"""\
        The source JSON schema can be found at https://x.invalid/imageClassificationJob.schema.json.

        ## YAML syntax

        {HEADER}
        | `task` | const | **Required.** Task. | `image_classification` | |
        | `primary_metric` | string | Metric. | `accuracy` | `accuracy` |
        | `training_data` | object | The data, see [Data](#data). | | |
        | `training_parameters` | object | Keys in [hp](./hyper.md#classification-hyperparameters). | | |

        ### Data

        {HEADER}
        | `path` | string | Where. | | |
        """,
    )


def test_delta_page_inherits_and_overrides_by_key(write_page: Write) -> None:
    _base_page(write_page)
    page = write_page(
        "detection.md",
        f"""\
        The source JSON schema can be found at https://x.invalid/imageObjectDetectionJob.schema.json.

        ## YAML syntax

        All keys are described in [YAML syntax](./classification.md#yaml-syntax); this page only
        lists the keys whose values differ.

        {HEADER}
        | `task` | const | **Required.** Task. | `image_object_detection` | |
        | `training_parameters` | object | Keys in [hp](./hyper.md#detection-hyperparameters). | | |
        """,
    )
    table = DocsReader().read(page)
    assert table.schema_name == "imageObjectDetectionJob"
    assert table.inherits is not None and table.inherits.endswith("classification.md")
    assert table.paths == [
        "task",
        "primary_metric",
        "training_data",
        "training_data.path",
        "training_parameters",
        "training_parameters.model_name",
        "training_parameters.min_size",
    ]
    task = table.get("task")
    assert task is not None and task.allowed == ("image_object_detection",)
    assert task.source.file.endswith("detection.md") and task.source.line == 10
    metric = table.get("primary_metric")
    assert metric is not None and metric.source.file.endswith("classification.md")
    model = table.get("training_parameters.model_name")
    assert model is not None and model.allowed == ("yolov5",)
    assert table.problems == []


def test_delta_page_resolves_base_by_name_in_search_folders(
    write_page: Write, tmp_path: Path
) -> None:
    _base_page(write_page)
    page = write_page(
        "elsewhere/delta.md",
        f"""\
        ## YAML syntax

        See [YAML syntax](./classification.md#yaml-syntax); here we only describe keys with
        different values.

        {HEADER}
        | `task` | const | **Required.** Task. | `image_instance_segmentation` | |
        """,
    )
    assert DocsReader().read(page).problems[0].code == "inherit-missing"
    table = DocsReader(search=[tmp_path]).read(page)
    assert "training_parameters.model_name" in table.paths
    assert table.problems == []


# -- malformed pages -----------------------------------------------------------------------


def _errors(table) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(p.code, p.source.line) for p in table.problems if p.severity is Severity.ERROR]


def test_short_and_long_rows_are_errors_and_keep_their_key(write_page: Write) -> None:
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `a` | string | Short row. |
        | `b` | string | Long row. | | | extra |
        | `c` | string | Fine. | | |
        """,
    )
    table = DocsReader().read(page)
    assert table.paths == ["a", "b", "c"]
    assert _errors(table) == [("table-row-cells", 5), ("table-row-cells", 6)]
    assert "row has 3 cells, header has 5" in table.problems[0].message


def test_pipe_inside_code_span_is_reported_and_recovered(write_page: Write) -> None:
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `mode` | string | How. | `ro_mount|download` | `ro_mount` |
        """,
    )
    table = DocsReader().read(page)
    assert _errors(table) == [("table-row-cells", 5)]
    assert "inside a code span" in table.problems[0].message
    spec = table.get("mode")
    assert spec is not None and spec.allowed == ("ro_mount|download",)
    assert spec.default.value == "ro_mount"


def test_table_with_mismatched_delimiter_row_is_an_error(write_page: Write) -> None:
    page = write_page(
        "job.md",
        """\
        ## YAML syntax

        | Key | Type | Description |
        | --- | --- |
        | `a` | string | Lost. |
        """,
    )
    table = DocsReader().read(page)
    assert _errors(table) == [("table-broken", 3)]


def test_inheritance_cycle_is_an_error(write_page: Write, tmp_path: Path) -> None:
    for name, other in (("a.md", "b.md"), ("b.md", "a.md")):
        write_page(
            name,
            f"""\
            ## YAML syntax

            See [all keys](./{other}#yaml-syntax); only keys that differ are listed here.

            {HEADER}
            | `task` | const | Task. | `{name[0]}` | |
            """,
        )
    table = DocsReader(display_root=tmp_path).read(tmp_path / "a.md")
    codes = _errors(table)
    assert ("inherit-cycle", 3) in codes
    cycle = next(p for p in table.problems if p.code == "inherit-cycle")
    assert "a.md -> b.md -> a.md" in cycle.message


def test_non_utf8_page_is_an_error_with_its_line(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_bytes(b"# Title\n\nline two \xff\xfe\n")
    table = DocsReader().read(page)
    assert _errors(table) == [("unreadable", 3)]
    assert "not UTF-8" in table.problems[0].message


def test_base_page_naming_the_pages_that_differ_does_not_inherit(write_page: Write) -> None:
    write_page("delta.md", "# Delta\n")
    page = write_page(
        "base.md",
        f"""\
        The pages for [detection](./delta.md) list only the keys that differ from this one.

        ## YAML syntax

        {HEADER}
        | `task` | const | Task. | `x` | |
        """,
    )
    table = DocsReader().read(page)
    assert table.inherits is None
    assert table.problems == []


def test_rows_cut_off_by_a_blank_line_are_an_error(write_page: Write) -> None:
    page = write_page(
        "job.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `a` | string | Kept. | | |

        | `b` | string | Lost to a blank line. | | |
        | `c` | string | Lost too. | | |
        """,
    )
    table = DocsReader().read(page)
    assert table.paths == ["a"]
    assert _errors(table) == [("table-broken", 7)]
    assert "2 table row(s) outside any table" in table.problems[0].message


def test_a_map_described_key_nests_its_links_under_a_placeholder(write_page: Write) -> None:
    page = write_page(
        "pipeline.md",
        f"""\
        ## YAML syntax

        {HEADER}
        | `jobs` | object | Steps. The key is the step name and the value is a [command job](#command). | | |

        ### Command

        {HEADER}
        | `command` | string | **Required.** What to run. | | |
        """,
    )
    assert DocsReader().read(page).paths == ["jobs", "jobs.<name>.command"]
