"""Model: one small interface between the harness and whatever produces answers.

A model receives the fully rendered chat messages of one sample and the sample's context (task,
sample index) and returns the raw answer with its usage. Providers (HTTP chat APIs, built-in
baselines, replayed completions, scripted answers for tests) are subclasses; the evaluation loop
never sees more.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from workbench.errors import WorkbenchError
from workbench.task.format import Task

ModelErrorKind = Literal["rate-limit", "server", "connection", "timeout", "auth", "not-found", "bad-request",
                         "missing-key", "unreachable", "other"]
"""Why a model gave no answer. ``rate-limit`` (429), ``server`` (5xx, 408, 409), ``connection`` (reset or
refused mid-run) and ``timeout`` may succeed later and are retried; ``bad-request`` is any other 4xx
(a prompt too long, say); ``auth`` (401, 403), ``not-found`` (404, or a 400 saying the model does not
exist), ``missing-key`` and ``unreachable`` (nothing answers at the probe) are fatal; ``other`` is
anything else, a baseline's or a replay file's refusal included."""


class ModelError(WorkbenchError, RuntimeError):
    """A model could not produce an answer for one sample (after its retries): recorded with the
    sample, the run goes on. ``attempts`` counts the requests sent (0: none was), ``elapsed_s`` the
    time spent on them and the waits between."""

    def __init__(self, message: str, *, kind: ModelErrorKind = "other", attempts: int = 0,
                 elapsed_s: float = 0.0) -> None:
        super().__init__(message)
        self.kind: ModelErrorKind = kind
        self.attempts = attempts
        self.elapsed_s = elapsed_s


class FatalModelError(ModelError):
    """The model cannot answer any request (bad or missing key, no such model, nothing listening):
    the caller stops the whole run at once. The message names provider, model and URL."""


class ChatMessage(BaseModel):
    model_config = ConfigDict(frozen=True)
    role: str
    content: str


class GenerateConfig(BaseModel):
    """Semantic generation parameters: they change answers, so they are part of the cache key."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    temperature: float = 0.2
    top_p: float | None = None
    max_tokens: int = 4096
    seed: int | None = None


@dataclass(frozen=True)
class ChatOptions:
    """Transport settings: they never change an answer, so they stay out of the cache key."""

    timeout_s: float = 120.0  # one request; a request that timed out is tried once more at most
    max_attempts: int = 6  # requests per sample, the first included
    backoff_initial_s: float = 1.0
    backoff_max_s: float = 60.0
    budget_s: float = 600.0  # per sample: no retry starts whose wait would end past it
    concurrency: int = 4
    price_input_per_mtok: float | None = None
    price_output_per_mtok: float | None = None


@dataclass(frozen=True)
class ModelRequest:
    """What a provider's factory is given: a provider string ``PROVIDER/MODEL`` in parts, and the
    caller's server and transport settings."""

    spec: str  # the whole provider string, which names the model it builds
    provider: str
    model: str
    base_url: str | None
    options: ChatOptions


@dataclass(frozen=True)
class SampleContext:
    """Who is asking: a benchmark task's sample, or (``task`` None) a free-form design request."""

    task: Task | None
    sample: int
    top: str | None = None  # the requested top module of a free-form request
    spec: str = ""  # the specification of a free-form request
    language: str = "systemverilog"  # the language the answer is asked for

    def benchmark_task(self, model: Model) -> Task:
        """The task asked about, for ``model`` that answers benchmark tasks only."""
        if self.task is None:
            raise ModelError(f"the {model.name} model answers benchmark tasks only; "
                             "free-form requests need a chat model or the retrieval baseline")
        return self.task


class ModelOutput(BaseModel):
    text: str
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_s: float = 0.0
    cost_usd: float | None = None
    attempts: int = 1


class Model(ABC):
    """A source of answers. ``name`` is the provider string that rebuilds it."""

    name: str
    base_url: str | None = None
    calls_network: bool = False

    @abstractmethod
    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        """The answer to ``messages`` for ``context``; raises :class:`ModelError` when none comes."""

    def probe(self) -> None:
        """Raise :class:`FatalModelError` if this model surely cannot answer (a missing key, a server
        that is not there), cheaply and before the first request. Nothing to check by default."""
        return None

    def cache_identity(self) -> dict[str, str | None]:
        """What identifies this model's answers in the response cache (never credentials)."""
        return {"model": self.name, "base_url": self.base_url}
