import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.stub_openai_server import StubServer
from workbench.solver.retrieval import (
    RRF_K,
    CorpusRetriever,
    CorpusSpec,
    RetrievalError,
    build_retriever,
    installed_corpus,
    load_corpus,
    task_entry,
    task_source,
)
from workbench.task.suite import find_task, load_suite

FIFO = """// Synchronous FIFO: a circular buffer with full and empty flags,
// one clock, push and pop in the same cycle.
module lib_fifo #(parameter DEPTH = 4) (input clk, input push, input pop, output full, output empty);
endmodule
"""
TWO_MODULES = """/* Saturating adder: the sum clamps at the largest value instead of wrapping. */
module lib_sat_add (input [7:0] a, input [7:0] b, output [7:0] sum);
endmodule

// Priority encoder: index of the lowest set request bit, with a valid flag.
module lib_prio_enc (input [7:0] req, output [2:0] index, output valid);
endmodule
"""
UNDOCUMENTED = "module lib_gray (input [3:0] bin, output [3:0] gray);\n  // binary to gray code conversion\nendmodule\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A user corpus folder: a commented file, a file of two modules, a file described by NAME.md."""
    folder = tmp_path / "mylib"
    (folder / "sub").mkdir(parents=True)
    (folder / "fifo.sv").write_text(FIFO)
    (folder / "sub" / "arith.v").write_text(TWO_MODULES)
    (folder / "gray.sv").write_text(UNDOCUMENTED)
    (folder / "crc.sv").write_text("module lib_crc (input clk, input [7:0] data, output [31:0] crc);\nendmodule\n")
    (folder / "crc.md").write_text("CRC-32 checksum over a byte stream, Ethernet polynomial.")
    (folder / "notes.txt").write_text("not HDL")
    return folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RTLWB_CACHE", str(folder))
    return folder


def _stub_embeddings(server: StubServer) -> str:
    return f"vllm/stub-embed@{server.base_url}"


# -- BM25 over the installed corpus ------------------------------------------------------------

def test_search_ranks_and_leaves_the_task_out():
    retriever = CorpusRetriever(entries=[task_entry(t) for t in load_suite("accel").tasks])
    fifo = find_task("sync_fifo")
    assert retriever.search(fifo.spec.detailed, k=1)[0].source == "accel/sync_fifo"
    hits = retriever.search(fifo.spec.detailed, k=3, exclude=task_source(fifo))
    assert len(hits) == 3 and all(hit.source != "accel/sync_fifo" for hit in hits)
    assert hits[0].score >= hits[1].score >= hits[2].score
    assert all(hit.rankers == ("bm25",) for hit in hits)


def test_leave_one_out_holds_for_every_task_of_the_installed_corpus():
    retriever = CorpusRetriever(entries=installed_corpus())
    for task in load_suite("accel").tasks:
        hits = retriever.search(task.spec.detailed, k=5, exclude=task_source(task))
        assert task_source(task) not in {hit.source for hit in hits}
        assert task.reference_text() not in {hit.code for hit in hits}


def test_leave_one_out_also_drops_copies_of_the_design_from_other_corpora(tmp_path, cache):
    task = find_task("sync_fifo")
    copies = tmp_path / "copies"
    copies.mkdir()
    (copies / "fifo_copy.sv").write_text("`timescale 1ns/1ps\n" + task.reference_text().replace("    ", "\t"))
    (copies / "fifo_copy.md").write_text(task.spec.detailed)
    retriever = build_retriever([copies])
    assert "corpus:copies/fifo_copy.sv" in {hit.source for hit in retriever.search(task.spec.detailed, k=5)}
    hits = retriever.search(task.spec.detailed, k=5, exclude=task_source(task))
    assert {task_source(task), "corpus:copies/fifo_copy.sv"}.isdisjoint(hit.source for hit in hits)


def test_is_a_langchain_retriever():
    retriever = CorpusRetriever(entries=[task_entry(t) for t in load_suite("accel").tasks], k=3)
    documents = retriever.invoke("round-robin arbiter: one-hot grant, rotating priority pointer")
    assert len(documents) == 3
    assert documents[0].metadata["source"] == "accel/round_robin_arbiter"
    assert "bm25" in documents[0].metadata["scores"]
    assert "module round_robin_arbiter" in documents[0].page_content


# -- the BM25 index cache -------------------------------------------------------------------

def test_index_is_built_once_reused_and_rebuilt_when_a_corpus_file_changes(library, cache):
    first = build_retriever([library], installed=False).lexical_index
    assert not first.reused and first.path.parent == cache / "index"
    saved = {file.name: file.stat().st_mtime_ns for file in first.path.iterdir()}
    assert not list(first.path.parent.glob(".partial-*"))

    second = build_retriever([library], installed=False).lexical_index
    assert second.reused and second.path == first.path
    assert {file.name: file.stat().st_mtime_ns for file in second.path.iterdir()} == saved

    (library / "gray.sv").write_text(UNDOCUMENTED.replace("binary to gray", "one-hot to binary"))
    changed = build_retriever([library], installed=False)
    assert not changed.lexical_index.reused and changed.lexical_index.path != first.path
    assert changed.search("one-hot to binary", k=1)[0].top == "lib_gray"


def test_a_damaged_index_is_rebuilt(library, cache):
    path = build_retriever([library], installed=False).lexical_index.path
    for file in path.iterdir():
        file.write_bytes(b"\x00garbage")
    rebuilt = build_retriever([library], installed=False)
    assert not rebuilt.lexical_index.reused
    assert rebuilt.search("CRC checksum", k=1)[0].top == "lib_crc"
    assert build_retriever([library], installed=False).lexical_index.reused


def test_a_process_that_loses_the_race_to_save_keeps_its_index_and_leaves_no_partial_folder(library, cache):
    from workbench.solver.retrieval import _save_atomically

    index = build_retriever([library], installed=False).lexical_index
    _save_atomically(index.bm25, index.path)  # the folder is already there, as when another process saved first
    assert not list(index.path.parent.glob(".partial-*"))
    assert build_retriever([library], installed=False).lexical_index.reused


# -- user corpora ---------------------------------------------------------------------------

def test_a_folder_corpus_gives_one_entry_per_module_with_its_description(library):
    entries = {entry.top: entry for entry in load_corpus(library)}
    assert set(entries) == {"lib_fifo", "lib_sat_add", "lib_prio_enc", "lib_gray", "lib_crc"}
    assert entries["lib_prio_enc"].source == "corpus:mylib/sub/arith.v"
    assert "lowest set request bit" in entries["lib_prio_enc"].text
    assert "clamps" in entries["lib_sat_add"].text and "lowest" not in entries["lib_sat_add"].text
    assert "Ethernet polynomial" in entries["lib_crc"].text
    assert "binary to gray" in entries["lib_gray"].text
    encoder = entries["lib_prio_enc"].code
    assert encoder.startswith("module lib_prio_enc") and "lib_sat_add" not in encoder
    retriever = build_retriever([library], installed=False, cache=library.parent / "cache")
    assert retriever.search("checksum over a byte stream", k=1)[0].source == "corpus:mylib/crc.sv"


ROWS = [
    {"solution": "module ds_popcount(input [7:0] x, output [3:0] n);\nendmodule", "prompt": "count the set bits"},
    {"solution": "module ds_mux(input s, input a, input b, output y);\nendmodule", "prompt": "two-input multiplexer"},
    {"solution": "", "prompt": "a row without code is skipped"},
]


def test_dataset_corpora_in_json_lines_parquet_and_saved_datasets(tmp_path, cache):
    import datasets

    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(row) for row in ROWS) + "\n")
    datasets.Dataset.from_list(ROWS).to_parquet(str(tmp_path / "rows.parquet"))
    datasets.Dataset.from_list(ROWS).save_to_disk(str(tmp_path / "saved"))
    datasets.DatasetDict({"train": datasets.Dataset.from_list(ROWS[:1]),
                          "test": datasets.Dataset.from_list(ROWS[1:])}).save_to_disk(str(tmp_path / "splits"))
    for name in ("rows.jsonl", "rows.parquet", "saved"):
        entries = load_corpus(f"{tmp_path / name}:code=solution,description=prompt")
        assert [(e.source, e.top) for e in entries] == [(f"dataset:{name.split('.')[0]}#0", "ds_popcount"),
                                                        (f"dataset:{name.split('.')[0]}#1", "ds_mux")]
    assert [e.top for e in load_corpus(f"{tmp_path / 'splits'}:code=solution")] == ["ds_popcount"]  # train
    assert [e.top for e in load_corpus(f"{tmp_path / 'splits'}:code=solution,split=test")] == ["ds_mux"]
    retriever = build_retriever([f"{tmp_path / 'rows.jsonl'}:code=solution"], installed=False)
    assert retriever.search("multiplexer", k=1)[0].source == "dataset:rows#1"


def test_usual_column_names_need_no_options(tmp_path):
    data = tmp_path / "plain.json"
    data.write_text('[{"code": "module m();\\nendmodule", "description": "a tiny module"}]')
    assert [(e.source, e.top, e.text) for e in load_corpus(data)] == [("dataset:plain#0", "m", "m a tiny module")]


def test_corpus_spec_parses_options_and_keeps_plain_paths():
    assert CorpusSpec.parse("d/x.jsonl:code=sol,split=test") == CorpusSpec(Path("d/x.jsonl"), "sol", None, "test")
    assert CorpusSpec.parse("d/lib") == CorpusSpec(Path("d/lib"))


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: d / "absent", r"absent: no such corpus folder or dataset"),
    (lambda d: (d / "empty").mkdir() or d / "empty", r"empty: no module found in any \.v or \.sv file"),
    (lambda d: (d / "x.jsonl").write_text('{"text": "a", "answer": "b"}\n') and d / "x.jsonl",
     r"x\.jsonl: no code column \(looked for any of code, .*; columns: answer, text\); name it with .*:code=COLUMN"),
    (lambda d: (d / "x.jsonl").write_text('{"code": "module m; endmodule"}\n') and f"{d / 'x.jsonl'}:description=spec",
     r"x\.jsonl: no description column \(looked for 'spec'; columns: code\)"),
    (lambda d: (d / "x.jsonl").write_text('{"code": "a"}\n{broken\n') and d / "x.jsonl", r"x\.jsonl:2: not JSON"),
    (lambda d: (d / "x.jsonl").write_text('["a list"]\n') and d / "x.jsonl", r"x\.jsonl:1: expected a JSON object"),
    (lambda d: (d / "x.parquet").write_text("not parquet") and d / "x.parquet", r"x\.parquet: not a readable parquet"),
    (lambda d: (d / "x.txt").write_text("text") and d / "x.txt", r"x\.txt: not a corpus: expected a folder"),
    (lambda d: f"{d}:colour=red", r"unknown corpus option colour"),
])
def test_bad_corpora_are_named_with_the_problem(tmp_path, make, message):
    with pytest.raises(RetrievalError, match=message):
        load_corpus(make(tmp_path))


def test_an_unreadable_file_is_named(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "gone.sv").symlink_to(tmp_path / "nowhere.sv")
    with pytest.raises(RetrievalError, match=r"gone\.sv: cannot read \(No such file or directory\)"):
        load_corpus(folder)


def test_a_saved_dataset_with_several_splits_and_none_chosen(tmp_path):
    import datasets

    datasets.DatasetDict({"a": datasets.Dataset.from_list(ROWS), "b": datasets.Dataset.from_list(ROWS)}) \
        .save_to_disk(str(tmp_path / "splits"))
    with pytest.raises(RetrievalError, match=r"splits: several splits; choose one with .*:split=NAME \(splits: a, b\)"):
        load_corpus(tmp_path / "splits")


# -- dense and hybrid ranking ---------------------------------------------------------------

def test_dense_ranking_finds_the_block_and_caches_the_vectors(library, cache):
    with StubServer() as server:
        retriever = build_retriever([library], installed=False, embeddings=_stub_embeddings(server), lexical=False)
        assert retriever.rankers == ("dense",) and retriever.lexical_index is None
        hits = retriever.search("clamps the sum at the largest value", k=2)
        assert hits[0].top == "lib_sat_add" and hits[0].rankers == ("dense",)
        assert 0 < hits[1].score < hits[0].score <= 1.0
        assert len(server.embedding_requests) == 2  # the corpus in one request, then the query
        assert len(server.embedding_requests[0]) == 5

        again = build_retriever([library], installed=False, embeddings=_stub_embeddings(server), lexical=False)
        assert again.search("clamps the sum at the largest value", k=2) == hits
        assert len(server.embedding_requests) == 2  # every vector came from the cache

        (library / "gray.sv").write_text(UNDOCUMENTED.replace("binary to gray", "one-hot to binary"))
        build_retriever([library], installed=False, embeddings=_stub_embeddings(server), lexical=False)
        assert server.embedding_requests[2:] == [["lib gray one-hot to binary code conversion"]]  # only the new text


def test_hybrid_ranking_fuses_bm25_and_dense_by_reciprocal_rank(library, cache):
    with StubServer() as server:
        retriever = build_retriever([library], installed=False, embeddings=_stub_embeddings(server))
        assert retriever.rankers == ("bm25", "dense")
        hits = retriever.search("priority encoder lowest set request bit", k=5)
        best = hits[0]
        assert best.top == "lib_prio_enc" and best.rankers == ("bm25", "dense")
        assert best.score == pytest.approx(2 / (RRF_K + 1))
        assert best.scores["bm25"] > 0 and 0 < best.scores["dense"] <= 1
        assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
        assert any(hit.rankers == ("dense",) for hit in hits)  # dense finds entries sharing no word with BM25's


@pytest.mark.parametrize("lexical", [False, True], ids=["dense", "hybrid"])
def test_leave_one_out_holds_for_dense_and_hybrid(cache, lexical):
    with StubServer() as server:
        retriever = build_retriever(embeddings=_stub_embeddings(server), lexical=lexical)
        for task in load_suite("accel").tasks:
            assert retriever.search(task.spec.detailed, k=1)[0].source == task_source(task)
            hits = retriever.search(task.spec.detailed, k=5, exclude=task_source(task))
            assert len(hits) == 5
            assert task_source(task) not in {hit.source for hit in hits}
            assert task.reference_text() not in {hit.code for hit in hits}


def test_bad_embedding_settings_are_one_line_errors(library, cache, monkeypatch):
    monkeypatch.delenv("RTLWB_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(RetrievalError, match=r"unknown embeddings 'anthropic/x': expected PROVIDER/MODEL\[@URL\]"):
        build_retriever(installed=False, corpus=[library], embeddings="anthropic/x")
    with pytest.raises(RetrievalError, match=r"openai-compatible/e: give the server as openai-compatible/e@URL"):
        build_retriever(installed=False, corpus=[library], embeddings="openai-compatible/e")
    with pytest.raises(RetrievalError, match=r"embeddings vllm/e@http://127\.0\.0\.1:9/v1: APIConnectionError"):
        build_retriever(installed=False, corpus=[library], embeddings="vllm/e@http://127.0.0.1:9/v1")


# -- the command ----------------------------------------------------------------------------

def test_retrieve_command_shows_scores_rankers_and_sources(library, cache):
    env = dict(os.environ, RTLWB_CACHE=str(cache), COLUMNS="200")
    with StubServer() as server:
        done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "retrieve", "CRC checksum of a byte stream",
                               "--corpus", str(library), "--embeddings", _stub_embeddings(server), "-k", "3"],
                              capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    first = next(line for line in done.stdout.splitlines() if "corpus:mylib/crc.sv" in line)
    assert "bm25" in first and "dense" in first and "lib_crc" in first and "rrf score" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "workbench.cli.main", "retrieve", "x",
                          "--corpus", str(library / "absent")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "absent: no such corpus folder or dataset" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_seed_dataset_is_the_installed_corpus_of_designs():
    from workbench.solver.retrieval import seed_corpus

    seed = seed_corpus()
    sources = {entry.source for entry in seed}
    assert {"seed/mac", "seed/sync_fifo", "seed/uart_tx8", "seed/tick_divider"} <= sources
    assert all(entry.code.lstrip().startswith(("module", "`", "//")) for entry in seed)  # no Chisel
    assert sources <= {entry.source for entry in installed_corpus()}


# -- optimization patterns for rtl-optimize tasks ----------------------------------------------

OPTIMIZE_TASK = Path(__file__).parents[1] / "scorer" / "optimize_task"


def _patterns(root: Path) -> Path:
    """A pattern library of one pair: the scorer tests' rtl-optimize task."""
    shutil.copytree(OPTIMIZE_TASK, root / "patterns" / "shared_mac")
    return root / "patterns"


def test_patterns_are_retrieved_for_rtl_optimize_tasks_only(tmp_path, library):
    from workbench.model import SampleContext
    from workbench.solver._steps import Retrieve, SolverState
    from workbench.solver.prompt import render
    from workbench.solver.retrieval import pattern_corpus

    patterns = pattern_corpus(_patterns(tmp_path))
    [pattern] = patterns
    assert pattern.pattern and pattern.source == "optimizations/shared_mac"
    assert "// Before (goal: area)" in pattern.code and "a * (b + c)" in pattern.code.split("// After")[1]
    retriever = CorpusRetriever(entries=load_corpus(library) + patterns)
    assert [hit.source for hit in retriever.search("multiply factor a*b + a*c area", k=3, patterns=True)] == [
        "optimizations/shared_mac"]
    assert all(not hit.source.startswith("optimizations/")
               for hit in retriever.search("multiply factor a*b + a*c area", k=10))

    # a task whose answer is a pattern's "after" design never sees that pattern
    task = load_suite(_patterns(tmp_path / "as-task")).tasks[0]
    state = SolverState(context=SampleContext(task=task, sample=0))
    Retrieve(retriever, k=2)(state)
    assert state.demonstrations == []
    other = tmp_path / "other" / "mac_twice"
    shutil.copytree(OPTIMIZE_TASK, other)
    (other / "task.toml").write_text((other / "task.toml").read_text().replace('id = "shared_mac"', 'id = "mac_twice"'))
    (other / "reference.sv").write_text((other / "reference.sv").read_text().replace("a * (b + c)", "(b + c) * a"))
    state = SolverState(context=SampleContext(task=load_suite(other.parent).tasks[0], sample=0))
    Retrieve(CorpusRetriever(entries=patterns), k=2)(state)
    [shown] = state.demonstrations
    request = render(state.context.task, demonstrations=state.demonstrations).messages[-1].content
    assert "## Optimization patterns" in request and "## Related designs" not in request
    assert "## The design to optimize" in request and shown.code.strip() in request


def test_the_installed_corpus_holds_the_shipped_patterns():
    from workbench.solver.retrieval import OPTIMIZATION_PATTERNS

    shipped = sorted(folder.name for folder in OPTIMIZATION_PATTERNS.iterdir() if (folder / "task.toml").is_file())
    assert len(shipped) >= 8
    assert {f"optimizations/{name}" for name in shipped} <= {e.source for e in installed_corpus() if e.pattern}
