"""A one-line description of the machine a benchmark ran on, for its results table."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def describe() -> str:
    """OS, CPU model, cores, RAM and Python version (read from /proc where there is one)."""
    cpu = platform.processor() or platform.machine() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(x for x in lines if x.startswith("MemTotal")).split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    python = platform.python_version()
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; Python {python}"
