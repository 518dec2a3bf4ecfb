"""Scripted answers, for tests: a first-class model that needs no network."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.model._model import ChatMessage, GenerateConfig, Model, ModelError, ModelOutput, SampleContext


class ScriptedModel(Model):
    """Answers from a script, for tests: a list (taken in call order) or a function of the context.

    Its answers are fixtures, never a model's result; runs made with it say ``scripted`` as model.
    """

    def __init__(self, script: Sequence[str] | Callable[[SampleContext], str], name: str = "scripted") -> None:
        self.name = name
        self._script = script
        self._next = 0
        self.calls = 0
        self.received: list[list[ChatMessage]] = []

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        self.calls += 1
        self.received.append(list(messages))
        if callable(self._script):
            return ModelOutput(text=self._script(context))
        if self._next >= len(self._script):
            raise ModelError("the script has no more answers")
        self._next += 1
        return ModelOutput(text=self._script[self._next - 1])
