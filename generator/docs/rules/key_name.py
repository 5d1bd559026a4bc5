"""Rule: the key cell names the key, usually as a code span (`` `limits.max_trials` ``)."""

from __future__ import annotations

import re

from generator.docs.rules.row import KEY, RowContext, RowFacts
from generator.model import Severity

# A segment is a placeholder or a name; names may carry a "$" ($schema), a "--"
# (program arguments of parallel jobs) or a "/" (resource names like nvidia.com/gpu).
_SEGMENT = r"(<[^<>.]+>|(--)?\$?[A-Za-z_][\w/-]*)(\[\])?"
KEY_PATTERN = re.compile(rf"^{_SEGMENT}(\.{_SEGMENT})*$")


def key_name(ctx: RowContext, facts: RowFacts) -> None:
    cell = ctx.cell(KEY)
    if cell is None:
        return
    candidate = cell.code[0] if cell.code else cell.text.replace("`", "")
    candidate = candidate.strip().strip(":,;").strip()
    if not candidate:
        ctx.report("key-missing", "the key cell is empty", Severity.ERROR)
        return
    if not KEY_PATTERN.match(candidate):
        ctx.report("key-malformed", f"the key cell `{candidate}` is not a key name", Severity.ERROR)
        return
    facts.key = candidate
