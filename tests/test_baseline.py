"""The drift baseline: load, apply, rewrite; malformed lines are errors naming file:line."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from generator.baseline import (
    HEADER,
    TODO_REASON,
    apply_baseline,
    load_baseline,
    render_baseline,
    write_baseline,
)
from generator.errors import InputError
from generator.findings import RULES, BaselineEntry, Finding
from generator.model import Source

DOC = "docs_src/reference/image-classification.md"
SCH = "docs_src/schemas/autoMLImageClassificationJob.json"
SHOWN = "docs_src/drift-baseline.txt"

TYPE = Finding("type-differs", "training_parameters.learning_rate", "m1", docs=Source(DOC, 40))
BANDIT = Finding(
    "default-differs",
    "sweep.early_termination.slack_factor",
    "m2",
    docs=Source(DOC, 88),
    schema=Source(SCH, pointer="/definitions/Bandit"),
    variant="sweep.early_termination=bandit",
)
SCHEMA_ONLY = Finding("key-not-documented", "resources", "m3", schema=Source(SCH, pointer="/p"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "drift-baseline.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_an_empty_baseline(tmp_path: Path) -> None:
    assert load_baseline(tmp_path / "nope.txt", SHOWN) == []


def test_load_reads_entries_skipping_comments_and_blank_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# a comment\n"
        "\n"
        f"type-differs {DOC} training_parameters.learning_rate  # docs round it # really\n"
        "   # an indented comment\n"
        f"default-differs {DOC} sweep.early_termination.slack_factor"
        " [sweep.early_termination=bandit] #per model\n",
    )
    assert load_baseline(path, SHOWN) == [
        BaselineEntry(TYPE.fingerprint, "docs round it # really", 3, SHOWN),
        BaselineEntry(BANDIT.fingerprint, "per model", 5, SHOWN),
    ]


def test_round_trip_accepts_every_finding(tmp_path: Path) -> None:
    path = tmp_path / "docs_src" / "drift-baseline.txt"
    findings = [TYPE, BANDIT, SCHEMA_ONLY]
    write_baseline(path, findings, [])
    entries = load_baseline(path, SHOWN)
    assert {e.fingerprint for e in entries} == {f.fingerprint for f in findings}
    assert all(e.reason == TODO_REASON for e in entries)
    new, accepted, stale = apply_baseline(findings, entries)
    assert new == []
    assert [f for f, _ in accepted] == findings
    assert all(entry.fingerprint == f.fingerprint for f, entry in accepted)
    assert stale == []


def test_apply_splits_new_accepted_and_stale() -> None:
    kept = BaselineEntry(TYPE.fingerprint, "deliberate", 4, SHOWN)
    gone = BaselineEntry(f"range-differs {DOC} limits.max_trials", "was fixed", 5, SHOWN)
    moved = Finding(TYPE.rule, TYPE.path, "m1", docs=Source(DOC, 400))  # same key, other line
    new, accepted, stale = apply_baseline([TYPE, BANDIT, moved], [kept, gone])
    assert new == [BANDIT]
    assert accepted == [(TYPE, kept), (moved, kept)]
    assert stale == [gone]


def test_rewrite_keeps_reasons_and_drops_stale_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"type-differs {DOC} training_parameters.learning_rate  # the docs round the value\n"
        f"range-differs {DOC} limits.max_trials  # fixed since\n",
    )
    previous = load_baseline(path, SHOWN)
    text = write_baseline(path, [BANDIT, TYPE], previous)
    assert text == HEADER + (
        "\n"
        f"default-differs {DOC} sweep.early_termination.slack_factor"
        f" [sweep.early_termination=bandit]  # {TODO_REASON}\n"
        f"type-differs {DOC} training_parameters.learning_rate  # the docs round the value\n"
    )
    assert path.read_text(encoding="utf-8") == text
    reloaded = load_baseline(path, SHOWN)
    assert [(e.fingerprint, e.reason) for e in reloaded] == [
        (BANDIT.fingerprint, TODO_REASON),
        (TYPE.fingerprint, "the docs round the value"),
    ]


def test_header_explains_the_format_and_the_todo() -> None:
    assert all(line.startswith("#") for line in HEADER.splitlines())
    assert "<fingerprint>  # <reason>" in HEADER
    assert "TODO" in HEADER


def test_rewrite_is_deterministic(tmp_path: Path) -> None:
    findings = [TYPE, BANDIT, SCHEMA_ONLY, TYPE]  # a repeated fingerprint gives one line
    first = render_baseline(findings, [])
    rng = random.Random(7)
    for _ in range(5):
        rng.shuffle(findings)
        assert render_baseline(findings, []) == first
    assert first.count(TYPE.fingerprint) == 1
    lines = [line for line in first.splitlines() if line and not line.startswith("#")]
    assert lines == sorted(lines)


def test_empty_baseline_is_the_header_alone(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    assert write_baseline(path, [], []) == HEADER
    assert load_baseline(path, SHOWN) == []


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# old\n")
    os.chmod(path, 0o640)
    write_baseline(path, [TYPE], [])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drift-baseline.txt"]
    assert path.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.txt"
    write_baseline(fresh, [TYPE], [])
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "# old\n")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_baseline(path, [TYPE], [])
    assert path.read_text(encoding="utf-8") == "# old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drift-baseline.txt"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            f"type-differs {DOC} training_parameters.learning_rate",
            "baseline entry has no reason: write '<fingerprint>  # <reason>'"
            f" (type-differs {DOC} training_parameters.learning_rate)",
        ),
        (
            f"type-differs {DOC} training_parameters.learning_rate  #   ",
            "baseline entry has no reason: write '<fingerprint>  # <reason>'"
            f" (type-differs {DOC} training_parameters.learning_rate  #)",
        ),
        (
            f"type-drift {DOC} x  # because",
            f"baseline entry has unknown rule 'type-drift' (known rules: {', '.join(RULES)})",
        ),
        (
            "type-differs onlyafile  # because",
            "baseline entry needs a fingerprint '<rule> <file> <key path> [<variant>]'"
            " (type-differs onlyafile)",
        ),
    ],
)
def test_malformed_line_is_an_error_at_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path, f"# header\n\n{line}\n")
    with pytest.raises(InputError) as caught:
        load_baseline(path, SHOWN)
    error = caught.value
    assert (error.file, error.line, error.message) == (SHOWN, 3, message)
    # Printed as one line, white space runs folded.
    assert str(error) == f"{SHOWN}:3: {' '.join(message.split())}"
    assert error.exit_code == 2


def test_repeated_entry_is_an_error(tmp_path: Path) -> None:
    entry = f"type-differs {DOC} training_parameters.learning_rate"
    path = write(tmp_path, f"{entry}  # one\n{entry}  # two\n")
    with pytest.raises(InputError) as caught:
        load_baseline(path, SHOWN)
    assert str(caught.value) == f"{SHOWN}:2: baseline entry repeats line 1: {entry}"


def test_non_utf8_baseline_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"# ok\n# ok\ntype-differs a b  # caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load_baseline(path, SHOWN)
    assert str(caught.value).startswith(f"{SHOWN}:3: not UTF-8: byte 0x")
