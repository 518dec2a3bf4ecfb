"""The pipelines by name (as run.json and the command line give them): their steps, in order.

Kept apart from the steps themselves (:mod:`workbench.solver._steps`), which load langchain and the
tools, so that a report can read what a run's pipeline did without them.
"""

PIPELINES: dict[str, tuple[str, ...]] = {
    "direct": ("prompt", "generate"),
    "rag": ("retrieve", "prompt", "generate"),
    "repair": ("prompt", "generate", "repair"),
    "rag+repair": ("retrieve", "prompt", "generate", "repair"),
}


def retrieves(pipeline: str) -> bool:
    """Whether ``pipeline`` has a retrieve step (a retriever is worth building only then: it indexes a corpus)."""
    return "retrieve" in PIPELINES[pipeline]


def repairs(pipeline: str) -> bool:
    """Whether ``pipeline`` has a repair step."""
    return "repair" in PIPELINES[pipeline]
