"""``rtlwb generate``: a design from a description, verified by the real tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from workbench.cli._common import JsonOption, QuietOption, one_simulator, out, response_cache_path
from workbench.cli._progress import Progress
from workbench.model import ChatOptions, GenerateConfig, ResponseCache, get_model
from workbench.solver.generate import DesignRequest, GenerateError, generate_design, write_outputs


def generate_command(
    spec: Annotated[str, typer.Argument(help="the specification, or @FILE to read it from a file")],
    model: Annotated[str, typer.Option("--model", "-m", help="openai/M, vllm/M, ollama/M, llamacpp/M, "
                                       "openai-compatible/M, anthropic/M, or the offline retrieval baseline")],
    lang: Annotated[str, typer.Option("--lang", help="verilog or systemverilog")] = "systemverilog",
    top: Annotated[str | None, typer.Option("--top", help="name of the top module")] = None,
    tests: Annotated[Path | None, typer.Option("--tests", help="a cocotb test module the design must pass")] = None,
    pipeline: Annotated[str, typer.Option(help="direct, rag, repair or rag+repair")] = "rag+repair",
    repair_rounds: Annotated[int, typer.Option("--repair-rounds", min=1)] = 3,
    rag_k: Annotated[int, typer.Option("--rag-k", min=1, help="designs retrieved for rag")] = 2,
    corpus: Annotated[list[str] | None, typer.Option("--corpus", help="extra rag corpus: HDL folder or dataset "
                                              "(repeatable; see docs/retrieval.md)")] = None,
    embeddings: Annotated[str | None, typer.Option("--embeddings", help="dense rag ranking with this embeddings "
                                                   "provider, fused with BM25")] = None,
    sim: Annotated[str, typer.Option("--sim", "-s", callback=one_simulator)] = "icarus",
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="default: generated/TOP")] = None,
    temperature: Annotated[float, typer.Option()] = 0.2,
    max_tokens: Annotated[int, typer.Option("--max-tokens")] = 4096,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL")] = None,
    timeout: Annotated[float, typer.Option(help="seconds per model request")] = 120.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="do not read or write the response cache")] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Generate RTL from a description; lint, build and (with --tests) simulate it, repairing on failure.

    Writes the RTL, the prompt trail and a verification report to --out. Answers go through the
    response cache: the same command again is answered from it. Exit status 0 only when the final
    design passed every check asked for."""
    request = DesignRequest(spec=_read_spec(spec), top=top, language=lang, tests=tests.resolve() if tests else None,
                            pipeline=pipeline, repair_rounds=repair_rounds, simulator=sim, rag_k=rag_k,
                            rag_corpus=tuple(corpus or ()), rag_embeddings=embeddings,
                            generation=GenerateConfig(temperature=temperature, max_tokens=max_tokens))
    folder = (out_dir or Path("generated") / (top or "design")).resolve()
    chosen = get_model(model, base_url=base_url, options=ChatOptions(timeout_s=timeout))
    cache = None if no_cache else ResponseCache(response_cache_path())
    with Progress(enabled=not quiet) as progress:
        track = progress.add(f"{pipeline} with {model}: answers checked")
        generation = generate_design(request, chosen, folder, cache, on_checked=lambda attempt: progress.advance(
            track, status=attempt.result.status.value))
    files = write_outputs(generation, folder)
    if as_json:
        print(json.dumps(json.loads(files["report_json"].read_text()) | {"out": str(folder)}, indent=2))
    else:
        out.print(escape(files["report_md"].read_text()))
        out.print(f"written to {escape(str(folder))}: " + ", ".join(p.name for p in files.values()))
    raise typer.Exit(0 if generation.verified else 1)


def _read_spec(spec: str) -> str:
    if not spec.startswith("@"):
        return spec
    path = Path(spec[1:])
    try:
        return path.read_text()
    except OSError as problem:
        raise GenerateError(f"{path}: cannot read the specification ({problem.strerror})") from None
    except UnicodeDecodeError as problem:
        raise GenerateError(f"{path}: the specification is not UTF-8 text (byte {problem.start})") from None

