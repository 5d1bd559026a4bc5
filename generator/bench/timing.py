"""Timing: commands in fresh subprocesses, calls in-process, several things interleaved.

Interleaving (A, B, A, B, ...) rather than all A runs then all B runs keeps a slow drift
of the machine (another process, a warm cache) from landing on one side only.  Each thing
gets unmeasured warm-up runs first (byte-compiling, the page cache).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

Clock = Callable[[], float]


class BenchError(RuntimeError):
    """A measured command did not do what it should (bad exit code, missing output)."""


def measure_interleaved(
    tasks: Sequence[Callable[[], object]],
    runs: int,
    *,
    warmup: int = 1,
    clock: Clock = time.perf_counter,
) -> list[list[float]]:
    """Time each task ``runs`` times, round by round; returns one list of seconds per task."""
    if runs < 1:
        raise ValueError("at least one run is needed")
    for _ in range(warmup):
        for task in tasks:
            task()
    samples: list[list[float]] = [[] for _ in tasks]
    for _ in range(runs):
        for i, task in enumerate(tasks):
            start = clock()
            task()
            samples[i].append(clock() - start)
    return samples


@dataclass(frozen=True)
class Command:
    """A command line run from ``cwd``, with the exit codes it may end with and text that
    its output (stdout + stderr) must contain, so a broken run is never timed as a fast one."""

    argv: tuple[str, ...]
    cwd: Path
    ok_codes: frozenset[int] = frozenset({0})
    expect: str = ""
    env: Mapping[str, str] = field(default_factory=dict)

    def run(self) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "PYTHONWARNINGS": "ignore", **self.env}
        done = subprocess.run(
            list(self.argv),
            cwd=self.cwd,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        output = done.stdout + done.stderr
        if done.returncode not in self.ok_codes or self.expect not in output:
            tail = "\n".join(output.strip().splitlines()[-15:])
            wanted = f", output with {self.expect!r}" if self.expect else ""
            raise BenchError(
                f"{self.shown()} exited {done.returncode} "
                f"(expected {sorted(self.ok_codes)}{wanted}):\n{tail}"
            )
        return done

    def shown(self, replace: Mapping[str, str] | None = None) -> str:
        """The command as a user would type it: the interpreter as ``python``, given
        folders replaced by short names (``TMP``)."""
        parts: list[str] = []
        for arg in self.argv:
            text = arg
            for long, short in sorted((replace or {}).items(), key=lambda kv: -len(kv[0])):
                text = text.replace(long, short)
            parts.append(text)
        if parts and Path(parts[0]).name.startswith("python"):
            parts[0] = "python"
        elif parts:
            parts[0] = Path(parts[0]).name
        return shlex.join(parts)
