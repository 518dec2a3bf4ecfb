"""Chat APIs through langchain-core chat models: what every chat provider shares.

LangChain provides the provider layer only; retries, the per-endpoint concurrency limit, usage
and cost accounting are ours, so that every attempt is visible and no SDK retries behind our back.
A provider's module (``_openai.py``, ``_anthropic.py``) subclasses :class:`ChatAPIModel` with its
chat model class, its SDK's exception types and the arguments only it takes; this module imports no
provider SDK.

A failed request is classified by its SDK's exception type and HTTP status (never by names or
messages of exception classes): what can succeed later (429, 5xx, 408, 409, a connection lost, a
timeout, which is tried once more at most) is retried after the server's ``Retry-After`` or an
exponential backoff with jitter, within a time budget per sample; what cannot (401, 403, 404, a
model that does not exist) raises :class:`FatalModelError` after that one request.
"""

from __future__ import annotations

import email.utils
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC
from typing import Any, ClassVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)
from tenacity.wait import wait_base

from workbench.model._model import (
    ChatMessage,
    ChatOptions,
    FatalModelError,
    GenerateConfig,
    Model,
    ModelError,
    ModelErrorKind,
    ModelOutput,
    SampleContext,
)

RETRIED_KINDS: frozenset[ModelErrorKind] = frozenset({"rate-limit", "server", "connection", "timeout"})
FATAL_KINDS: frozenset[ModelErrorKind] = frozenset({"auth", "not-found", "missing-key", "unreachable"})
_TIMEOUT_RETRIES = 1  # a request that timed out once will likely time out again: one more try, not six
# A 400 that says the model does not exist (vLLM, Ollama): no request to it can succeed.
_NO_SUCH_MODEL = re.compile(r"\bmodel\b.*\b(does not exist|not found|not exist)", re.IGNORECASE | re.DOTALL)

_endpoint_limits: dict[str, threading.BoundedSemaphore] = {}
_endpoint_lock = threading.Lock()


@dataclass(frozen=True)
class SdkErrors:
    """A provider SDK's exception types. The official SDKs (openai, anthropic) share their shapes: a
    status error carries ``status_code``, ``response`` (with its headers) and ``body``; a timeout is
    a connection error."""

    status: type[Exception]
    connection: type[Exception]
    timeout: type[Exception]


class _FailedAttempt(Exception):
    """One request that failed, classified: what the retry policy decides on."""

    def __init__(self, kind: ModelErrorKind, detail: str, retry_after_s: float | None = None) -> None:
        super().__init__(detail)
        self.kind: ModelErrorKind = kind
        self.detail = detail
        self.retry_after_s = retry_after_s


class ChatAPIModel(Model):
    calls_network = True
    provider: ClassVar[str]  # names the endpoint (for its concurrency limit) when there is no base URL
    chat_class: ClassVar[Callable[..., Any]]  # the langchain-core chat model
    sdk_errors: ClassVar[SdkErrors]  # the provider SDK's exceptions, which the chat model lets through
    default_url: ClassVar[str]  # the provider's own server, named in messages when there is no base URL
    api_key_env: ClassVar[str]  # the environment variable holding the provider's key
    missing_key_hint: ClassVar[str] = ""  # what else a user without a key may mean

    def __init__(self, name: str, model: str, base_url: str | None, options: ChatOptions) -> None:
        self.name = name
        self.model = model
        self.base_url = base_url
        self.options = options

    @property
    def url(self) -> str:
        """The server spoken to, as messages name it."""
        return self.base_url or self.default_url

    def needs_key(self) -> bool:
        """Whether a request without :attr:`api_key_env` is sure to fail: the provider's own server
        needs a key (a provider whose other servers may not overrides this)."""
        return True

    def probe(self) -> None:
        self._require_key()

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        self._require_key()
        client = self._client(config)
        prompt = [(m.role if m.role != "assistant" else "ai", m.content) for m in messages]
        failures: list[_FailedAttempt] = []
        started = time.monotonic()

        def attempt():
            with _endpoint_slot(self.base_url or self.provider, self.options.concurrency):
                try:
                    return client.invoke(prompt)
                except Exception as error:  # every failure: classified, then retried or raised typed
                    failures.append(self._classify(error))
                    raise failures[-1] from error

        retrying = Retrying(
            retry=retry_if_exception(lambda _: _worth_retrying(failures)),
            stop=stop_after_attempt(self.options.max_attempts) | stop_before_delay(self.options.budget_s),
            wait=_WaitRetryAfter(wait_random_exponential(multiplier=self.options.backoff_initial_s,
                                                         max=self.options.backoff_max_s)),
            reraise=True,
        )
        try:
            reply = retrying(attempt)
        except _FailedAttempt as last:
            raise self._model_error(last, len(failures), time.monotonic() - started) from None
        return self._output(reply, time.monotonic() - started, len(failures) + 1)

    def provider_arguments(self, config: GenerateConfig) -> dict[str, Any]:
        """The chat model's arguments that only this provider takes."""
        return {}

    def fatal_error(self, kind: ModelErrorKind, detail: str, attempts: int = 0,
                    elapsed_s: float = 0.0) -> FatalModelError:
        """The error that stops a run, in one line naming provider, model and URL."""
        return FatalModelError(f"{self.name} at {self.url}: {detail}", kind=kind, attempts=attempts,
                               elapsed_s=elapsed_s)

    def _require_key(self) -> None:
        if self.needs_key() and not os.environ.get(self.api_key_env):
            raise self.fatal_error("missing-key", f"no API key: set {self.api_key_env} (in the environment or "
                                                  f"./.env){self.missing_key_hint}")

    def _classify(self, error: Exception) -> _FailedAttempt:
        errors = self.sdk_errors
        if isinstance(error, errors.timeout):
            return _FailedAttempt("timeout", f"no answer within {self.options.timeout_s:g} s")
        if isinstance(error, errors.connection):
            return _FailedAttempt("connection", f"connection failed: {_root_cause(error)}")
        if isinstance(error, errors.status):
            status: int = getattr(error, "status_code", 0)
            message = _server_message(error)
            kind = _status_kind(status, message)
            headers = getattr(getattr(error, "response", None), "headers", {})
            return _FailedAttempt(kind, f"{_STATUS_WORDS[kind]} ({status}): {message}",
                                  _retry_after_s(headers) if kind in RETRIED_KINDS else None)
        return _FailedAttempt("other", f"{type(error).__name__}: {first_line(error)}")

    def _model_error(self, last: _FailedAttempt, attempts: int, elapsed_s: float) -> ModelError:
        if last.kind in FATAL_KINDS:
            return self.fatal_error(last.kind, last.detail, attempts, elapsed_s)
        asked = f"; the server asked to wait {last.retry_after_s:g} s" if last.retry_after_s is not None else ""
        return ModelError(f"{self.name} at {self.url}: {last.detail}{asked} (after {attempts} "
                          f"attempt{'s' if attempts != 1 else ''} in {elapsed_s:.1f} s)",
                          kind=last.kind, attempts=attempts, elapsed_s=elapsed_s)

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


class _WaitRetryAfter(wait_base):
    """The wait the server asked for (``Retry-After``), else ``fallback``'s."""

    def __init__(self, fallback: wait_base) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        failure = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(failure, _FailedAttempt) and failure.retry_after_s is not None:
            return failure.retry_after_s
        return self.fallback(retry_state)


def _worth_retrying(failures: list[_FailedAttempt]) -> bool:
    last = failures[-1]
    if last.kind == "timeout":
        return sum(failure.kind == "timeout" for failure in failures) <= _TIMEOUT_RETRIES
    return last.kind in RETRIED_KINDS


_STATUS_WORDS: dict[ModelErrorKind, str] = {
    "auth": "authentication failed", "not-found": "model or endpoint not found", "rate-limit": "rate limited",
    "server": "server error", "bad-request": "request rejected",
}


def _status_kind(status: int, message: str) -> ModelErrorKind:
    if status in (401, 403):
        return "auth"
    if status == 404 or (status == 400 and _NO_SUCH_MODEL.search(message)):
        return "not-found"
    if status == 429:
        return "rate-limit"
    if status in (408, 409) or status >= 500:
        return "server"
    return "bad-request"


def _retry_after_s(headers: Mapping[str, str]) -> float | None:
    """The wait a response asks for: ``retry-after-ms``, or ``Retry-After`` in seconds or as an HTTP date."""
    milliseconds = _number(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return max(0.0, milliseconds / 1000)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        date = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None  # a header we cannot read: our own backoff instead
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # HTTP dates are in GMT
    return max(0.0, date.timestamp() - time.time())


def _number(text: str | None) -> float | None:
    try:
        return None if text is None else float(text)
    except ValueError:
        return None


def _server_message(error: Exception) -> str:
    """What the server said: the error body's ``message`` when it has one."""
    body = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return first_line(body["message"])
    return first_line(error)


def _root_cause(error: BaseException) -> str:
    """The innermost cause (``[Errno 111] Connection refused`` rather than ``Connection error.``)."""
    while error.__cause__ is not None:
        error = error.__cause__
    return first_line(error) or type(error).__name__


def _endpoint_slot(endpoint: str, limit: int) -> threading.BoundedSemaphore:
    with _endpoint_lock:
        if endpoint not in _endpoint_limits:
            _endpoint_limits[endpoint] = threading.BoundedSemaphore(limit)
        return _endpoint_limits[endpoint]


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    return "".join(block.get("text", "") if isinstance(block, dict) else str(block) for block in content)


def first_line(text: object) -> str:
    """The first line of ``text``, at most 300 characters: error messages stay one line."""
    return str(text).strip().splitlines()[0][:300] if str(text).strip() else ""
