"""Autoregressive vs masked: the same word predicted by a causal model (left context only) and by a masked
model (both sides), with words aligned across the two tokenizers by their character spans.

Words come from `lmviz.text.words.find_words`, so word boundaries never depend on either model's
tokenizer; a word's pieces in a model are the tokens whose spans overlap the word's characters.
"""

from lmviz.analysis.compare.align import AlignedWord, Alignment, align
from lmviz.analysis.compare.fills import MAX_BLANKS, BlankFill, causal_blank, masked_fills
from lmviz.analysis.compare.reading import DEFAULT_K, Candidate, Piece
from lmviz.analysis.compare.rescore import Rescored, rescore_blank, rescore_word
from lmviz.analysis.compare.score import WordPrediction, causal_word, masked_word
from lmviz.analysis.compare.strip import MAX_LOGITS, MAX_STRIP_WORDS, Strip, StripWord, sentence_strip
from lmviz.text.words import BLANK, Blank, Word, find_words, parse_blanks, pick_word

__all__ = [
    "BLANK",
    "DEFAULT_K",
    "MAX_BLANKS",
    "MAX_LOGITS",
    "MAX_STRIP_WORDS",
    "AlignedWord",
    "Alignment",
    "Blank",
    "BlankFill",
    "Candidate",
    "Piece",
    "Rescored",
    "Strip",
    "StripWord",
    "Word",
    "WordPrediction",
    "align",
    "causal_blank",
    "causal_word",
    "find_words",
    "masked_fills",
    "masked_word",
    "parse_blanks",
    "pick_word",
    "rescore_blank",
    "rescore_word",
    "sentence_strip",
]
