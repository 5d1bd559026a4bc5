"""Reading an input file as text, with one-line errors for what makes it unreadable.

Every reader (reference pages, JSON schemas, the baseline, job YAML) goes through
:func:`read_text_file`: a size cap (a 10 MB page or schema is a mistake, not an
input), UTF-8 with the line of the first bad byte, and an optional refusal of
empty files.  Line endings are normalised to ``\\n`` so that line numbers match
what an editor shows.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError

MAX_BYTES = 4 * 1024 * 1024


def read_text_file(
    path: Path, display: str, *, what: str = "file", allow_empty: bool = False
) -> str:
    """The text of ``path``; an InputError naming ``display`` (and the line) when it can't be."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"the {what} is too large: {size} bytes (the limit is {MAX_BYTES})", file=display
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror or exc}", file=display) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded",
            file=display,
            line=line,
        ) from None
    if not allow_empty and not text.strip():
        raise InputError(f"the {what} is empty", file=display, line=1)
    return text.replace("\r\n", "\n").replace("\r", "\n")
