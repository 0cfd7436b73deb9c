"""lmviz: see how language models work. The core, importable and testable without Streamlit."""

from lmviz.errors import LmvizError
from lmviz.inspection import Inspection, inspect_text
from lmviz.models import LoadedModel, ModelInfo, default_model, list_models, load_model

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
