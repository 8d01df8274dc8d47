"""Parse a folder of articles once and keep the ParsedDocs, for fast work on extraction rules.

    python scripts/parse_corpus.py ../shared/data/polnear/train/text cache/train

Writes one pickle per article (name.pkl holding the ParsedDoc); existing ones are skipped.
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

from quotes.ingest import Article, read_paths
from quotes.nlp.pipeline import Parser


def main(src: str, dest: str, batch: int = 8) -> None:
    out = Path(dest)
    out.mkdir(parents=True, exist_ok=True)
    articles = [a for a in read_paths([src]) if isinstance(a, Article)]
    todo = [a for a in articles if not (out / f"{Path(a.source).stem}.pkl").exists()]
    parser = Parser()
    started = time.time()
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        for article, doc in zip(chunk, parser.parse_many([a.parse_text for a in chunk]), strict=True):
            (out / f"{Path(article.source).stem}.pkl").write_bytes(pickle.dumps(doc))
        done = min(i + batch, len(todo))
        print(f"{done}/{len(todo)} {time.time() - started:.0f}s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
