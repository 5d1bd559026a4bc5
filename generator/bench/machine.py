"""What the numbers were measured on: the CPU, the cores, Python, the tools' versions."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The tools whose versions explain the numbers, in the order they are shown.
TOOLS = (
    "docgen",
    "datamodel-code-generator",
    "black",
    "pydantic",
    "pydantic-core",
    "ruamel.yaml",
    "PyYAML",
    "azure-ai-ml",
    "marshmallow",
    "check-jsonschema",
    "jsonschema",
)


def cpu_model(cpuinfo: str) -> str:
    """The first ``model name`` (x86) or ``Model`` / ``Hardware`` (ARM) of /proc/cpuinfo."""
    for key in ("model name", "Model", "Hardware", "cpu model"):
        for line in cpuinfo.splitlines():
            name, sep, value = line.partition(":")
            if sep and name.strip() == key and value.strip():
                return " ".join(value.split())
    return "unknown CPU"


def machine() -> list[tuple[str, str]]:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        info = ""
    cpu = cpu_model(info) if info else platform.processor() or "unknown CPU"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    return [
        ("CPU", cpu),
        ("cores", str(usable)),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("OS", f"{platform.system()} {platform.release()}"),
    ]


def tool_versions(names: tuple[str, ...] = TOOLS) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in names:
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "not installed"))
    return found
