"""A local OpenAI-compatible chat and embeddings server for tests (127.0.0.1 only).

``reply(request_number, messages) -> (status, payload)`` or ``(status, payload, headers)`` decides
every chat answer, so a test can script rate limits (with their ``Retry-After``), malformed bodies,
slow answers (a reply that sleeps) and answers; every request is counted and kept, with the time it
arrived (``request_times``, ``time.monotonic()``) so that a test can measure the waits between.
``GET /v1/models`` lists ``models`` (ids), or answers with their status when ``models`` is a number
(401, 404...); its requests are counted in ``model_list_requests``.
``POST /v1/embeddings`` answers with :func:`bag_of_words_vector` of each input, so texts sharing
words are close; its requests are kept apart, in ``embedding_requests``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import threading
import time
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = Callable[[int, list[dict]], tuple[int, object] | tuple[int, object, dict[str, str]]]


def completion_body(text: str, model: str = "stub") -> dict:
    return {
        "id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


EMBEDDING_DIMENSIONS = 256


def bag_of_words_vector(text: str) -> list[float]:
    """A deterministic unit vector: each word adds one to a dimension chosen by its hash."""
    vector = [0.0] * EMBEDDING_DIMENSIONS
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        vector[int(hashlib.sha256(word.encode()).hexdigest(), 16) % EMBEDDING_DIMENSIONS] += 1.0
    norm = sum(value * value for value in vector) ** 0.5 or 1.0
    return [value / norm for value in vector]


def embeddings_body(body: dict) -> dict:
    inputs = [body["input"]] if isinstance(body["input"], str) else body["input"]
    data = []
    for index, text in enumerate(inputs):
        vector = bag_of_words_vector(text)
        if body.get("encoding_format") == "base64":  # what the openai client asks for by default
            vector = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": vector})
    return {"object": "list", "data": data, "model": body.get("model", "stub"),
            "usage": {"prompt_tokens": len(inputs), "total_tokens": len(inputs)}}


class StubServer:
    def __init__(self, reply: Reply | None = None, delay_s: float = 0.0,
                 models: Sequence[str] | int = ("stub",)) -> None:
        self.reply = reply or (lambda number, messages: (500, {"error": {"message": "no chat reply scripted"}}))
        self.delay_s = delay_s
        self.models = models
        self.requests: list[list[dict]] = []
        self.request_times: list[float] = []
        self.embedding_requests: list[list[str]] = []
        self.model_list_requests = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # the name http.server dispatches POST requests to
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                headers: dict[str, str] = {}
                if self.path.endswith("/embeddings"):
                    with server._lock:
                        server.embedding_requests.append(body["input"])
                    status, payload = 200, embeddings_body(body)
                else:
                    with server._lock:
                        server.requests.append(body["messages"])
                        server.request_times.append(time.monotonic())
                        number = len(server.requests)
                    time.sleep(server.delay_s)
                    status, payload, *extra = server.reply(number, body["messages"])
                    headers = extra[0] if extra else {}
                self._answer(status, payload, headers)

            def do_GET(self):  # the name http.server dispatches GET requests to
                if not self.path.endswith("/models"):
                    self._answer(404, {"error": {"message": f"no {self.path} here"}})
                    return
                with server._lock:
                    server.model_list_requests += 1
                if isinstance(server.models, int):
                    self._answer(server.models, {"error": {"message": f"models answers {server.models}"}})
                    return
                self._answer(200, {"object": "list", "data": [{"id": name, "object": "model", "owned_by": "stub"}
                                                              for name in server.models]})

            def _answer(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                try:
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped waiting (a timeout under test)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A short poll interval: every test that uses the server waits for it to shut down.
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
