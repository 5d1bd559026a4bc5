"""Reading a page's bytes as text, with one-line errors for files that are not UTF-8."""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError


def read_text(path: Path, display: str) -> str:
    """The file's text; an InputError naming ``display:line`` when it cannot be read.

    A UTF-8 byte-order mark is dropped; line endings are normalised to ``\\n`` so
    that line numbers match what an editor shows.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=display) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded",
            file=display,
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
