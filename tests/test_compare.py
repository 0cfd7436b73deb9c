"""Autoregressive vs masked: word alignment, blanks, and both models' numbers against direct calls."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from lmviz import LmvizError
from lmviz.analysis import compare as cmp
from lmviz.messages import render_all

EOT = 50256  # GPT-2's <|endoftext|>: what the causal model reads before the text


def word_texts(text):
    return [w.text for w in cmp.find_words(text)]


def pieces(alignment, side):
    return [getattr(a, f"pieces_{side}") for a in alignment.words]


# --- words -------------------------------------------------------------------------------------------


def test_words_punctuation_is_flagged():
    words = cmp.find_words("Hello, world!")
    assert [(w.text, w.start, w.end, w.punctuation) for w in words] == [
        ("Hello", 0, 5, False),
        (",", 5, 6, True),
        ("world", 7, 12, False),
        ("!", 12, 13, True),
    ]


def test_words_follow_the_attention_rule():
    assert word_texts("我爱北京") == ["我", "爱", "北", "京"]
    assert word_texts("  don't stop... 3.14 👍🏽!") == ["don't", "stop", "...", "3.14", "👍🏽", "!"]
    assert word_texts("I love 🐶 dogs") == ["I", "love", "🐶", "dogs"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 我,.'3🐶\u0301\u200d🏽")), min_size=1, max_size=30))
def test_words_cover_every_inked_character_once(text):
    if not text.strip():
        return
    words = cmp.find_words(text)
    covered = [i for w in words for i in range(w.start, w.end)]
    assert covered == sorted(set(covered))  # in order, no overlap
    assert [w.index for w in words] == list(range(len(words)))
    assert all(w.text == text[w.start : w.end] and w.text.strip() == w.text for w in words)
    assert {i for i, c in enumerate(text) if not c.isspace()} <= set(covered)


# --- blanks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["[MASK]", "<mask>", "___", "_____", "[mask]"])
def test_each_placeholder_form_is_a_blank(mark):
    clean, blanks = cmp.parse_blanks(f"The {mark} barked.")
    assert clean == f"The {cmp.BLANK} barked."
    assert len(blanks) == 1 and blanks[0].placeholder == mark
    assert clean[blanks[0].start : blanks[0].end] == cmp.BLANK


def test_several_blanks_keep_their_spans_and_reparse_the_same():
    clean, blanks = cmp.parse_blanks("A <mask> and ___, then [MASK][MASK] __ end.")
    assert [b.placeholder for b in blanks] == ["<mask>", "___", "[MASK]", "[MASK]"]
    assert all(clean[b.start : b.end] == cmp.BLANK for b in blanks)
    assert "__ end." in clean  # two underscores are not a blank
    assert cmp.parse_blanks(clean) == (
        clean,
        tuple(cmp.Blank(b.index, b.start, b.end, cmp.BLANK) for b in blanks),
    )
    assert cmp.parse_blanks("No blanks here.") == ("No blanks here.", ())


# --- alignment ---------------------------------------------------------------------------------------


def test_align_punctuation(tiny_gpt2, tiny_bert):
    a = cmp.align(tiny_gpt2, tiny_bert, "Hello, world!")
    assert pieces(a, "a") == [(0,), (1,), (2,), (3,)]  # Hello , Ġworld !
    assert pieces(a, "b") == [(1,), (2,), (3,), (4,)]  # [CLS] first
    assert [w.word.punctuation for w in a.words] == [False, True, False, True]


def test_align_chinese(tiny_gpt2, tiny_bert):
    a = cmp.align(tiny_gpt2, tiny_bert, "我爱北京")
    assert [len(p) for p in pieces(a, "a")] == [2, 3, 2, 2]  # byte pieces of each character
    assert pieces(a, "b") == [(1,), (2,), (3,), (4,)]
    assert [w.unknown_to_masked for w in a.words] == [False, True, False, False]  # 爱 is not in the vocab
    assert not any(w.shared_a or w.shared_b for w in a.words)


def test_align_emoji(tiny_gpt2, tiny_bert):
    a = cmp.align(tiny_gpt2, tiny_bert, "I love 🐶 dogs")
    dog = a.words[2]
    assert dog.word.text == "🐶"
    assert len(dog.pieces_a) == 3 and len(dog.pieces_b) == 1
    assert dog.unknown_b and dog.unknown_to_masked and not dog.unknown_a
    assert a.tokens_b.tokens[dog.pieces_b[0]] == "[UNK]"


def test_align_repeated_words_get_their_own_tokens(tiny_gpt2, tiny_bert):
    a = cmp.align(tiny_gpt2, tiny_bert, "the cat saw the cat")
    assert [w.word.text for w in a.words] == ["the", "cat", "saw", "the", "cat"]
    assert pieces(a, "a") == [(0,), (1,), (2,), (3,), (4,)]
    assert pieces(a, "b") == [(1,), (2,), (3,), (4,), (5,)]


def test_align_subwords(tiny_gpt2, tiny_bert):
    a = cmp.align(tiny_gpt2, tiny_bert, "unbelievable")
    assert pieces(a, "a") == [(0, 1, 2, 3)]  # un bel iev able
    assert pieces(a, "b") == [(1,)]  # one WordPiece


def test_unknown_is_what_really_reads_unk(tiny_gpt2, tiny_bert):
    text = "नमस्ते ქართული 😀"
    a = cmp.align(tiny_gpt2, tiny_bert, text)
    # bert-base-uncased strips Devanagari vowel signs and keeps the consonants; Georgian and emoji are [UNK].
    assert [w.unknown_to_masked for w in a.words] == [False, True, True]
    assert not any(w.unknown_a for w in a.words)  # byte-level BPE reads every character


# --- the causal side against a direct call -----------------------------------------------------------


def direct_logprobs(loaded, ids):
    with torch.no_grad():
        logits = loaded.model(input_ids=torch.tensor([ids])).logits[0]
    return torch.log_softmax(logits.float(), dim=-1)


def test_causal_word_equals_chain_rule_on_the_left_context(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    left = tok("The")["input_ids"]
    word = tok(" zyxquor")["input_ids"]
    assert len(word) >= 2
    ids = [EOT, *left, *word]
    lp = direct_logprobs(tiny_gpt2, ids)
    by_hand = [lp[1 + len(left) + j - 1, t].item() for j, t in enumerate(word)]

    p = cmp.causal_word(tiny_gpt2, "The zyxquor sat on it.", 1, k=5)
    assert p.kind == "causal" and p.word.text == "zyxquor" and p.n_pieces == len(word)
    assert [q.token_id for q in p.pieces] == word
    assert [q.log_prob for q in p.pieces] == pytest.approx(by_hand, abs=1e-5)
    assert p.log_prob == pytest.approx(sum(by_hand), abs=1e-4)
    assert p.prob == pytest.approx(math.exp(sum(by_hand)), rel=1e-4)
    first = lp[len(left)]  # the distribution right after "The"
    best = torch.topk(first, 5)
    assert [c.token_id for c in p.top] == best.indices.tolist()
    assert [c.prob for c in p.top] == pytest.approx(best.values.exp().tolist(), rel=1e-5)
    assert p.rank == int((first > first[word[0]]).sum()) + 1
    assert p.context == "<|endoftext|>The"
    assert p.method.code == "compare.method_causal_pieces" and f"{len(word)} pieces" in str(p.method)


def test_causal_second_of_repeated_words_reads_all_left_context(tiny_gpt2):
    tok = tiny_gpt2.tokenizer
    ids = [EOT, *tok("the cat saw the")["input_ids"], *tok(" cat")["input_ids"]]
    lp = direct_logprobs(tiny_gpt2, ids)
    p = cmp.causal_word(tiny_gpt2, "the cat saw the cat", 4)
    assert p.log_prob == pytest.approx(lp[-2, ids[-1]].item(), abs=1e-5)
    assert p.context == "<|endoftext|>the cat saw the"


def test_causal_first_word_is_predicted_after_the_start_token(tiny_gpt2):
    lp = direct_logprobs(tiny_gpt2, [EOT, 15496])  # "Hello"
    p = cmp.causal_word(tiny_gpt2, "Hello, world!", "Hello")
    assert p.log_prob == pytest.approx(lp[0, 15496].item(), abs=1e-5)


def test_causal_blank_sees_only_the_left_context(tiny_gpt2):
    ids = [EOT, *tiny_gpt2.tokenizer("The")["input_ids"]]
    lp = direct_logprobs(tiny_gpt2, ids)[-1]
    fill = cmp.causal_blank(tiny_gpt2, "The ___ barked at the [MASK].", k=4)
    assert fill.blank.index == 0 and fill.kind == "causal"
    assert [c.token_id for c in fill.top] == torch.topk(lp, 4).indices.tolist()
    assert "first of the 2 blanks" in render_all(fill.notice)
    # What follows the blank changes nothing.
    other = cmp.causal_blank(tiny_gpt2, "The ___ flew away.", k=4)
    assert [c.prob for c in other.top] == pytest.approx([c.prob for c in fill.top], rel=1e-6)


# --- the masked side against a direct call -----------------------------------------------------------


def direct_masked(loaded, masked_text):
    enc = loaded.tokenizer(masked_text, return_tensors="pt")
    with torch.no_grad():
        logits = loaded.model(**enc).logits[0]
    slots = (enc["input_ids"][0] == loaded.tokenizer.mask_token_id).nonzero()[:, 0].tolist()
    return torch.log_softmax(logits.float(), dim=-1), slots


def test_masked_word_equals_a_direct_call_on_the_masked_text(tiny_bert):
    lp, slots = direct_masked(tiny_bert, "The [MASK] sat on the mat.")
    cat = tiny_bert.tokenizer.convert_tokens_to_ids("cat")
    p = cmp.masked_word(tiny_bert, "The cat sat on the mat.", "cat", k=5)
    assert p.kind == "masked" and p.n_pieces == 1 and len(slots) == 1
    assert p.log_prob == pytest.approx(lp[slots[0], cat].item(), abs=1e-5)
    best = torch.topk(lp[slots[0]], 5)
    assert [c.token_id for c in p.top] == best.indices.tolist()
    assert [c.prob for c in p.top] == pytest.approx(best.values.exp().tolist(), rel=1e-5)
    assert p.rank == int((lp[slots[0]] > lp[slots[0], cat]).sum()) + 1
    assert p.context == "[CLS] the [MASK] sat on the mat. [SEP]"


def test_masked_multi_piece_word_masks_every_piece_at_once(tiny_bert):
    true = tiny_bert.tokenizer("zyxquor", add_special_tokens=False)["input_ids"]
    assert len(true) >= 2
    lp, slots = direct_masked(tiny_bert, "The " + "[MASK]" * len(true) + " sat.")
    p = cmp.masked_word(tiny_bert, "The zyxquor sat.", 1)
    assert len(slots) == len(true) == p.n_pieces
    expected = [lp[s, t].item() for s, t in zip(slots, true)]
    assert [q.log_prob for q in p.pieces] == pytest.approx(expected, abs=1e-5)
    assert p.log_prob == pytest.approx(sum(expected), abs=1e-4)
    assert [c.token_id for c in p.top] == torch.topk(lp[slots[0]], len(p.top)).indices.tolist()
    assert "first piece" in str(p.method) and f"all {len(true)} pieces" in str(p.method)


def test_masked_fills_every_blank_from_one_call(tiny_bert):
    lp, slots = direct_masked(tiny_bert, "The [MASK] barked at the [MASK] all night.")
    fills = cmp.masked_fills(tiny_bert, "The ___ barked at the <mask> all night.", k=3)
    assert [f.blank.placeholder for f in fills] == ["___", "<mask>"]
    for fill, slot in zip(fills, slots):
        best = torch.topk(lp[slot], 3)
        assert [c.token_id for c in fill.top] == best.indices.tolist()
        assert [c.prob for c in fill.top] == pytest.approx(best.values.exp().tolist(), rel=1e-5)
    assert [n.code for n in fills[0].notice] == ["fill.all_at_once"]


def test_unknown_word_is_flagged_not_scored(tiny_bert):
    p = cmp.masked_word(tiny_bert, "I love 🐶 dogs", "🐶")
    assert p.unknown and p.log_prob is None and p.rank is None
    assert "[UNK]" in render_all(p.notice) and p.top  # its guesses for the slot are still shown
    assert p.pieces[0].text == "[UNK]"


# --- the sentence strip ------------------------------------------------------------------------------

STRIP_TEXT = "The zyxquor saw the cat, and 我爱 🐶 dogs."


def test_strip_matches_one_word_at_a_time(tiny_gpt2, tiny_bert):
    strip = cmp.sentence_strip(tiny_gpt2, tiny_bert, STRIP_TEXT)
    assert [w.word.text for w in strip.words] == [
        "The",
        "zyxquor",
        "saw",
        "the",
        "cat",
        "and",
        "我",
        "爱",
        "🐶",
        "dogs",
    ]
    assert len(strip.causal_row) == len(strip.masked_row) == len(strip.words)
    for w in strip.words:
        c = cmp.causal_word(tiny_gpt2, STRIP_TEXT, w.word)
        assert w.causal_log_prob == pytest.approx(c.log_prob, abs=1e-4)
        assert w.causal_pieces == c.n_pieces
        if w.unknown_to_masked:
            assert w.masked_log_prob is None and "[UNK]" in render_all(w.note)
            continue
        m = cmp.masked_word(tiny_bert, STRIP_TEXT, w.word)
        assert w.masked_log_prob == pytest.approx(m.log_prob, abs=1e-4)
        assert w.masked_prob == pytest.approx(math.exp(m.log_prob), rel=1e-4)
        assert w.masked_pieces == m.n_pieces
    assert [w.word.text for w in strip.words if w.unknown_to_masked] == ["爱", "🐶"]


def test_strip_causal_row_sums_to_the_text_log_probability(tiny_gpt2, tiny_bert):
    text = "the cat saw the dog"  # no punctuation: every token belongs to a word
    ids = [EOT, *tiny_gpt2.tokenizer(text)["input_ids"]]
    lp = direct_logprobs(tiny_gpt2, ids)
    total = sum(lp[t - 1, ids[t]].item() for t in range(1, len(ids)))
    strip = cmp.sentence_strip(tiny_gpt2, tiny_bert, text)
    assert sum(strip.causal_row) == pytest.approx(total, abs=1e-4)


def test_long_strip_is_capped_and_split_into_passes(tiny_gpt2, tiny_bert, monkeypatch):
    text = " ".join(["cat", "dog", "bird"] * 24)  # 72 words
    monkeypatch.setattr(cmp.strip, "MAX_LOGITS", 5 * 80 * 30522)  # a few rows per pass
    strip = cmp.sentence_strip(tiny_gpt2, tiny_bert, text)
    assert len(strip.words) == cmp.MAX_STRIP_WORDS and "72 words" in str(strip.notice)
    for j in (0, 6, 63):
        m = cmp.masked_word(tiny_bert, text, j)
        assert strip.words[j].masked_log_prob == pytest.approx(m.log_prob, abs=1e-4)


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (None, "No word chosen"),
        ("", "No word chosen"),
        (9, "out of range"),
        (-1, "out of range"),
        ("giraffe", "not a word of the text"),
        (",", "punctuation"),
    ],
)
def test_bad_word_choices(tiny_gpt2, tiny_bert, choice, message):
    for fn, loaded in ((cmp.causal_word, tiny_gpt2), (cmp.masked_word, tiny_bert)):
        with pytest.raises(LmvizError, match=message):
            fn(loaded, "Hello, world!", choice)


def test_a_stale_word_is_not_found():
    word = cmp.find_words("the cat sat")[1]
    with pytest.raises(LmvizError, match="not at characters"):
        cmp.pick_word("the dog sat", word)
    assert cmp.pick_word("THE cat sat", "the").index == 0  # text: exact match first, then any case


@pytest.mark.parametrize("mark", ["[MASK]", "<mask>", "___"])
def test_a_mask_in_the_causal_models_text(tiny_gpt2, tiny_bert, mark):
    text = f"The {mark} barked all night."
    with pytest.raises(LmvizError, match="causal model reads text as written"):
        cmp.causal_word(tiny_gpt2, text, "barked")
    with pytest.raises(LmvizError, match="blank"):
        cmp.sentence_strip(tiny_gpt2, tiny_bert, text)
    with pytest.raises(LmvizError, match="blank"):
        cmp.masked_word(tiny_bert, text, "barked")


def test_too_many_masks(tiny_bert):
    text = " ".join(["[MASK]"] * (cmp.MAX_BLANKS + 1))
    with pytest.raises(LmvizError, match=f"at most {cmp.MAX_BLANKS}"):
        cmp.masked_fills(tiny_bert, text)
    assert len(cmp.masked_fills(tiny_bert, " ".join(["[MASK]"] * cmp.MAX_BLANKS), k=1)) == cmp.MAX_BLANKS


def test_no_blank_and_wrong_model_kinds(tiny_gpt2, tiny_bert):
    with pytest.raises(LmvizError, match="no blank"):
        cmp.masked_fills(tiny_bert, "The dog barked.")
    with pytest.raises(LmvizError, match="no blank"):
        cmp.causal_blank(tiny_gpt2, "The dog barked.")
    with pytest.raises(LmvizError, match="causal"):
        cmp.causal_word(tiny_bert, "The dog barked.", "dog")
    with pytest.raises(LmvizError, match="masked"):
        cmp.masked_fills(tiny_gpt2, "The [MASK] barked.")
    with pytest.raises(LmvizError, match="empty"):
        cmp.find_words("   ")


def test_text_longer_than_the_model_reads(tiny_gpt2, tiny_bert):
    text = "word " * 300  # tiny models read 256 positions
    with pytest.raises(LmvizError, match="reads at most 256"):
        cmp.masked_word(tiny_bert, text, 0)
    with pytest.raises(LmvizError, match="reads at most 256"):
        cmp.causal_word(tiny_gpt2, text, 280)


def test_the_shared_model_is_left_as_it_was(tiny_gpt2, tiny_bert):
    before = {n: p.clone() for n, p in tiny_bert.model.named_parameters()}
    cmp.sentence_strip(tiny_gpt2, tiny_bert, "The cat sat.")
    cmp.masked_fills(tiny_bert, "The [MASK] sat.")
    assert not tiny_bert.model.training and not tiny_gpt2.model.training
    assert all(torch.equal(before[n], p) for n, p in tiny_bert.model.named_parameters())


# --- the bundled models ------------------------------------------------------------------------------


@pytest.mark.bundled
def test_masked_model_fills_went(masked_lm):
    (fill,) = cmp.masked_fills(masked_lm, "She [MASK] to the store yesterday.", k=5)
    assert "went" in [c.text.strip() for c in fill.top]


@pytest.mark.bundled
@pytest.mark.parametrize(
    "text, word", [("She went to the store yesterday.", "went"), ("The dog barked all night.", "dog")]
)
def test_the_right_context_helps_the_masked_model(smollm2, masked_lm, text, word):
    causal = cmp.causal_word(smollm2, text, word)
    masked = cmp.masked_word(masked_lm, text, word)
    # SmolLM2 is a far stronger model, yet from the left context alone it ranks the word lower than the
    # small masked model does when it also sees the words on the right ("... to the store", "... barked")
    assert causal.rank > masked.rank
    assert causal.context.endswith(text[: text.index(word)].strip())


# --- whole-sentence rescoring --------------------------------------------------------------------------


def direct_sentence_log_prob(model, text):
    ids = torch.tensor([[EOT, *model.tokenizer(text, add_special_tokens=False)["input_ids"]]])
    with torch.no_grad():
        logp = torch.log_softmax(model.model(input_ids=ids).logits[0, :-1].float(), -1)
    return float(logp.gather(-1, ids[0, 1:, None]).sum())


def test_sentence_log_probs_match_one_sentence_at_a_time(tiny_gpt2):
    """Batched, padded and split into passes by the token budget, each sentence scores as it does alone."""
    sentences = ["The dog barked.", "A much longer sentence, with more words in it than the others.", "Hi"]
    scores, passes = cmp.rescore.sentence_log_probs(tiny_gpt2, sentences, batch=2)
    assert passes == 2
    for text, got in zip(sentences, scores):
        assert got == pytest.approx(direct_sentence_log_prob(tiny_gpt2, text), abs=1e-3)


def test_rescoring_ranks_the_hidden_word_among_the_candidates(tiny_gpt2, tiny_bert):
    read = cmp.rescore_word(tiny_gpt2, "The dog barked all night.", "dog", tiny_bert, k=5)
    assert read.word == "dog" and 1 <= read.word_rank <= read.n_candidates
    assert read.from_left + read.from_masked <= read.n_candidates <= read.from_left + read.from_masked + 1
    probs = [c.prob for c in read.top]
    assert probs == sorted(probs, reverse=True) and len(probs) == 5
    assert read.passes >= 1 and read.seconds >= 0 and read.masked_seconds is not None


def test_a_blank_that_opens_the_sentence_gets_capitalised_words_without_a_space(tiny_gpt2):
    read = cmp.rescore_blank(tiny_gpt2, "___ is the capital of France.", k=5)
    assert all(not c.text.startswith(" ") and c.text[:1] == c.text[:1].upper() for c in read.top)


@pytest.mark.parametrize(
    "text, code",
    [
        ("The ___ chased the ___.", "rescore.one_blank"),
        ("No blank at all.", "rescore.one_blank"),
        ("我家的___喜欢在阳光下睡觉。", "rescore.no_spaces"),
        ("The ___ barked " + "and barked " * 80 + "all night.", "rescore.too_long"),
    ],
)
def test_rescoring_refuses_with_a_message(tiny_gpt2, text, code):
    with pytest.raises(LmvizError) as err:
        cmp.rescore_blank(tiny_gpt2, text)
    assert err.value.code == code
    for lang in ("en", "zh"):
        assert "{" not in render_all([err.value.message], lang)  # every placeholder filled


def test_hide_word_blanks_the_chosen_word_only():
    from lmviz.text.words import hide_word

    hidden, word = hide_word("The dog saw the dog.", 4)
    assert hidden == "The dog saw the ___." and word.text == "dog" and word.index == 4
