"""OpenAI's chat API, and every server that speaks it (vLLM, Ollama, llama.cpp, others given by URL)."""

from __future__ import annotations

from typing import Any

import httpx
import openai
from langchain_openai import ChatOpenAI

from workbench.model._chat import ChatAPIModel, SdkErrors, first_line
from workbench.model._model import GenerateConfig, ModelRequest
from workbench.model._openai_servers import OPENAI_URL, openai_api_base_url, openai_api_key

# Nothing listening must fail in well under 5 s; a server that accepted the connection is there,
# however slowly it lists its models.
_PROBE_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class OpenAIChatModel(ChatAPIModel):
    provider = "openai"
    chat_class = ChatOpenAI
    sdk_errors = SdkErrors(status=openai.APIStatusError, connection=openai.APIConnectionError,
                           timeout=openai.APITimeoutError)
    default_url = OPENAI_URL
    api_key_env = "OPENAI_API_KEY"
    missing_key_hint = ", or name an OpenAI-compatible server with --base-url or $OPENAI_BASE_URL"

    def needs_key(self) -> bool:
        return self.base_url is None  # OpenAI itself; a compatible server may take any key, or none

    def probe(self) -> None:
        """The key for OpenAI itself; for a compatible server, ``GET {base_url}/models``: nothing
        listening or a 401/403 there is fatal. A server without that endpoint (404, 405) passes."""
        super().probe()
        if self.base_url is None:
            return
        url = f"{self.base_url.rstrip('/')}/models"
        try:
            response = httpx.get(url, headers={"Authorization": f"Bearer {openai_api_key()}"},
                                 timeout=_PROBE_TIMEOUT)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.UnsupportedProtocol) as error:
            detail = f"nothing answers at {url} ({error or type(error).__name__}); is the server running?"
            raise self.fatal_error("unreachable", detail) from None
        except httpx.HTTPError:
            return  # connected, then slow or odd: the requests themselves will tell, with their retries
        if response.status_code in (401, 403):
            raise self.fatal_error("auth", f"authentication failed ({response.status_code}) on GET /models: "
                                           f"{first_line(response.text)}")

    def provider_arguments(self, config: GenerateConfig) -> dict[str, Any]:
        arguments: dict[str, Any] = {"base_url": self.base_url, "api_key": openai_api_key()}
        if config.seed is not None:
            arguments["seed"] = config.seed
        return arguments


def openai_api_model(request: ModelRequest) -> OpenAIChatModel:
    base_url = openai_api_base_url(request.provider, request.spec, request.base_url)
    return OpenAIChatModel(request.spec, request.model, base_url, request.options)

