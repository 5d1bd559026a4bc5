"""The runtime's libyaml fast path reads every document exactly as ruamel's pure reader does.

Each document is read both ways: the values, every key and value position, and every
problem must be the same.  Documents the two readers would treat differently must not take
the fast path at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generated import runtime

pytestmark = pytest.mark.skipif(
    runtime._fast_compose is None, reason="PyYAML's libyaml binding is not installed"
)

REPO = Path(__file__).resolve().parents[1]


def _read(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(runtime, "_fast_compose", None)
        try:
            document = runtime._compose(text)
        except runtime._Stop as stop:
            return ("problem", stop.position, stop.message, stop.path)
    return ("ok", repr(document.data), document.values, document.keys)


def _same(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    pure = _read(text, False, monkeypatch)
    assert _read(text, True, monkeypatch) == pure
    return pure


JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/autoMLJob.schema.json
type: automl
task: image_classification
limits: {max_trials: 10, timeout_minutes: 60}
training_data:
  path: "azureml:fridge:1"
  type: mltable
search_space:
  - model_name: [vitb16r224, seresnext]
    learning_rate: 0x10
    number_of_epochs: 1_000
    weight: .inf
    flag: yes
    when: 2001-12-14t21:59:43.10-05:00
    nothing: null
"""


def test_a_plain_job_takes_the_fast_path_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert runtime._fast_compose is not None
    assert runtime._fast_compose(JOB) is not None
    result = _same(JOB, monkeypatch)
    assert result[0] == "ok"
    assert "'flag': 'yes'" in result[1]  # YAML 1.2: `yes` is a string


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # aliases: their budget is counted by the reference reader
        "base: &b {x: 1}\nother:\n  <<: *b\n",
        "%YAML 1.1\n---\na: yes\n",  # a directive changes the tag resolution
        "a:\tb\n",  # tabs
        "a: b\ufeffc\n",  # a byte order mark past the start
        "a: b\x85c: d\n",  # a YAML 1.1 line break
        "a:\nb: 1\n",  # an empty value: the readers mark it in different places
        "command: >-\n  python train.py\n",  # block scalars
        "command: >#-\n  python train.py\n",
        "a: |-\n  \n\n    x\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "",  # no document
        "a: [1, 2\n",  # a syntax error
        "a: 1\na: 2\n",  # a duplicate key
        "a: !!python/object:os.system x\n",  # a tag outside the allowlist
        "[" * 65 + "]" * 65,  # deeper than MAX_FAST_DEPTH
    ],
)
def test_documents_the_readers_treat_differently_take_the_reference_reader(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert runtime._fast_compose is not None
    composed = runtime._fast_compose(text)
    if composed is not None:  # libyaml read it: the builder must then refuse it
        with pytest.raises((runtime._Stop, RecursionError)):
            runtime._Builder().build(composed, ())
    _same(text, monkeypatch)


def test_deep_nesting_never_reaches_libyaml_s_recursive_composer() -> None:
    # libyaml's composer recurses in C: 100,000 levels would overflow the C stack.
    assert runtime._fast_compose is not None
    assert runtime._fast_compose("[" * 100_000 + "]" * 100_000) is None


def _yaml_files() -> Iterator[Path]:
    for folder in (REPO / "docs_src", REPO / "generated", REPO / "tests"):
        yield from sorted(folder.rglob("*.yml"))
    corpus = REPO.parent / "shared" / "corpus" / "azureml-examples"
    if corpus.is_dir():
        yield from sorted(corpus.rglob("*.yml"))


def test_every_yaml_file_reads_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = 0
    for path in _yaml_files():
        try:
            text = runtime._decode(path.read_bytes())
        except runtime._Stop:
            continue
        _same(text, monkeypatch)
        compared += 1
    assert compared > 100
