"""``rtlwb retrieve``: search the retrieval corpus by description."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, out, read_input
from workbench.solver.retrieval import Hit, build_retriever


def retrieve(
    query: Annotated[str, typer.Argument(help="what to look for, or @FILE to read it from a file")],
    k: Annotated[int, typer.Option("-k", help="number of hits")] = 5,
    corpus: Annotated[list[str] | None, typer.Option(
        "--corpus", help="also search this folder of .v/.sv files or dataset (.jsonl, .parquet, save_to_disk "
                         "folder); PATH:code=COL,description=COL picks a dataset's columns (repeatable)")] = None,
    embeddings: Annotated[str | None, typer.Option(
        "--embeddings", help="dense ranking too, fused with BM25: PROVIDER/MODEL[@URL] of an OpenAI-compatible "
                             "embeddings endpoint (openai/, vllm/, ollama/, llamacpp/, openai-compatible/)")] = None,
    no_bm25: Annotated[bool, typer.Option("--no-bm25", help="dense ranking alone (needs --embeddings)")] = False,
    show_code: Annotated[bool, typer.Option("--code", help="print each hit's design (always in --json)")] = False,
    as_json: JsonOption = False,
) -> None:
    """Search the corpus (template library, suites, your own) by description: BM25, dense, or both fused."""
    text = read_input(Path(query[1:]), "query") if query.startswith("@") else query
    retriever = build_retriever(corpus or (), embeddings=embeddings, lexical=not no_bm25)
    hits = retriever.search(text, k=k)
    fused = len(retriever.rankers) > 1
    if as_json:
        print(json.dumps({"query": text, "rankers": list(retriever.rankers), "fused": fused,
                          "hits": [_hit_record(rank, hit) for rank, hit in enumerate(hits, start=1)]}, indent=2))
        return
    table = Table("rank", "rrf score" if fused else "score", "found by", "source", "module")
    for rank, hit in enumerate(hits, start=1):
        found_by = ", ".join(f"{name} {score:.3f}" for name, score in hit.scores.items())
        table.add_row(str(rank), f"{hit.score:.4f}" if fused else f"{hit.score:.3f}", found_by,
                      escape(hit.source), escape(hit.top or "-"))
    out.print(table)
    if show_code:
        for hit in hits:
            out.print(f"\n[bold]── {escape(hit.source)} ──[/bold]")  # a rule would span a pipe's unbounded width
            out.print(escape(hit.code))


def _hit_record(rank: int, hit: Hit) -> dict:
    return {"rank": rank, "source": hit.source, "top": hit.top, "score": hit.score, "scores": hit.scores,
            "code": hit.code}
