"""What the benchmarks share: a one-line description of the machine, and their results file."""

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


def replace_section(heading: str, section: str) -> Path:
    """Put ``section`` in benchmarks/RESULTS.md in place of the section that starts with ``heading`` (or at the
    end when there is none); returns the file."""
    results = Path(__file__).with_name("RESULTS.md")
    text = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n\n"
    if heading in text:
        head, _, rest = text.partition(heading)
        tail = rest.split("\n## ", 1)
        text = head + section + ("\n## " + tail[1] if len(tail) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")
    return results
