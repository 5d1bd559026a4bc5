"""Rule: the default cell.

Forms: a code span or bare literal (`` `info` ``, ``0.5``, ``False``); nothing or
"no default"; prose kept as a symbolic default ("Defaults to `max_total_trials`.");
and per-variant overrides, one per line, such as ``15 <br> (except `yolov5`: 30)``,
``Object detection: 2`` or ``- For instance segmentation task, `maskrcnn_resnet50_fpn` ``.
"""

from __future__ import annotations

import re

from generator.docs.rules.row import DEFAULT, RowContext, RowFacts
from generator.model import Default, DefaultKind, Override

_NONE_WORDS = {"", "no default", "none given", "n/a", "-", "not set", "no default value"}
_LITERAL = re.compile(r"^`?(?P<v>[^\s`]+)`?$")
_PAIR = re.compile(r"^\(?\s*(?:except\s+)?(?P<label>[^:]+?)\s*:\s*(?P<value>[^\s:]*?)\s*\)*$", re.I)
_FOR = re.compile(r"^-?\s*For (?P<label>.+?),\s*`?(?P<value>[^\s`]+)`?\s*$", re.I)
_NOTE = re.compile(r"^\*?\s*note", re.I)


def default_value(ctx: RowContext, facts: RowFacts) -> None:
    cell = ctx.cell(DEFAULT)
    if cell is None:
        return
    text = cell.text.strip()
    if text.lower().rstrip(".") in _NONE_WORDS:
        facts.default = Default(DefaultKind.NONE, None, text)
        return
    single = _LITERAL.match(text)
    if single:
        facts.default = Default(DefaultKind.LITERAL, None, text)
        facts.default_text = single.group("v")
        return
    main, overrides = _read_lines(cell.lines)
    if main is not None:
        facts.default = Default(DefaultKind.LITERAL, None, text, overrides)
        facts.default_text = main
    else:
        facts.default = Default(DefaultKind.SYMBOLIC, None, text.replace("\n", " "), overrides)


def _read_lines(lines: list[str]) -> tuple[str | None, tuple[Override, ...]]:
    """A main literal (first bare literal line) and the per-variant overrides."""
    main: str | None = None
    overrides: list[Override] = []
    group = ""  # "(except vit-variants:" opens a group whose lines are its overrides
    for line in lines:
        if _NOTE.match(line):
            continue
        literal = _LITERAL.match(line)
        if literal and main is None and not overrides:
            main = literal.group("v")
            continue
        pair = _PAIR.match(line) or _FOR.match(line)
        if not pair:
            continue
        label = _clean_label(pair.group("label"))
        value = pair.group("value").strip("`*() ")
        if not value:
            group = label
            continue
        overrides.append(
            Override(f"{group}: {label}" if group and label != group else label, value)
        )
    return main, tuple(overrides)


def _clean_label(label: str) -> str:
    label = label.replace("`", "").replace("*", "").strip().strip("()").strip()
    return re.sub(r"^except\s+", "", label, flags=re.I)
