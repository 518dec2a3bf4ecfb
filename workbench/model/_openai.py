"""OpenAI's chat API, and every server that speaks it (vLLM, Ollama, llama.cpp, others given by URL)."""

from __future__ import annotations

from typing import Any

from langchain_openai import ChatOpenAI

from workbench.model._chat import ChatAPIModel
from workbench.model._model import GenerateConfig, ModelRequest
from workbench.model._openai_servers import openai_api_base_url, openai_api_key


class OpenAIChatModel(ChatAPIModel):
    provider = "openai"
    chat_class = ChatOpenAI

    def provider_arguments(self, config: GenerateConfig) -> dict[str, Any]:
        arguments: dict[str, Any] = {"base_url": self.base_url, "api_key": openai_api_key()}
        if config.seed is not None:
            arguments["seed"] = config.seed
        return arguments


def openai_api_model(request: ModelRequest) -> OpenAIChatModel:
    base_url = openai_api_base_url(request.provider, request.spec, request.base_url)
    return OpenAIChatModel(request.spec, request.model, base_url, request.options)
