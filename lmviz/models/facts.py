"""How big a model is and how its Transformer is laid out, read from the loaded model itself."""

from __future__ import annotations

from dataclasses import dataclass

from lmviz.kinds import Kind
from lmviz.models.loading import LoadedModel


@dataclass(frozen=True)
class ModelFacts:
    """How big a model is and how its Transformer is laid out."""

    name: str
    kind: Kind
    params: int
    layers: int
    heads: int
    hidden: int  # the width of each token's vector between layers
    vocab: int
    max_tokens: int

    @property
    def attention_maps(self) -> int:
        """Layers x heads: how many attention patterns the model computes for every text."""
        return self.layers * self.heads


def model_facts(loaded: LoadedModel) -> ModelFacts:
    config = loaded.model.config
    return ModelFacts(
        name=loaded.name,
        kind=loaded.kind,
        params=sum(p.numel() for p in loaded.model.parameters()),
        layers=loaded.n_layers,
        heads=loaded.n_heads,
        hidden=int(getattr(config, "hidden_size", 0) or getattr(config, "n_embd", 0)),
        vocab=int(getattr(config, "vocab_size", 0) or len(loaded.tokenizer)),
        max_tokens=loaded.max_tokens,
    )
