"""The tree a decoder walks: greedy, beam search and seeded sampling from one prompt, with the
alternatives each step considered, their probabilities and the running log-probability.

Beam search follows transformers' own `generate(num_beams=...)` step for step (the same candidates kept,
the same end-of-sequence and length-penalty rules, float32 scores), on the beams as one batch with a KV
cache reordered after each step; a test checks that the beams are the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from lmviz.analysis.generation import eos_ids, step_rng
from lmviz.analysis.sampling import Strategy, next_token
from lmviz.errors import LmvizError
from lmviz.models import forward
from lmviz.models.loading import LoadedModel

MAX_STEPS = 12
ALTERNATIVES = 3  # children drawn per node for greedy and sampling
METHODS = ("always_top", "beam", "sample")


@dataclass(frozen=True)
class Node:
    """One token considered at one step. `parent` indexes `Tree.nodes` (-1: the prompt)."""

    step: int  # 0 = the first new token
    token_id: int
    prob: float  # P(token | its parent's sequence)
    logprob_sum: float  # the running log-probability of the sequence ending here
    parent: int
    kept: bool  # followed (greedy, sampling) or kept among the beams at this step


@dataclass(frozen=True, eq=False)
class Tree:
    method: str
    prompt_ids: tuple[int, ...]
    nodes: tuple[Node, ...]
    chosen: tuple[int, ...]  # node indices of the final sequence, first step first
    beams: tuple[tuple[tuple[int, ...], float], ...] = ()  # beam search: (new token ids, score) best first

    @property
    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(self.nodes[i].token_id for i in self.chosen)


def _check(loaded: LoadedModel, prompt_ids: tuple[int, ...], steps: int) -> None:
    if not 1 <= steps <= MAX_STEPS:
        raise LmvizError("tree.steps_out_of_range", n=steps, max=MAX_STEPS)
    if not prompt_ids:
        raise LmvizError("generate.no_tokens")
    if len(prompt_ids) + steps > loaded.max_tokens:
        raise LmvizError("generate.too_long", n=len(prompt_ids), more=steps, max=loaded.max_tokens)


def _path_of(nodes: list[Node], last: int) -> tuple[int, ...]:
    path = []
    while last >= 0:
        path.append(last)
        last = nodes[last].parent
    return tuple(reversed(path))


@torch.inference_mode()
def walk(loaded: LoadedModel, prompt_ids: tuple[int, ...], steps: int, strategy: Strategy) -> Tree:
    """Greedy (strategy.greedy) or seeded sampling, one token at a time with the KV cache; each step keeps
    the ALTERNATIVES most probable tokens as the branches not taken."""
    _check(loaded, prompt_ids, steps)
    nodes: list[Node] = []
    out = forward.run(loaded, prompt_ids, last_only=True, cache=True)
    parent, total, ids, stop = -1, 0.0, list(prompt_ids), eos_ids(loaded)
    for step in range(steps):
        logits = out.logits[0, -1].float().cpu().numpy()
        logp = torch.log_softmax(torch.from_numpy(logits).double(), -1).numpy()
        choice = next_token(logits, strategy, step_rng(strategy, len(ids)))
        top = [int(i) for i in np.argsort(-logp, kind="stable")[:ALTERNATIVES]]
        options = top if choice.token_id in top else [*top[:-1], choice.token_id]
        chosen_index = -1
        for t in options:
            kept = t == choice.token_id
            nodes.append(Node(step, t, float(np.exp(logp[t])), total + float(logp[t]), parent, kept))
            if kept:
                chosen_index = len(nodes) - 1
        parent, total = chosen_index, nodes[chosen_index].logprob_sum
        ids.append(choice.token_id)
        if choice.token_id in stop or step == steps - 1:
            break
        out = forward.extend_cache(loaded, choice.token_id, out.past_key_values)
    method = "always_top" if strategy.is_greedy else "sample"
    return Tree(method, tuple(prompt_ids), tuple(nodes), _path_of(nodes, parent))


NEG = -1.0e9  # transformers' "impossible" score


@torch.inference_mode()
def beam_search(
    loaded: LoadedModel, prompt_ids: tuple[int, ...], steps: int, width: int, length_penalty: float = 1.0
) -> Tree:
    """Beam search as transformers' `generate(num_beams=width, early_stopping=False)` runs it; every
    candidate a step weighed is a node, those kept among the beams marked."""
    _check(loaded, prompt_ids, steps)
    vocab = int(loaded.model.config.vocab_size)
    if not 2 <= width <= 5 or 2 * width > vocab:
        raise LmvizError("tree.bad_width", width=width, vocab=vocab)
    eos = sorted(eos_ids(loaded))
    keep = max(2, 1 + len(eos)) * width  # candidates per step: enough to leave `width` beams after EOS
    eos_t = torch.tensor(eos or [-1])
    nodes: list[Node] = []
    run_tokens: list[tuple[int, ...]] = [()] * width
    run_nodes = [-1] * width
    run_scores = torch.full((width,), NEG)
    run_scores[0] = 0.0  # every beam starts as the prompt: only the first one counts at step 0
    fin_scores, fin_done = torch.full((width,), NEG), torch.zeros(width, dtype=torch.bool)
    fin: list[tuple[tuple[int, ...], int]] = [((), -1)] * width
    hopeful = True  # transformers' "early stop heuristic unsatisfied": the open beams can still improve
    out = forward.run(loaded, [list(prompt_ids)] * width, last_only=True, cache=True)
    for step in range(steps):
        logp = torch.log_softmax(out.logits[:, -1].float().cpu(), dim=-1)  # (width, V)
        vocab = logp.shape[-1]  # the head's width (a config may round the vocabulary differently)
        scores, flat = torch.topk((logp + run_scores[:, None]).reshape(-1), keep)
        beam, token = flat // vocab, flat % vocab
        hits = torch.isin(token, eos_t) | (step == steps - 1)  # an end token, or the last step
        first = len(nodes)
        for b, t, sc in zip(beam.tolist(), token.tolist(), scores.tolist()):
            nodes.append(Node(step, t, float(logp[b, t].exp()), sc, run_nodes[b], False))
        # the open beams: the best `width` candidates that did not end
        nxt = torch.topk(scores + hits.float() * NEG, width).indices
        # the finished ones: among the best `width`, those that ended, by score / length ** penalty
        norm = scores / float((step + 1) ** length_penalty)
        norm = norm + (0.0 if hopeful else NEG) + (~(hits & (torch.arange(keep) < width))).float() * NEG
        merged = torch.cat([fin_scores, norm])
        best = torch.topk(merged, width).indices
        pairs = enumerate(zip(beam.tolist(), token.tolist()))
        cands = fin + [(run_tokens[b] + (t,), first + i) for i, (b, t) in pairs]
        done = torch.cat([fin_done, hits & (torch.arange(keep) < width)])
        fin, fin_scores, fin_done = [cands[i] for i in best.tolist()], merged[best], done[best]
        for i in nxt.tolist():
            nodes[first + i] = _kept(nodes[first + i])
        run_tokens = [run_tokens[beam[i]] + (int(token[i]),) for i in nxt.tolist()]
        run_nodes = [first + i for i in nxt.tolist()]
        run_scores = (scores + hits.float() * NEG)[nxt]
        best_possible = run_scores[0] / float((step + 1) ** length_penalty)
        worst = torch.where(fin_done, fin_scores.min(), torch.tensor(NEG))
        hopeful = hopeful and bool((best_possible > worst).any())
        if not hopeful or bool(hits.all()) or step == steps - 1:
            break
        out.past_key_values.reorder_cache(beam[nxt].to(loaded.device))
        out = forward.extend_batch(loaded, [t[-1] for t in run_tokens], out.past_key_values)
    beams = tuple((tokens, float(score)) for (tokens, _), score, ok in zip(fin, fin_scores, fin_done) if ok)
    return Tree("beam", tuple(prompt_ids), tuple(nodes), _path_of(nodes, fin[0][1]), beams)


def _kept(node: Node) -> Node:
    return Node(node.step, node.token_id, node.prob, node.logprob_sum, node.parent, True)
