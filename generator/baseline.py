"""The drift baseline: findings accepted as deliberate, one per line, each with its reason.

A baseline file (by default ``docs_src/drift-baseline.txt``) reads well in a diff::

    # comment lines start with '#'; blank lines are ignored
    default-differs docs_src/reference/a.md training_parameters.lr  # the SDK's default varies

Each entry is a :attr:`~generator.findings.Finding.fingerprint` (rule, file, key
path and variant, but no line number), two spaces, ``#`` and the reason.  An
entry without a reason, with an unknown rule, or repeated is an
:class:`~generator.errors.InputError` naming its line (exit 2).

:func:`apply_baseline` splits findings into new and accepted ones and names the
entries that match nothing (stale: the difference was fixed, so the entry must
go).  :func:`write_baseline` rewrites the file from the current findings,
keeping every reason it already had.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from generator.errors import InputError
from generator.findings import RULES, BaselineEntry, Finding
from generator.textfiles import read_text_file

DEFAULT_BASELINE = Path("docs_src") / "drift-baseline.txt"
TODO_REASON = "TODO: say why this difference is deliberate"

HEADER = """\
# docgen drift baseline: differences between the docs and the schemas that are deliberate.
#
# One accepted finding per line:  <fingerprint>  # <reason>
# A fingerprint is "<rule> <docs-or-schema file> <key path> [<variant>]". It has no line
# number, so edits elsewhere on a page keep an entry valid. The check fails on findings
# not listed here and on entries that match no finding (stale: delete them).
# Rewriting the baseline keeps every reason; new entries get a TODO reason: replace each
# TODO with why the difference is deliberate.
"""

# The fingerprint, then white space, '#', and the reason.  Fingerprints never hold
# " #", while a reason may hold '#' anywhere.
_ENTRY = re.compile(r"(?P<fingerprint>\S(?:.*?\S)?)\s+#(?P<reason>.*)")


def load_baseline(path: Path, display: str) -> list[BaselineEntry]:
    """The entries of the baseline at ``path`` (shown as ``display``); none if it is absent."""
    if not path.exists():
        return []
    text = read_text_file(path, display, what="baseline", allow_empty=True)
    entries: list[BaselineEntry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        entry = _parse_line(stripped, display, number)
        if entry.fingerprint in seen:
            raise InputError(
                f"baseline entry repeats line {seen[entry.fingerprint]}: {entry.fingerprint}",
                file=display,
                line=number,
            )
        seen[entry.fingerprint] = number
        entries.append(entry)
    return entries


def _parse_line(line: str, display: str, number: int) -> BaselineEntry:
    match = _ENTRY.fullmatch(line)
    reason = match["reason"].strip() if match else ""
    if match is None or not reason:
        raise InputError(
            f"baseline entry has no reason: write '<fingerprint>  # <reason>' ({line})",
            file=display,
            line=number,
        )
    fingerprint = match["fingerprint"]
    parts = fingerprint.split(" ", 2)
    if parts[0] not in RULES:
        known = ", ".join(RULES)
        raise InputError(
            f"baseline entry has unknown rule {parts[0]!r} (known rules: {known})",
            file=display,
            line=number,
        )
    if len(parts) < 3 or not parts[1] or not parts[2]:
        raise InputError(
            "baseline entry needs a fingerprint '<rule> <file> <key path> [<variant>]'"
            f" ({fingerprint})",
            file=display,
            line=number,
        )
    return BaselineEntry(fingerprint=fingerprint, reason=reason, line=number, file=display)


def apply_baseline(
    findings: list[Finding], entries: list[BaselineEntry]
) -> tuple[list[Finding], list[tuple[Finding, BaselineEntry]], list[BaselineEntry]]:
    """Split ``findings`` into (new, accepted with their entry, stale entries).

    One entry accepts every finding with its fingerprint; an entry that accepts
    nothing is stale.  Findings and stale entries keep their input order.
    """
    by_fingerprint = {entry.fingerprint: entry for entry in entries}
    new: list[Finding] = []
    accepted: list[tuple[Finding, BaselineEntry]] = []
    used: set[str] = set()
    for finding in findings:
        entry = by_fingerprint.get(finding.fingerprint)
        if entry is None:
            new.append(finding)
        else:
            accepted.append((finding, entry))
            used.add(entry.fingerprint)
    stale = [entry for entry in entries if entry.fingerprint not in used]
    return new, accepted, stale


def render_baseline(findings: list[Finding], previous: list[BaselineEntry]) -> str:
    """The baseline text accepting every finding: sorted, one line per fingerprint."""
    reasons = {entry.fingerprint: entry.reason for entry in previous}
    fingerprints = sorted({finding.fingerprint for finding in findings})
    lines = [f"{fp}  # {reasons.get(fp, TODO_REASON)}" for fp in fingerprints]
    return HEADER + ("\n" + "\n".join(lines) + "\n" if lines else "")


def write_baseline(path: Path, findings: list[Finding], previous: list[BaselineEntry]) -> str:
    """Write :func:`render_baseline`'s text to ``path`` atomically, and return it."""
    text = render_baseline(findings, previous)
    _write_atomically(path, text.encode("utf-8"))
    return text


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); keep the old file's mode, else rw-r--r--.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
