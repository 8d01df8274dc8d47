"""Find the stanza models to use, without importing stanza.

Order: an explicit directory (``--models DIR`` or ``QUOTES_MODELS``), then the
official English models if stanza's downloader has put them in its resources
directory, then the compact models bundled inside this package.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path

from quotes.errors import QuotesError

BUNDLED_DIR = Path(__file__).with_name("stanza_en_compact")
STANZA_VERSION = "1.15.0"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# Files of the compact layout; the three tagger/parser/NER processors share one pretrain.
COMPACT_FILES = {name: f"{name}.pt" for name in PROCESSORS}
COMPACT_FILES["pretrain"] = "pretrain.pt"
RESOURCES_HOST = "raw.githubusercontent.com"


@dataclass(frozen=True)
class ModelSet:
    source: str  # "explicit", "official" or "bundled"
    path: Path
    layout: str  # "compact" (one .pt per processor) or "official" (stanza resources dir)
    notes: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        names = {
            "explicit": "models from --models / QUOTES_MODELS",
            "official": "official stanza English models",
            "bundled": "bundled compact English models (stanza-en-compact)",
        }
        return f"{names[self.source]} at {self.path}"

    def pipeline_kwargs(self, processors: str) -> dict[str, object]:
        """Keyword arguments for ``stanza.Pipeline`` that never trigger a download."""
        if self.layout == "official":
            return {"lang": "en", "dir": str(self.path), "download_method": None, "processors": processors}
        kwargs: dict[str, object] = {
            "lang": "en",
            "dir": str(self.path),
            "download_method": None,
            "processors": processors,
        }
        for name in processors.split(","):
            kwargs[f"{name}_model_path"] = str(self.path / COMPACT_FILES[name])
            if name in ("pos", "depparse", "ner"):
                kwargs[f"{name}_pretrain_path"] = str(self.path / COMPACT_FILES["pretrain"])
        return kwargs


def stanza_resources_dir() -> Path:
    """Where stanza's downloader keeps models (same rule as stanza: env var, else its cache dir)."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "stanza" / STANZA_VERSION / "resources"


def _is_compact(path: Path) -> bool:
    return all((path / f).is_file() for f in COMPACT_FILES.values())


def _is_official(path: Path) -> bool:
    en = path / "en"
    return (path / "resources.json").is_file() and all((en / p).is_dir() for p in ("tokenize", "pos", "depparse"))


def resolve_models(explicit: str | os.PathLike[str] | None = None) -> ModelSet:
    chosen = explicit if explicit else os.environ.get("QUOTES_MODELS") or None
    if chosen:
        path = Path(chosen).expanduser()
        if _is_compact(path):
            return ModelSet("explicit", path, "compact")
        if _is_official(path):
            return ModelSet("explicit", path, "official")
        raise QuotesError(
            f"{path}: not a stanza model directory "
            "(expected tokenize.pt, pos.pt, ... or a stanza resources dir with en/)"
        )
    official = stanza_resources_dir()
    if _is_official(official):
        return ModelSet("official", official, "official")
    advice = "run `quotes models download` for the more accurate official models"
    return ModelSet("bundled", BUNDLED_DIR, "compact", notes=(advice,))


def verify_checksums(path: Path = BUNDLED_DIR) -> list[str]:
    """Names of files whose sha256 differs from sha256sums.txt (empty when all match)."""
    bad = []
    for line in (path / "sha256sums.txt").read_text().splitlines():
        if not line.strip():
            continue
        digest, name = line.split(maxsplit=1)
        target = path / name.strip()
        if not target.is_file():
            bad.append(f"{name.strip()} (missing)")
            continue
        h = hashlib.sha256()
        with target.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != digest:
            bad.append(name.strip())
    return bad


def model_files(models: ModelSet) -> dict[str, int]:
    """Model file name -> size in bytes, for reporting."""
    if models.layout == "compact":
        return {f: (models.path / f).stat().st_size for f in sorted(set(COMPACT_FILES.values()))}
    en = models.path / "en"
    return {str(p.relative_to(models.path)): p.stat().st_size for p in sorted(en.rglob("*.pt"))}


def check_online(host: str = RESOURCES_HOST, timeout: float = 3.0) -> None:
    """Fail fast, with advice, when stanza's model host cannot be reached."""
    started = time.monotonic()
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return
    except OSError as exc:
        waited = time.monotonic() - started
        raise QuotesError(
            f"cannot reach {host} ({exc.__class__.__name__} after {waited:.1f}s): official models need internet; "
            "the bundled compact models work offline, or copy a stanza resources dir here and pass --models DIR"
        ) from None


def download_official(target: Path | None = None) -> Path:
    """Fetch the official English models with stanza's own downloader (it draws a progress bar)."""
    target = target or stanza_resources_dir()
    check_online()
    import stanza  # noqa: PLC0415 - stanza is heavy; import only when downloading

    try:
        stanza.download("en", model_dir=str(target), processors=",".join(PROCESSORS), logging_level="INFO")
    except Exception as exc:  # stanza raises bare requests/OSError variants
        raise QuotesError(f"download failed: {exc}") from None
    return target


def read_resources_version(path: Path) -> str | None:
    try:
        data = json.loads((path / "resources.json").read_text())
    except (OSError, ValueError):
        return None
    return data.get("version") if isinstance(data, dict) else None
