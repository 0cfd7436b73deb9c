"""What the pages, the lesson "机器怎样读唐诗" and the presets say about the two Chinese models holds:
poem-gpt-zh keeps the metre, poem-bert-zh fills famous lines, and the heads the lesson shows do what it
says (measured over held-out poems no bundled model trained on)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lmviz import inspect_text
from lmviz.analysis import cloze, compare, couplet
from lmviz.analysis.generation import generate, next_distribution, text_prompt_ids
from lmviz.analysis.sampling import Strategy
from lmviz.models.paths import BUNDLED_DIR
from lmviz.text import chinese, corpora
from lmviz_app import concepts, lessons
from lmviz_app.presets import COMPARE_PRESETS

pytestmark = pytest.mark.bundled
PRESETS = {p.key: p for p in COMPARE_PRESETS}


def regular_poems(n: int, couplets: int = 2) -> list[corpora.Poem]:
    """Held-out 五言 poems of `couplets` couplets."""
    return [
        p for p in corpora.poems()
        if p.held_out and len(p.lines) == couplets and all(len(x) == 12 for x in p.lines)
    ][:n]  # fmt: skip


def next_probs(loaded, prompt: str) -> dict[str, float]:
    logits = next_distribution(loaded, text_prompt_ids(loaded, prompt))
    p = np.exp(logits - logits.max())
    p /= p.sum()
    return {loaded.tokenizer.convert_ids_to_tokens(int(i)): float(p[i]) for i in np.argsort(-p)[:10]}


def test_the_gpt_closes_a_line_after_five_or_seven_characters(poem_gpt):
    """lesson step 2: after five characters of the second line, "。" takes nearly all the probability."""
    for prompt in ("床前明月光，疑是地上霜", "白日依山尽，黄河入海流", "两个黄鹂鸣翠柳，一行白鹭上青天"):
        assert next_probs(poem_gpt, prompt)["。"] > 0.95, prompt
    assert max(next_probs(poem_gpt, "床前明月光，疑是").items(), key=lambda kv: kv[1])[0] not in "，。"


def test_the_gpt_continues_held_out_poems_in_their_metre(poem_gpt):
    """the model description: from the first line of 40 held-out poems, seeded samples keep the metre."""
    right = total = 0
    for i, p in enumerate(regular_poems(40)):
        prompt = p.lines[0][:6]  # "xxxxx，"
        path = generate(poem_gpt, text_prompt_ids(poem_gpt, prompt), 18, Strategy(0.8, top_k=40, seed=i))
        r, n = chinese.metre_share(prompt + path.text(poem_gpt.tokenizer, include_prompt=False))
        right, total = right + r, total + n
    assert total >= 80 and right / total >= 0.9, (right, total)


def test_the_training_reports_hold_what_the_scripts_printed(poem_gpt, poem_bert):
    for model in (poem_gpt, poem_bert):
        report = json.loads((BUNDLED_DIR / model.name / "training_report.json").read_text(encoding="utf-8"))
        assert report["parameters"] == sum(p.numel() for p in model.model.parameters())
        assert report["vocabulary"] == len(model.tokenizer) == 5621
    gpt = json.loads((BUNDLED_DIR / "poem-gpt-zh" / "training_report.json").read_text(encoding="utf-8"))
    assert gpt["metre"]["share"] > 0.95 and gpt["metre"]["poems"] == 200


def test_the_chinese_cloze_benchmark_gives_the_reported_figures(poem_gpt, poem_bert):
    """README and the model's report: famous lines top-1 50%, held-out poems 7% (the BERT); the GPT,
    reading only the left side, far less on the famous lines."""
    items = cloze.load_items(cloze.ZH_ITEMS_FILE)
    assert len(items) == 220 and {i.topic for i in items} == {"famous", "held_out"}
    masked = cloze.score("masked", [poem_bert.name], items, lambda it: cloze.masked_guesses(poem_bert, it))
    left = cloze.score(
        "causal_left", [poem_gpt.name], items, lambda it: cloze.causal_left_guesses(poem_gpt, it)
    )
    report = json.loads((BUNDLED_DIR / "poem-bert-zh" / "training_report.json").read_text(encoding="utf-8"))
    for topic in ("famous", "held_out"):
        top1, top5, _ = masked.by_topic[topic]
        assert abs(top1 - report["cloze"][topic]["top1"]) < 0.02, (topic, top1)
        assert abs(top5 - report["cloze"][topic]["top5"]) < 0.02, (topic, top5)
    assert masked.by_topic["famous"][0] >= 0.45 and masked.by_topic["held_out"][1] >= 0.15
    assert left.by_topic["famous"][0] < masked.by_topic["famous"][0] / 2


def test_compare_preset_left_side_is_enough(poem_gpt, poem_bert):
    """preset "the left side is enough (春 -> 风)", lesson step 3."""
    preset = PRESETS["zh_wind"]
    word = compare.pick_word(preset.text, preset.word)
    causal = compare.causal_word(poem_gpt, preset.text, word)
    assert causal.rank == 1, causal.rank


def test_compare_preset_first_character_needs_the_right_side(poem_gpt, poem_bert):
    """preset "the first character, only the right side helps", lesson step 4."""
    preset = PRESETS["zh_white_sun"]
    word = compare.pick_word(preset.text, preset.word)
    causal, masked = (
        compare.causal_word(poem_gpt, preset.text, word),
        compare.masked_word(poem_bert, preset.text, word),
    )
    assert masked.rank == 1 and causal.rank > 5, (masked.rank, causal.rank)


def test_the_rhyme_head(poem_bert):
    """lesson step 5: the BERT head that links each couplet's last character to the one before is the
    strongest such head over 100 held-out quatrains, far above chance, and on 静夜思 乡 reads 霜."""
    scores = [couplet.scores(inspect_text(poem_bert, p.text())) for p in regular_poems(100)]
    rhyme = np.mean([s.rhyme for s in scores], axis=0)
    chance = np.mean([s.chance for s in scores], axis=0)
    layer, head = lessons.RHYME_LAYER, lessons.RHYME_HEAD
    assert np.unravel_index(np.argmax(rhyme), rhyme.shape) == (layer, head)
    assert rhyme[layer, head] > 5 * chance[layer, head], (rhyme[layer, head], chance[layer, head])
    ins = inspect_text(poem_bert, lessons.JINGYESI)
    row = ins.attentions[layer, head, ins.tokens.index("乡")]
    assert int(np.argmax(row)) == ins.tokens.index("霜")


def test_the_parallel_head(poem_gpt):
    """lesson step 6: the GPT head whose second-line characters read the same place of the first line is
    the strongest such head (against chance) over 100 held-out quatrains; on 登鹳雀楼 黄 reads 白."""
    scores = [couplet.scores(inspect_text(poem_gpt, p.text())) for p in regular_poems(100)]
    ratio = np.mean([s.parallel for s in scores], axis=0) / np.mean([s.chance for s in scores], axis=0)
    layer, head = lessons.PARALLEL_LAYER, lessons.PARALLEL_HEAD
    assert np.unravel_index(np.argmax(ratio), ratio.shape) == (layer, head)
    assert ratio[layer, head] > 2, ratio[layer, head]
    ins = inspect_text(poem_gpt, lessons.DENGGUANQUELOU)
    line1 = [ins.tokens.index(ch) for ch in "白日依山尽"]
    for k, ch in enumerate("黄河入海流"):
        if k:  # of the first line's characters, 河 reads 日 most, 入 依, 海 山, 流 尽 (黄 reads 尽)
            row = ins.attentions[layer, head, ins.tokens.index(ch)]
            assert int(np.argmax(row[line1])) == k, ch


def test_home_examples_in_chinese_hold(poem_gpt, poem_bert):
    """The home page's answers and demos on the Chinese models: the blank's right side gives 白 away
    (the GPT, seeing nothing, does not have it), 举头望明[MASK] is 月, and the GPT continues 床前明月光，
    in five-character phrases."""
    ex = concepts.examples([poem_gpt, poem_bert])
    assert ex is concepts.CHINESE
    first = [c.text for c in compare.causal_blank(poem_gpt, ex.blank).top[:5]]
    fill = [c.text for c in compare.masked_fills(poem_bert, ex.blank)[0].top[:5]]
    assert fill[0] == "白" and "白" not in first, (fill, first)
    assert concepts.fill_in(poem_bert, ex.fill)[0].text == "月"
    right, n = chinese.metre_share(ex.generation + concepts.continue_text(poem_gpt, ex.generation))
    assert n >= 3 and right == n
    assert not concepts.has_chat_template(poem_gpt)  # the dialogue demo says so instead of answering


def test_two_blanks_preset(poem_bert):
    """preset "two blanks the masked model fills (举头望明___)": 月 and 乡."""
    fills = compare.masked_fills(poem_bert, PRESETS["zh_moon"].text.replace("___", "[MASK]"), 5)
    assert [f.top[0].text for f in fills] == ["月", "乡"]


def test_famous_lines_are_filled(poem_bert):
    """The issue's examples: 床前明月[MASK] -> 光 and 举头望明[MASK] -> 月."""
    assert concepts.fill_in(poem_bert, "床前明月[MASK]，疑是地上霜。")[0].text == "光"
    assert concepts.fill_in(poem_bert, "举头望明[MASK]，低头思故乡。")[0].text == "月"
