"""Models: the registry of names, loading (bundled, tiny, hub, folder), devices, and the one forward path."""

from lmviz.models.loading import LoadedModel, load_model
from lmviz.models.registry import BUNDLED, TINY, ModelInfo, default_model, kind_of, list_models, model_kind_of

__all__ = [
    "BUNDLED",
    "TINY",
    "LoadedModel",
    "ModelInfo",
    "default_model",
    "kind_of",
    "list_models",
    "load_model",
    "model_kind_of",
]
