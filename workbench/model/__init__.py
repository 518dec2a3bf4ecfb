"""Models: one small interface, providers behind it (see :func:`get_model` for provider strings),
and the response cache."""

from workbench.model._cache import ResponseCache, cache_key
from workbench.model._chat import ChatAPIModel, SdkErrors
from workbench.model._model import (
    ChatMessage,
    ChatOptions,
    FatalModelError,
    GenerateConfig,
    Model,
    ModelError,
    ModelErrorKind,
    ModelOutput,
    ModelRequest,
    SampleContext,
)
from workbench.model._openai_servers import (
    BASE_URL_ENV,
    LOCAL_SERVERS,
    OPENAI_API_PROVIDERS,
    openai_api_base_url,
    openai_api_key,
)
from workbench.model._registry import BUILTIN_MODELS, PROVIDERS, get_model
from workbench.model._replay import ReplayModel, ReplayRecord
from workbench.model._scripted import ScriptedModel

__all__ = [
    "BASE_URL_ENV", "BUILTIN_MODELS", "LOCAL_SERVERS", "OPENAI_API_PROVIDERS", "PROVIDERS", "ChatAPIModel",
    "ChatMessage", "ChatOptions", "FatalModelError", "GenerateConfig", "Model", "ModelError", "ModelErrorKind",
    "ModelOutput", "ModelRequest", "ReplayModel", "ReplayRecord", "ResponseCache", "SampleContext", "ScriptedModel",
    "SdkErrors", "cache_key", "get_model", "openai_api_base_url", "openai_api_key",
]
