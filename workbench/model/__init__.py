"""Models: one small interface, providers behind it (see :func:`get_model` for provider strings)."""

from workbench.model._builtin import ReferenceModel, ReplayModel, RetrievalModel, ScriptedModel
from workbench.model._chat import ChatAPIModel, ChatOptions
from workbench.model._model import ChatMessage, GenerateConfig, Model, ModelError, ModelOutput, SampleContext
from workbench.model._registry import LOCAL_SERVERS, get_model

__all__ = [
    "LOCAL_SERVERS", "ChatAPIModel", "ChatMessage", "ChatOptions", "GenerateConfig", "Model", "ModelError",
    "ModelOutput", "ReferenceModel", "ReplayModel", "RetrievalModel", "SampleContext", "ScriptedModel", "get_model",
]
