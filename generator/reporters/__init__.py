"""Reporters: a check result rendered as text, JSON, GitHub workflow commands or SARIF.

``get_reporter(name).render(result)`` gives the whole report as a string;
:data:`REPORTERS` maps each format name to its class.
"""

from __future__ import annotations

# Importing the format modules registers them.
from generator.reporters import github, jsondoc, sarif, text  # noqa: F401
from generator.reporters.base import REPORTERS, STALE_RULE, Reporter, get_reporter, register

__all__ = [
    "REPORTERS",
    "STALE_RULE",
    "Reporter",
    "get_reporter",
    "register",
]
