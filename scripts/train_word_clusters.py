"""Group the words of the bundled word vectors into clusters: writes quotes/extract/data/word_clusters.tsv.

    python scripts/train_word_clusters.py            # needs pip install -e '.[train]'

The attribution tagger reads a word's cluster as a feature, so a cue word it never saw in
training ("groused") weighs like the words near it in the vector space ("complained").
The vectors are those of the bundled stanza models (quotes/nlp/stanza_en_compact/pretrain.pt:
50,000 lowercase words, 100 dimensions); k-means on the unit-length vectors, with a fixed
seed, gives the same file each time. Each line is the word, its fine cluster (``-k``) and its
coarse cluster (``--coarse``): the coarse one groups broad kinds of word, so rare words of a
kind share weight even where the fine clusters part them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRETRAIN = ROOT / "quotes" / "nlp" / "stanza_en_compact" / "pretrain.pt"
DEFAULT_OUT = ROOT / "quotes" / "extract" / "data" / "word_clusters.tsv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pretrain", default=str(PRETRAIN), help="a stanza pretrain.pt file")
    parser.add_argument("-k", "--clusters", type=int, default=512, help="fine clusters (default 512)")
    parser.add_argument("--coarse", type=int, default=64, help="coarse clusters (default 64)")
    parser.add_argument("-o", "--out", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    try:
        import numpy as np  # noqa: PLC0415 - training-time tools only
        import torch  # noqa: PLC0415
        from sklearn.cluster import KMeans  # noqa: PLC0415
    except ImportError:
        print("needs scikit-learn and torch: pip install -e '.[train]'", file=sys.stderr)
        return 2
    data = torch.load(args.pretrain, weights_only=False)
    unit2id: dict[str, int] = data["vocab"]["_unit2id"]
    vectors = data["emb"].float().numpy()
    words = [w for w, i in sorted(unit2id.items(), key=lambda kv: kv[1]) if not (w.startswith("<") and w.endswith(">"))]
    rows = np.stack([vectors[unit2id[w]] for w in words])
    rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-8)
    fine = KMeans(n_clusters=args.clusters, n_init=4, random_state=0).fit_predict(rows)
    coarse = KMeans(n_clusters=args.coarse, n_init=4, random_state=0).fit_predict(rows)
    out = Path(args.out)
    lines = (f"{w}\t{f}\t{c}\n" for w, f, c in zip(words, fine, coarse, strict=True))
    out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(words)} words in {args.clusters} fine and {args.coarse} coarse clusters -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
