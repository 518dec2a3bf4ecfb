"""Provider strings -> models, through a lazy registry.

A provider string is a built-in model's name (``reference``, ``retrieval``) or ``PROVIDER/MODEL``:
``replay/FILE``, ``openai/MODEL``, ``openai-compatible/MODEL`` (with a base URL), ``vllm/``,
``ollama/``, ``llamacpp/`` (local servers at their usual addresses), ``anthropic/MODEL``.
Each entry names its factory as ``"module:attribute"``, imported only when the provider is asked
for, so that a provider's SDK loads only for its own models and a missing one says what to
install. Adding a provider: a module with its factory (a function of a :class:`ModelRequest`,
see ``_anthropic.py``: a chat API's class names its langchain chat model, its SDK's exception
types, its server and its key) and one line in :data:`PROVIDERS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench._exports import load
from workbench.model._model import ChatOptions, Model, ModelError, ModelRequest
from workbench.model._openai_servers import OPENAI_API_PROVIDERS


@dataclass(frozen=True)
class Provider:
    factory: str  # "module:attribute"
    extra: str | None = None  # the rtl-workbench extra that installs what the factory's module imports


# Built-in models, named alone and built without arguments. The baselines know the benchmark, so
# they live with the solvers (which may import models; models never import solvers).
BUILTIN_MODELS = {
    "reference": Provider("workbench.solver.baselines:ReferenceModel"),
    "retrieval": Provider("workbench.solver.baselines:RetrievalModel"),
}
# PROVIDER/MODEL: the factory is called with the request.
PROVIDERS = {
    **dict.fromkeys(OPENAI_API_PROVIDERS, Provider("workbench.model._openai:openai_api_model", "openai")),
    "anthropic": Provider("workbench.model._anthropic:anthropic_model", "anthropic"),
    "replay": Provider("workbench.model._replay:replay_model"),
}


def get_model(spec: str, base_url: str | None = None, options: ChatOptions | None = None) -> Model:
    """The model named by a provider string; raises :class:`ModelError` with a usable message."""
    if spec in BUILTIN_MODELS:
        return _factory(BUILTIN_MODELS[spec])()
    provider, _, model = spec.partition("/")
    if not model:
        raise ModelError(f"unknown model '{spec}': expected {', '.join(BUILTIN_MODELS)}, replay/FILE or PROVIDER/MODEL")
    if provider not in PROVIDERS:
        raise ModelError(f"unknown provider '{provider}' in '{spec}' (known: {', '.join(PROVIDERS)})")
    return _factory(PROVIDERS[provider])(ModelRequest(spec, provider, model, base_url, options or ChatOptions()))


def _factory(provider: Provider) -> Any:
    try:
        return load(provider.factory)
    except ImportError as missing:
        package = (missing.name or "").split(".")[0]
        if provider.extra is None or package == "workbench":
            raise  # not a missing extra: no install would help
        needs = package.replace("_", "-") if package else "its extra"
        raise ModelError(f"the {provider.extra} provider needs {needs}: "
                         f"pip install 'rtl-workbench[{provider.extra}]'") from None
