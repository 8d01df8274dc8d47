from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.nlp.models import BUNDLED_DIR, check_online, resolve_models, verify_checksums


@pytest.fixture(autouse=True)
def _no_user_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Resolution must not depend on what happens to be installed for the user running the tests.
    monkeypatch.delenv("QUOTES_MODELS", raising=False)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza_resources"))


def _official_layout(root: Path) -> Path:
    for processor in ("tokenize", "pos", "depparse"):
        (root / "en" / processor).mkdir(parents=True)
    (root / "resources.json").write_text('{"en": {}}')
    return root


def test_bundled_models_are_the_fallback_and_intact() -> None:
    chosen = resolve_models()
    assert chosen.source == "bundled"
    assert chosen.path == BUNDLED_DIR
    assert verify_checksums(BUNDLED_DIR) == []


def test_official_models_in_stanza_dir_come_before_bundled(tmp_path: Path) -> None:
    _official_layout(tmp_path / "stanza_resources")
    chosen = resolve_models()
    assert (chosen.source, chosen.layout) == ("official", "official")


def test_explicit_dir_beats_everything(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _official_layout(tmp_path / "stanza_resources")
    monkeypatch.setenv("QUOTES_MODELS", str(BUNDLED_DIR))
    assert resolve_models().source == "explicit"
    official = _official_layout(tmp_path / "mine")
    assert resolve_models(official).layout == "official"


def test_explicit_dir_that_holds_no_models_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(QuotesError, match="not a stanza model directory"):
        resolve_models(tmp_path)


def test_compact_pipeline_kwargs_never_leave_a_path_to_download() -> None:
    kwargs = resolve_models().pipeline_kwargs("tokenize,mwt,pos,lemma,depparse,ner")
    assert kwargs["download_method"] is None
    for name in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner"):
        assert Path(str(kwargs[f"{name}_model_path"])).is_file()
    for name in ("pos", "depparse", "ner"):
        assert Path(str(kwargs[f"{name}_pretrain_path"])).is_file()


def test_checksum_mismatch_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.pt").write_bytes(b"changed")
    (tmp_path / "sha256sums.txt").write_text("0" * 64 + "  a.pt\n" + "0" * 64 + "  gone.pt\n")
    assert verify_checksums(tmp_path) == ["a.pt", "gone.pt (missing)"]


def test_models_info_names_the_bundled_models() -> None:
    out = subprocess.run([sys.executable, "-m", "quotes", "models", "info", "--verify"], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "bundled compact English models (stanza-en-compact)" in out.stdout
    assert "checksums: ok" in out.stdout


def test_download_offline_fails_fast_with_one_line() -> None:
    try:
        check_online(timeout=3)
    except QuotesError:
        pass
    else:
        pytest.skip("the model host is reachable here; the offline failure cannot be shown")
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "quotes", "models", "download"], capture_output=True, text=True,
                         timeout=30)
    elapsed = time.monotonic() - started
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach raw.githubusercontent.com"), out.stderr
    assert "bundled compact models work offline" in lines[0]
    assert elapsed < 5
