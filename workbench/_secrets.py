"""Credentials never reach a stored file: the values of the orchestrator's credential variables are
redacted from everything the workbench writes (run logs, the response cache, dataset workspaces).

This is the second line: untrusted runs cannot read the orchestrator's environment in the first
place (see :mod:`workbench.sandbox`). A provider's key could still reach a stored text some other
way (an error message quoting a request, a model that echoes it), and then it is cut out here.
"""

from __future__ import annotations

import json
import os
import re

_CREDENTIAL_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH", re.IGNORECASE)
_SHORTEST = 8  # shorter values ("1", "true", a port) would redact ordinary text


def credential_values() -> dict[str, str]:
    """Credential variable name -> value, for the variables set now (read each time: a process may
    load ``.env`` after starting)."""
    return {name: value for name, value in os.environ.items()
            if _CREDENTIAL_NAME.search(name) and len(value) >= _SHORTEST}


def redact(text: str) -> str:
    """``text`` with every credential value (as is, and as it appears inside a JSON string)
    replaced by ``[redacted NAME]``."""
    for name, value in credential_values().items():
        if value in text:
            text = text.replace(value, f"[redacted {name}]")
        escaped = json.dumps(value)[1:-1]
        if escaped != value and escaped in text:
            text = text.replace(escaped, f"[redacted {name}]")
    return text
