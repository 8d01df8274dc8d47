"""The one place stanza is used: text in, frozen ParsedDoc out.

Models load on first use (never at import), once per process, and documents
are sent to stanza in batches.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

from quotes.errors import QuotesError
from quotes.nlp.doc import ParsedDoc, Sentence, Token, entities_from_bioes, paragraph_index, paragraph_spans
from quotes.nlp.models import ModelSet, resolve_models

FULL = "tokenize,mwt,pos,lemma,depparse,ner"
TOKENIZE_ONLY = "tokenize,mwt"

_lock = threading.Lock()
_pipelines: dict[tuple[str, str], Any] = {}


def _load(models: ModelSet, processors: str) -> Any:
    key = (str(models.path), processors)
    with _lock:
        if key not in _pipelines:
            try:
                import stanza  # noqa: PLC0415 - heavy import kept off the module import path
                import torch  # noqa: PLC0415

                threads = os.environ.get("QUOTES_TORCH_THREADS")
                if threads:
                    torch.set_num_threads(int(threads))
                # stanza warns "Unsupported language: en" for the bundled empty resources.json; harmless.
                logging.getLogger("stanza").setLevel(logging.ERROR)
                _pipelines[key] = stanza.Pipeline(
                    use_gpu=_use_gpu(), logging_level="ERROR", **models.pipeline_kwargs(processors)
                )
            except ImportError as exc:
                raise QuotesError(f"stanza is not installed ({exc}); install quotes with its dependencies") from None
            except Exception as exc:  # stanza raises many kinds on a bad model file
                raise QuotesError(f"cannot load stanza models from {models.path}: {exc}") from None
        return _pipelines[key]


def _use_gpu() -> bool:
    return os.environ.get("QUOTES_GPU", "").lower() in ("1", "true", "yes")


class Parser:
    """Turns article texts into ParsedDocs with one stanza pipeline."""

    def __init__(self, models: ModelSet | None = None, processors: str = FULL, batch_size: int = 16) -> None:
        self.models = models or resolve_models()
        self.processors = processors
        self.batch_size = batch_size

    def parse(self, text: str) -> ParsedDoc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Sequence[str]) -> list[ParsedDoc]:
        import stanza  # noqa: PLC0415

        nlp = _load(self.models, self.processors)
        out: list[ParsedDoc] = []
        for i in range(0, len(texts), self.batch_size):
            chunk = texts[i : i + self.batch_size]
            # Empty strings make stanza fail; they parse to an empty doc.
            todo = [(j, t) for j, t in enumerate(chunk) if t.strip()]
            docs = nlp([stanza.Document([], text=t) for _, t in todo]) if todo else []
            done: dict[int, ParsedDoc] = {j: to_parsed_doc(t, d) for (j, t), d in zip(todo, docs, strict=True)}
            out.extend(done.get(j, ParsedDoc(t, ())) for j, t in enumerate(chunk))
        return out


def to_parsed_doc(text: str, doc: Any) -> ParsedDoc:
    """Convert a stanza Document for ``text`` into a ParsedDoc."""
    paragraphs = paragraph_spans(text)
    sentences: list[Sentence] = []
    for s_index, sent in enumerate(doc.sentences):
        tokens: list[Token] = []
        for tok in sent.tokens:
            words = tok.words
            for word in words:
                start, end = _word_span(tok, word, len(words))
                tokens.append(
                    Token(
                        index=word.id - 1,
                        text=word.text,
                        start=start,
                        end=end,
                        lemma=word.lemma or "",
                        upos=word.upos or "",
                        xpos=word.xpos or "",
                        head=(word.head - 1) if word.head else -1,
                        deprel=word.deprel or "",
                        ner=getattr(tok, "ner", None) or "O",
                        feats=word.feats or "",
                    )
                )
        if tokens:
            sentences.append(Sentence(len(sentences), tuple(tokens), paragraph_index(paragraphs, tokens[0].start)))
        del s_index
    sents = tuple(sentences)
    return ParsedDoc(text, sents, entities_from_bioes(sents, text), paragraphs)


def _word_span(tok: Any, word: Any, n_words: int) -> tuple[int, int]:
    if n_words == 1 or word.start_char is not None:
        start = word.start_char if word.start_char is not None else tok.start_char
        end = word.end_char if word.end_char is not None else tok.end_char
        return start, end
    return tok.start_char, tok.end_char
