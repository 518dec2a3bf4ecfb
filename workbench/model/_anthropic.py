"""Anthropic's chat API."""

from __future__ import annotations

import anthropic  # type: ignore[import-not-found]  # an optional extra, not in dev
from langchain_anthropic import ChatAnthropic  # type: ignore[import-not-found]  # an optional extra, not in dev

from workbench.model._chat import ChatAPIModel, SdkErrors
from workbench.model._model import ModelRequest


class AnthropicChatModel(ChatAPIModel):
    provider = "anthropic"
    chat_class = ChatAnthropic
    sdk_errors = SdkErrors(status=anthropic.APIStatusError, connection=anthropic.APIConnectionError,
                           timeout=anthropic.APITimeoutError)
    default_url = "https://api.anthropic.com"
    api_key_env = "ANTHROPIC_API_KEY"


def anthropic_model(request: ModelRequest) -> AnthropicChatModel:
    return AnthropicChatModel(request.spec, request.model, request.base_url, request.options)
