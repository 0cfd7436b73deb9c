"""lmviz: see how language models work. The core, importable and testable without Streamlit."""

from lmviz.analysis.inspection import Inspection, inspect_text
from lmviz.errors import LmvizError
from lmviz.models.loading import LoadedModel, load_model
from lmviz.models.registry import ModelInfo, default_model, list_models

__all__ = [
    "Inspection",
    "LmvizError",
    "LoadedModel",
    "ModelInfo",
    "default_model",
    "inspect_text",
    "list_models",
    "load_model",
]
