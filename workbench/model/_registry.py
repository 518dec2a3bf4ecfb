"""Provider strings -> models: ``reference``, ``retrieval``, ``replay/FILE``, ``openai/MODEL``,
``openai-compatible/MODEL`` (with a base URL), ``vllm/``, ``ollama/``, ``llamacpp/`` (local
servers at their usual addresses), ``anthropic/MODEL``."""

from __future__ import annotations

import os
from pathlib import Path

from workbench.model._builtin import ReferenceModel, ReplayModel, RetrievalModel
from workbench.model._chat import ChatAPIModel, ChatOptions
from workbench.model._model import Model, ModelError

LOCAL_SERVERS = {
    "vllm": "http://localhost:8000/v1",
    "ollama": "http://localhost:11434/v1",
    "llamacpp": "http://127.0.0.1:8080/v1",
}
BASE_URL_ENV = "RTLWB_BASE_URL"
# Providers spoken to through the OpenAI API (chat and embeddings alike).
OPENAI_API_PROVIDERS = ("openai", "openai-compatible", *LOCAL_SERVERS)


def get_model(spec: str, base_url: str | None = None, options: ChatOptions | None = None) -> Model:
    """The model named by a provider string; raises :class:`ModelError` with a usable message."""
    options = options or ChatOptions()
    if spec == "reference":
        return ReferenceModel()
    if spec == "retrieval":
        return RetrievalModel()
    provider, _, model = spec.partition("/")
    if provider == "replay" and model:
        return ReplayModel(Path(model))
    if not model:
        raise ModelError(f"unknown model '{spec}': expected reference, retrieval, replay/FILE or PROVIDER/MODEL")
    if provider in OPENAI_API_PROVIDERS:
        return ChatAPIModel(spec, "openai", model, openai_api_base_url(provider, spec, base_url), options)
    if provider == "anthropic":
        return ChatAPIModel(spec, "anthropic", model, base_url, options)
    known = "openai, openai-compatible, vllm, ollama, llamacpp, anthropic, replay"
    raise ModelError(f"unknown provider '{provider}' in '{spec}' (known: {known})")


def openai_api_base_url(provider: str, spec: str, base_url: str | None) -> str | None:
    """The server for a provider of :data:`OPENAI_API_PROVIDERS`: the explicit ``base_url``, then
    the environment, then a local server's usual address (``None`` is OpenAI itself)."""
    if provider == "openai":
        return base_url or os.environ.get("OPENAI_BASE_URL")
    url = base_url or os.environ.get(BASE_URL_ENV)
    if provider == "openai-compatible":
        url = url or os.environ.get("OPENAI_BASE_URL")
        if not url:
            raise ModelError(f"{spec}: give the server with --base-url or ${BASE_URL_ENV}")
        return url
    return url or LOCAL_SERVERS[provider]
