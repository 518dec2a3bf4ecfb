"""Where the servers speaking OpenAI's API are, for chat models and embeddings alike: OpenAI
itself, any OpenAI-compatible server, and local servers at their usual addresses."""

from __future__ import annotations

import os

from workbench.model._model import ModelError

OPENAI_URL = "https://api.openai.com/v1"  # where the SDK goes without a base URL
LOCAL_SERVERS = {
    "vllm": "http://localhost:8000/v1",
    "ollama": "http://localhost:11434/v1",
    "llamacpp": "http://127.0.0.1:8080/v1",
}
BASE_URL_ENV = "RTLWB_BASE_URL"
# Providers spoken to through the OpenAI API (chat and embeddings alike).
OPENAI_API_PROVIDERS = ("openai", "openai-compatible", *LOCAL_SERVERS)


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


def openai_api_key() -> str:
    """Local servers need no key, but the OpenAI client refuses to start without one."""
    return os.environ.get("OPENAI_API_KEY") or "not-needed"
