"""The isolated worker behind :func:`workbench.sandbox.call_isolated`.

Reads length-prefixed pickled ``(function, args)`` requests on stdin and answers each with a
pickled ``("value", result)`` or ``("failure", reason)``. Requests come only from the parent
workbench process; the untrusted part is the text inside ``args``.
"""

from __future__ import annotations

import pickle
import struct
import sys

import workbench.hdl.interface  # noqa: F401 - preloaded: parsing candidates is what this worker is for


def _read_exactly(stream, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main() -> None:
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    while (header := _read_exactly(requests, 8)) is not None:
        request = _read_exactly(requests, struct.unpack("!Q", header)[0])
        if request is None:
            return  # the caller went away in the middle of a request
        function, args = pickle.loads(request)
        try:
            reply = ("value", function(*args))
        except Exception as error:  # noqa: BLE001 - every failure of the work is a verdict
            reply = ("failure", f"failed ({type(error).__name__}: {error})")
        data = pickle.dumps(reply)
        replies.write(struct.pack("!Q", len(data)) + data)
        replies.flush()


if __name__ == "__main__":
    main()
