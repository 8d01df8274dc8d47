"""Text to ParsedDoc. The only package that imports stanza (lazily, never at import time)."""

from quotes.nlp.conllu import read_conllu, write_conllu
from quotes.nlp.doc import Entity, ParsedDoc, Sentence, Token

__all__ = ["Entity", "ParsedDoc", "Sentence", "Token", "read_conllu", "write_conllu"]
