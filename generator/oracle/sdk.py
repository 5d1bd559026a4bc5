"""The SDK's verdict: ``azure.ai.ml.load_job(path)``, then ``job._to_rest_object()``.

This is the only module that imports azure, and only when :class:`Sdk` is built, so the rest
of docgen (and the oracle's own tests) never needs the SDK.  Both steps run offline with no
workspace or credentials.  Any exception is a rejection; its class name, first line and field
errors are kept, with absolute paths made relative to the repository root.  The SDK's logging,
warnings and prints are silenced.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import warnings
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.oracle.corpus import REPO, shown
from generator.oracle.messages import field_errors, first_line
from generator.oracle.verdicts import SdkVerdict

PACKAGES = ("azure-ai-ml", "marshmallow")


class SdkMissing(Exception):
    """azure-ai-ml is not installed here."""


def versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No warnings, log lines or prints from the SDK while it runs (the oracle and the
    benchmarks both use it)."""
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
    ):
        warnings.simplefilter("ignore")
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


class Sdk:
    """``load_job`` with its output silenced and its messages made relative."""

    def __init__(self, root: Path = REPO, folders: Sequence[Path] = ()) -> None:
        for name in ("azure", "msrest", "urllib3"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        try:
            with quiet():
                module: Any = importlib.import_module("azure.ai.ml")
        except ImportError as exc:
            raise SdkMissing(f"azure-ai-ml cannot be imported ({exc})") from None
        self._load_job: Any = module.load_job
        self._replacements = _replacements(root, folders)

    def judge(self, path: Path, replacements: Sequence[tuple[str, str]] = ()) -> SdkVerdict:
        try:
            with quiet():
                job = self._load_job(path)
                job._to_rest_object()
        except Exception as exc:  # any exception is a rejection
            text = str(exc) + _leftover_arguments(exc)
            for old, new in (*replacements, *self._replacements):
                text = text.replace(old, new)
            return SdkVerdict(False, type(exc).__name__, first_line(text), field_errors(text), text)
        return SdkVerdict(True)


def _leftover_arguments(exc: Exception) -> str:
    """For ``object.__init__() takes exactly one argument``, which names no key: the keyword
    arguments that reached ``object.__init__``, read from the innermost ``__init__`` frame of
    the traceback, written the way Python names an unexpected one."""
    if not (isinstance(exc, TypeError) and str(exc).startswith("object.__init__() takes")):
        return ""
    leftover: dict[str, Any] = {}
    owner = "object"
    frame = exc.__traceback__
    while frame is not None:
        local = frame.tb_frame.f_locals
        if frame.tb_frame.f_code.co_name == "__init__" and isinstance(local.get("kwargs"), dict):
            leftover = local["kwargs"]
            owner = type(local.get("self")).__name__
        frame = frame.tb_next
    return "".join(
        f"\n(from the traceback) {owner}.__init__() got an unexpected keyword argument '{key}'"
        for key in sorted(leftover)
    )


def _replacements(root: Path, folders: Sequence[Path]) -> list[tuple[str, str]]:
    """Absolute paths to relative ones: ``folders`` (the corpus), the checkout, then the folder
    that holds it; the longest first."""
    pairs: dict[str, str] = {}
    for folder in folders:
        pairs.setdefault(f"{folder.resolve()}/", f"{shown(folder, root)}/")
    for base in (root.resolve(), root.absolute()):
        pairs.setdefault(f"{base}/", "")
        if len(base.parent.parts) > 1:
            pairs.setdefault(f"{base.parent}/", "../")
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


__all__ = ["Sdk", "SdkMissing", "versions"]
