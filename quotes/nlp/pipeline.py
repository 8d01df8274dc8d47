"""The one place stanza is used: text in, frozen ParsedDoc out.

Models load on first use (never at import), once per process, and documents
are sent to stanza in batches.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

from quotes.errors import QuotesError
from quotes.nlp import speedups
from quotes.nlp.doc import ParsedDoc, Sentence, Token, entities_from_bioes, paragraph_index, paragraph_spans
from quotes.nlp.models import ModelSet, resolve_models

FULL = "tokenize,mwt,pos,lemma,depparse,ner"
TOKENIZE_ONLY = "tokenize,mwt"

# (document text, sentence spans) -> for each sentence, whether it needs a full parse.
SentenceSelector = Callable[[str, list[tuple[int, int]]], Sequence[bool]]

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
                speedups.install()
                # stanza warns "Unsupported language: en" for the bundled empty resources.json; harmless.
                logging.getLogger("stanza").setLevel(logging.ERROR)
                # lemma_store_results: a word the seq2seq lemmatizer has done once is looked up after
                # that (same lemma; names recur from article to article), at the cost of a growing
                # word list.
                _pipelines[key] = stanza.Pipeline(
                    use_gpu=_use_gpu(),
                    logging_level="ERROR",
                    lemma_store_results=True,
                    **models.pipeline_kwargs(processors),
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

    def parse_many(self, texts: Sequence[str], select: SentenceSelector | None = None) -> list[ParsedDoc]:
        """Parse texts in batches. With ``select``, every text is tokenised, but only the sentences
        ``select`` picks get tags, lemmas, a dependency parse and entities; the rest stay
        ``parsed=False``. Parsing is the expensive part, so this is where the time is saved."""
        if select is not None:
            return self._parse_selected(texts, select)
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


    def _parse_selected(self, texts: Sequence[str], select: SentenceSelector) -> list[ParsedDoc]:
        import stanza  # noqa: PLC0415

        nlp = _load(self.models, self.processors)
        out: list[ParsedDoc] = []
        for i in range(0, len(texts), self.batch_size):
            chunk = list(texts[i : i + self.batch_size])
            todo = [j for j, t in enumerate(chunk) if t.strip()]
            tokenized = nlp.process([stanza.Document([], text=chunk[j]) for j in todo], processors=TOKENIZE_ONLY)
            picked: list[list[bool]] = []
            subsets = []
            for j, doc in zip(todo, tokenized, strict=True):
                spans = [(s.tokens[0].start_char, s.tokens[-1].end_char) for s in doc.sentences]
                keep = list(select(chunk[j], spans))
                picked.append(keep)
                chosen = [s.to_dict() for s, k in zip(doc.sentences, keep, strict=True) if k]
                subsets.append(stanza.Document(chosen, text=chunk[j]))
            # One stanza call for the chosen sentences of the whole chunk keeps its batches full.
            non_empty = [d for d in subsets if d.sentences]
            if non_empty:
                nlp.process(non_empty, processors=self.processors.replace("tokenize,", "").replace("mwt,", ""))
            done: dict[int, ParsedDoc] = {}
            for j, doc, keep, subset in zip(todo, tokenized, picked, subsets, strict=True):
                parsed_iter = iter(subset.sentences)
                merged = [next(parsed_iter) if k else sent for sent, k in zip(doc.sentences, keep, strict=True)]
                done[j] = to_parsed_doc(chunk[j], merged, parsed_flags=keep)
            out.extend(done.get(j, ParsedDoc(t, ())) for j, t in enumerate(chunk))
        return out


def to_parsed_doc(text: str, doc: Any, parsed_flags: Sequence[bool] | None = None) -> ParsedDoc:
    """Convert a stanza Document (or its list of sentences) for ``text`` into a ParsedDoc."""
    paragraphs = paragraph_spans(text)
    sentences: list[Sentence] = []
    stanza_sentences = doc if isinstance(doc, list) else doc.sentences
    for s_index, sent in enumerate(stanza_sentences):
        parsed = parsed_flags[s_index] if parsed_flags is not None else True
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
            paragraph = paragraph_index(paragraphs, tokens[0].start)
            sentences.append(Sentence(len(sentences), tuple(tokens), paragraph, parsed))
    sents = tuple(sentences)
    return ParsedDoc(text, sents, entities_from_bioes(sents, text), paragraphs)


def _word_span(tok: Any, word: Any, n_words: int) -> tuple[int, int]:
    if n_words == 1 or word.start_char is not None:
        start = word.start_char if word.start_char is not None else tok.start_char
        end = word.end_char if word.end_char is not None else tok.end_char
        return start, end
    return tok.start_char, tok.end_char
