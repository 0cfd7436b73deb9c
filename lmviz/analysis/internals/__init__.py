"""Inside the Transformer: the loaded model's architecture, one traced forward pass, and what is computed
from it (one attention head step by step, the MLP's neurons, each layer's share of a logit, word vectors)."""
