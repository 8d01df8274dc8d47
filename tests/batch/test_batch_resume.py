"""Kill -9 a real `quotes extract` process mid-batch, run it again: the database equals an uninterrupted run's."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_helpers import dump, make_corpus, run, texts

from quotes.store import open_store, repository

COPIES = 60  # 360 articles: long enough to kill the process part-way


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def _extract(articles: Path, parses: Path, db: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "quotes", "extract", str(articles), "--parsed", str(parses)]
    cmd += ["--db", str(db), "--format", "none", "--quiet", "--workers", "1", "--chunk-size", "4"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "QUOTES_DB": ""})


def test_killed_batch_resumes_to_the_same_database(tmp_path: Path) -> None:
    articles, parses = make_corpus(tmp_path, copies=COPIES)
    total = COPIES * len(texts())
    bad = articles / "batch000" / "zz-binary.txt"
    bad.write_bytes(b"\x00\x00")
    db = tmp_path / "killed.db"

    proc = _extract(articles, parses, db)
    deadline = time.monotonic() + 60
    while _stored(db) < 8 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    at_kill = _stored(db)
    if proc.returncode != -signal.SIGKILL or at_kill >= total:
        pytest.fail(f"the batch was not interrupted mid-way (rc={proc.returncode}, {at_kill}/{total} stored)")
    assert at_kill >= 8

    again = _extract(articles, parses, db)
    _, err = again.communicate(timeout=120)
    assert again.returncode == 3, err.decode()  # the binary file is an error in both runs

    reference = open_store(str(tmp_path / "reference.db"))
    resumed = open_store(str(db))
    try:
        summary = run(reference, [articles], parses)
        assert summary.stored == total
        assert dump(resumed) == dump(reference)
        with resumed.sessions() as s:
            runs = repository.list_runs(s)
        # The rerun marked the killed run as such and skipped what it had committed.
        assert [r.status for r in runs] == ["finished", "killed"]
        assert runs[0].articles_skipped == at_kill and runs[0].articles_stored == total - at_kill
    finally:
        reference.close()
        resumed.close()
