"""Anthropic's chat API."""

from __future__ import annotations

from langchain_anthropic import ChatAnthropic  # type: ignore[import-not-found]  # an optional extra, not in dev

from workbench.model._chat import ChatAPIModel
from workbench.model._model import ModelRequest


class AnthropicChatModel(ChatAPIModel):
    provider = "anthropic"
    chat_class = ChatAnthropic


def anthropic_model(request: ModelRequest) -> AnthropicChatModel:
    return AnthropicChatModel(request.spec, request.model, request.base_url, request.options)
