"""The bundled corpora load offline, with their attribution, and the masked-LM split is fixed."""

from lmviz.models.tiny import bert_tokenizer
from lmviz.text import corpora
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
