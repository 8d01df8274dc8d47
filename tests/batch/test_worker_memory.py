"""Workers hand freed memory back to the system after each task."""

from __future__ import annotations

import pytest

from quotes.batch import _malloc_trim, release_free_memory


def _resident_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(x for x in status if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(_malloc_trim() is None, reason="needs glibc's malloc_trim")
def test_freed_memory_goes_back_after_a_task() -> None:
    # Many mid-sized blocks with a survivor after them, as a parse leaves its heap: glibc keeps
    # the freed space because the top of the heap is still in use.
    blocks = [bytes(2000) for _ in range(100_000)]
    survivor = bytes(2000)
    del blocks
    held = _resident_mib()
    release_free_memory()
    assert _resident_mib() < held - 100
    assert survivor == bytes(2000)
