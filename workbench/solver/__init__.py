"""Solvers: how a task (or a free-form design request) becomes an answer.

A pipeline is an ordered list of steps over one sample's :class:`SolverState`: ``retrieve``
(demonstrations from a corpus), ``prompt`` (the rendered messages), ``generate`` (the model, through
the response cache), ``check`` and ``repair`` (the tools' evidence sent back, bounded rounds).
:data:`PIPELINES` names them (``direct``, ``rag``, ``repair``, ``rag+repair``); the benchmark loop
and ``rtlwb generate`` build theirs from the same steps. Also here: prompt templates
(``prompt``), retrieval (``retrieval``) and the template library (``templates``).

Names are loaded on first use: the steps pull in langchain and the tools, the pipelines' table
nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench._exports import lazy_exports

if TYPE_CHECKING:
    from workbench.solver._pipelines import PIPELINES, repairs, retrieves
    from workbench.solver._steps import (
        Attempt,
        Check,
        Generate,
        RenderDesign,
        RenderTask,
        Repair,
        Retrieve,
        SolverState,
        Step,
        TaskJudge,
        build_pipeline,
        solve,
    )
    from workbench.solver.generate import DesignRequest, GenerateError, generate_design, write_outputs
    from workbench.solver.prompt import Demonstration, PromptError, render, render_design
    from workbench.solver.retrieval import CorpusRetriever, RetrievalError, build_retriever

__all__ = [
    # pipelines and their steps
    "PIPELINES", "repairs", "retrieves", "Attempt", "Check", "Generate", "RenderDesign", "RenderTask", "Repair",
    "Retrieve", "SolverState", "Step", "TaskJudge", "build_pipeline", "solve",
    # free-form designs (rtlwb generate)
    "DesignRequest", "GenerateError", "generate_design", "write_outputs",
    # prompts and retrieval
    "Demonstration", "PromptError", "render", "render_design", "CorpusRetriever", "RetrievalError", "build_retriever",
]

_MODULES = {
    "workbench.solver._pipelines": ("PIPELINES", "repairs", "retrieves"),
    "workbench.solver._steps": ("Attempt", "Check", "Generate", "RenderDesign", "RenderTask", "Repair", "Retrieve",
                                "SolverState", "Step", "TaskJudge", "build_pipeline", "solve"),
    "workbench.solver.generate": ("DesignRequest", "GenerateError", "generate_design", "write_outputs"),
    "workbench.solver.prompt": ("Demonstration", "PromptError", "render", "render_design"),
    "workbench.solver.retrieval": ("CorpusRetriever", "RetrievalError", "build_retriever"),
}
__getattr__ = lazy_exports(__name__, _MODULES)
