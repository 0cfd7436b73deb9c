"""The bundled corpora load offline, with their attribution, and the masked-LM split is fixed."""

import pytest

from lmviz.errors import LmvizError
from lmviz.models.tiny import bert_tokenizer
from lmviz.text import chinese, corpora
from lmviz.training import masking as mlm


def test_wikipedia():
    wiki = corpora.wikipedia()
    assert len(wiki.documents) > 9000
    assert "CC BY-SA" in str(wiki.attribution) and "Wikipedia" in str(wiki.attribution)
    assert sum(map(len, wiki.documents)) > 4_000_000


def test_kjv_has_no_verse_markers():
    kjv = corpora.kjv()
    assert len(kjv.documents) > 24_000
    assert kjv.documents[0].startswith("In the beginning God created")
    assert not any(d[:1].isdigit() and ":" in d[:6] for d in kjv.documents[:2000])
    assert "public domain" in str(kjv.attribution)
    grouped = corpora.kjv(verses_per_document=10)
    assert len(grouped.documents) == -(-len(kjv.documents) // 10)


def test_held_out_split_is_disjoint():
    train, held_out = mlm.wikipedia_split()
    assert len(held_out) > 300 and not set(train) & set(held_out)


def test_chunks_are_bert_rows():
    tok = bert_tokenizer()
    rows = mlm.chunk_ids(tok, ["one two three"] * 50, 16)
    assert rows.shape[1] == 16
    assert (rows[:, 0] == tok.cls_token_id).all() and (rows[:, -1] == tok.sep_token_id).all()


def test_chinese_corpus_splits_by_poem_with_traditional_kept():
    poems = corpora.poems()
    assert len(poems) > 40_000
    held = [p for p in poems if p.held_out]
    assert 1_500 < len(held) < 2_500 and all(p.source == "quantangshi" for p in held)
    train_bodies = {p.text() for p in poems if not p.held_out}
    assert not any(p.text() in train_bodies for p in held)  # a held-out poem is nowhere in training
    train, held_out = corpora.poems_zh("train"), corpora.poems_zh("held_out")
    assert len(train.documents) + len(held_out.documents) == len(corpora.poems_zh("all").documents)
    assert "MIT" in str(train.attribution) and "JackeyGao" in str(train.attribution)
    jingyesi = next(p for p in poems if p.title == "静夜思" and p.author == "李白")
    assert jingyesi.lines == ("床前明月光，疑是地上霜。", "举头望明月，低头思故乡。")
    assert jingyesi.text("traditional") == "床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。"
    assert "風" in "".join(corpora.poems_zh("train", "traditional").documents[:500])
    assert "風" not in "".join(train.documents[:500])


def test_chinese_corpus_bad_split_is_a_clear_message():
    with pytest.raises(LmvizError, match="no split 'test'"):
        corpora.poems_zh("test")
    with pytest.raises(LmvizError, match="script 'cursive'"):
        corpora.poems_zh("train", "cursive")


def test_traditional_characters_have_simplified_forms():
    assert chinese.traditional_chars("舉頭望明月，什么") == {"舉": "举", "頭": "头"}
    assert chinese.to_simplified("風吹門開") == "风吹门开"
    assert chinese.traditional_chars("床前明月光") == {}
