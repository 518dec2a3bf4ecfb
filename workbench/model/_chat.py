"""Chat APIs through langchain-core chat models: what every chat provider shares.

LangChain provides the provider layer only; retries, the per-endpoint concurrency limit, usage
and cost accounting are ours, so that every attempt is visible and no SDK retries behind our back.
A provider's module (``_openai.py``, ``_anthropic.py``) subclasses :class:`ChatAPIModel` with its
chat model class and the arguments only it takes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, ClassVar

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from workbench.model._model import (
    ChatMessage,
    ChatOptions,
    GenerateConfig,
    Model,
    ModelError,
    ModelOutput,
    SampleContext,
)

_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504}
_TRANSIENT_NAMES = ("RateLimit", "Timeout", "Connection", "InternalServer", "Overloaded", "ServiceUnavailable")

_endpoint_limits: dict[str, threading.BoundedSemaphore] = {}
_endpoint_lock = threading.Lock()


class ChatAPIModel(Model):
    calls_network = True
    provider: ClassVar[str]  # names the endpoint (for its concurrency limit) when there is no base URL
    chat_class: ClassVar[Callable[..., Any]]  # the langchain-core chat model

    def __init__(self, name: str, model: str, base_url: str | None, options: ChatOptions) -> None:
        self.name = name
        self.model = model
        self.base_url = base_url
        self.options = options

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        client = self._client(config)
        prompt = [(m.role if m.role != "assistant" else "ai", m.content) for m in messages]
        attempts = 0
        started = time.monotonic()

        def call():
            nonlocal attempts
            attempts += 1
            with _endpoint_slot(self.base_url or self.provider, self.options.concurrency):
                return client.invoke(prompt)

        retrying = Retrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(self.options.max_attempts),
            wait=wait_random_exponential(multiplier=self.options.backoff_initial_s, max=self.options.backoff_max_s),
            reraise=True,
        )
        try:
            reply = retrying(call)
        except Exception as error:  # noqa: BLE001 - every provider failure becomes one typed error
            raise ModelError(f"{self.name}: {type(error).__name__}: {_short(error)} "
                             f"(after {attempts} attempts)") from None
        return self._output(reply, time.monotonic() - started, attempts)

    def provider_arguments(self, config: GenerateConfig) -> dict[str, Any]:
        """The chat model's arguments that only this provider takes."""
        return {}

    def _client(self, config: GenerateConfig):
        kwargs = {
            "model": self.model,
            "temperature": config.temperature,
            "max_tokens": config.max_tokens,
            "timeout": self.options.timeout_s,
            "max_retries": 0,
        }
        if config.top_p is not None:
            kwargs["top_p"] = config.top_p
        return self.chat_class(**kwargs, **self.provider_arguments(config))

    def _output(self, reply, latency_s: float, attempts: int) -> ModelOutput:
        usage = getattr(reply, "usage_metadata", None) or {}
        input_tokens, output_tokens = usage.get("input_tokens"), usage.get("output_tokens")
        return ModelOutput(text=_text_of(reply.content), input_tokens=input_tokens, output_tokens=output_tokens,
                           latency_s=latency_s, cost_usd=self._cost(input_tokens, output_tokens), attempts=attempts)

    def _cost(self, input_tokens: int | None, output_tokens: int | None) -> float | None:
        input_price, output_price = self.options.price_input_per_mtok, self.options.price_output_per_mtok
        if input_price is None or output_price is None or input_tokens is None or output_tokens is None:
            return None
        return (input_tokens * input_price + output_tokens * output_price) / 1e6


def _endpoint_slot(endpoint: str, limit: int) -> threading.BoundedSemaphore:
    with _endpoint_lock:
        if endpoint not in _endpoint_limits:
            _endpoint_limits[endpoint] = threading.BoundedSemaphore(limit)
        return _endpoint_limits[endpoint]


def _is_transient(error: BaseException) -> bool:
    status = getattr(error, "status_code", None)
    if status is not None:
        return status in _TRANSIENT_STATUS
    return any(marker in type(error).__name__ for marker in _TRANSIENT_NAMES)


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") if isinstance(block, dict) else str(block) for block in content)


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:300] if str(error) else ""
