"""`rtlwb dataset ...` end to end, as real processes, on a messy synthetic corpus: broken files,
duplicates, a near-copy of a benchmark task, a huge file, binary junk and a table with bad rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.task.suite import find_task

RTLWB = [sys.executable, "-m", "workbench.cli.main"]

GOOD = {
    "gray_to_bin.v": """// gray_to_bin: Gray code to binary.
module gray_to_bin #(parameter W = 6) (input [W-1:0] g, output [W-1:0] b);
  genvar k;
  assign b[W-1] = g[W-1];
  generate for (k = W - 2; k >= 0; k = k - 1) begin : bits
    assign b[k] = b[k + 1] ^ g[k];
  end endgenerate
endmodule
""",
    "toggler.sv": """// toggler: flips its output on every enabled clock edge.
module toggler (input logic clk, input logic rst, input logic en, output logic q);
  always_ff @(posedge clk) begin
    if (rst) q <= 1'b0;
    else if (en) q <= ~q;
  end
endmodule
""",
    "toggler_tb.sv": """module toggler_tb;
  logic clk = 0, rst = 1, en = 0, q;
  toggler dut (.clk, .rst, .en, .q);
  always #5 clk = ~clk;
  initial begin
    @(negedge clk) rst = 0; en = 1;
    @(negedge clk) if (q !== 1'b1) begin $display("FAIL: q=%b after one toggle", q); $finish; end
    @(negedge clk) if (q !== 1'b0) begin $display("FAIL: q=%b after two toggles", q); $finish; end
    $display("PASS"); $finish;
  end
endmodule
""",
    "sum3.v": """module sum3 (input [7:0] a, b, c, output [9:0] s);
  wire [8:0] ab;
  add2 first (.x(a), .y(b), .z(ab));
  assign s = ab + c;
endmodule
module add2 (input [7:0] x, y, output [8:0] z);
  assign z = x + y;
endmodule
""",
}
# The same design as gray_to_bin.v with other comments and spacing: an exact duplicate once normalized.
EXACT_COPY = GOOD["gray_to_bin.v"].replace("// gray_to_bin: Gray code to binary.", "/* copied */").replace("  ", "    ")
BROKEN = {
    "syntax.v": "module syntax (input a, output y);\n  assign y = a +;\nendmodule\n",
    "undeclared.v": "module undeclared (input a, output y);\n  assign y = a & missing_net;\nendmodule\n",
    "orphan.v": "module orphan (input a, output y);\n  nowhere u (.a(a), .y(y));\nendmodule\n",
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200", HF_DATASETS_OFFLINE="1", HF_HUB_OFFLINE="1")
    return subprocess.run([*RTLWB, "dataset", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=900)


def _ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {**GOOD, **BROKEN}.items():
        (corpus / name).write_text(text)
    (corpus / "copies").mkdir()
    (corpus / "copies" / "gray_again.v").write_text(EXACT_COPY)
    benchmark = find_task("abs_diff").reference_text()
    (corpus / "borrowed.sv").write_text("// found on a forum\n" + benchmark.replace("\n", "\n\n", 3))
    (corpus / "huge.v").write_text("module huge(); endmodule\n" + "// filler\n" * 150_000)
    (corpus / "blob.v").write_bytes(bytes(range(256)) * 64)
    (corpus / "README.md").write_text("not code")
    (tmp_path / "rows.jsonl").write_text("\n".join(json.dumps(row) for row in [
        {"code": GOOD["sum3.v"].replace("sum3", "sum3_row"), "description": "sums three bytes", "license": "MIT"},
        {"code": "   ", "description": "nothing"},
        {"code": "garbage ``` not verilog"},
    ]) + "\n")
    return tmp_path


@pytest.mark.slow
def test_the_whole_pipeline_on_a_messy_corpus(messy):
    ingested = json.loads(_ok(_run("ingest", "corpus", "rows.jsonl", "-w", "ws", "--json", cwd=messy)).stdout)
    rejected = {(s["source"], r["path"]): r["reason"] for s in ingested["sources"] for r in s["rejections"]}
    assert rejected[("corpus", "huge.v")].startswith("1.5 MB, over the 1.0 MB limit")
    assert rejected[("corpus", "blob.v")] == "binary data (NUL bytes), not source code"
    assert set(rejected) == {("corpus", "huge.v"), ("corpus", "blob.v"),
                             ("rows.jsonl", "row 1"), ("rows.jsonl", "row 2")}
    records = ingested["records"]

    verified = json.loads(_ok(_run("verify", "-w", "ws", "--json", cwd=messy)).stdout)
    assert verified["checked"] == records
    again = json.loads(_ok(_run("verify", "-w", "ws", "--json", cwd=messy)).stdout)
    assert (again["checked"], again["already verified before"]) == (0, records)  # resumed, nothing redone

    dedup = json.loads(_ok(_run("dedup", "-w", "ws", "--json", cwd=messy)).stdout)
    assert dedup["duplicates"] == 3
    decontaminated = json.loads(_ok(_run("decontaminate", "-w", "ws", "--action", "drop", "--json", cwd=messy)).stdout)
    assert [(f["suite"], f["task_id"]) for f in decontaminated["findings"]] == [("accel", "abs_diff")]

    skipped = _ok(_run("describe", "-w", "ws", cwd=messy))
    assert "describe skipped" in skipped.stderr and "--model" in skipped.stderr

    exported = json.loads(_ok(_run("export", "-w", "ws", "-o", "out", "--json", cwd=messy)).stdout)
    stats = json.loads(_ok(_run("stats", "-w", "ws", "--json", cwd=messy)).stdout)

    import datasets

    rows = datasets.load_from_disk(str(messy / "out" / "disk")).to_list()
    assert len(rows) == exported["rows"] == stats["stages"]["kept for export"]
    assert datasets.load_dataset(str(messy / "out"), split="train", cache_dir=str(messy / "cache")).to_list() == rows
    # The table's sum3_row is sum3 renamed (a near duplicate) and its add2 an exact one.
    assert sorted(row["top"] for row in rows) == ["add2", "gray_to_bin", "sum3", "toggler"]
    toggler = next(row for row in rows if row["top"] == "toggler")
    assert toggler["checks"]["simulate"] == "pass" and toggler["cells"] > 0 and "PASS" in toggler["testbench"]
    gray = next(row for row in rows if row["top"] == "gray_to_bin")
    assert gray["duplicates_removed"] == 1
    assert toggler["description"] == "toggler: flips its output on every enabled clock edge."
    # Every record has a verdict; every failure says which check and why.
    assert stats["stages"]["ingested"] == records
    assert stats["stages"]["verified"] + stats["stages"]["failed verification"] == records
    assert stats["left_out"]["failed verification"] == 3
    assert stats["left_out"]["too close to a benchmark task"] == 1
    card = (messy / "out" / "README.md").read_text()
    assert "| `corpus` |" in card and "left out, failed verification: 3" in card and "| dedup |" in card


def test_describe_without_a_model_says_so_and_stage_errors_name_the_workspace(tmp_path):
    missing = _run("verify", "-w", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "nowhere: not a dataset workspace" in missing.stderr
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "inv.v").write_text("module inv(input a, output y); assign y = ~a; endmodule\n")
    _ok(_run("ingest", "lib", "-w", "ws", cwd=tmp_path))
    empty = _run("export", "-w", "ws", "-o", "out", cwd=tmp_path)
    assert empty.returncode == 2 and "no record is left to export (1 not verified yet)" in empty.stderr
    offline = _run("ingest", "hf:nobody/no-such-dataset", "-w", "ws", cwd=tmp_path)
    assert offline.returncode == 2 and "cannot load the Hugging Face dataset" in offline.stderr
    assert "local copy" in offline.stderr


def test_export_writes_the_license_given_and_a_folder_that_load_dataset_reads(tmp_path):
    import datasets

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "inv.v").write_text("module inv(input a, output y); assign y = ~a; endmodule\n")
    _ok(_run("ingest", "lib", "-w", "ws", cwd=tmp_path))
    _ok(_run("verify", "-w", "ws", "--checks", "parse,compile", cwd=tmp_path))
    _ok(_run("export", "-w", "ws", "-o", "out", "--license", "MIT", cwd=tmp_path))
    assert "\nlicense: mit\n" in (tmp_path / "out" / "README.md").read_text()
    by_folder = datasets.load_dataset(str(tmp_path / "out"), split="train", cache_dir=str(tmp_path / "cache"))
    assert by_folder.to_list() == datasets.load_from_disk(str(tmp_path / "out" / "disk")).to_list()
    assert by_folder["top"] == ["inv"]

    refused = _run("export", "-w", "ws", "-o", "out", "--license", "Apache 2", cwd=tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stdout + refused.stderr
    (line,) = refused.stderr.strip().splitlines()
    assert "--license 'Apache 2': not a license the Hugging Face Hub knows (did you mean apache-2.0?)" in line
    assert (tmp_path / "out" / "disk").is_dir()  # the earlier export is still there


def test_describe_through_an_openai_compatible_server_then_export(tmp_path):
    from tests.stub_openai_server import StubServer, completion_body

    code = "module inv (input a, output y);\n  assign y = ~a;\nendmodule\n"
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "inv.v").write_text(code)
    _ok(_run("ingest", "lib", "-w", "ws", cwd=tmp_path))
    _ok(_run("verify", "-w", "ws", "--checks", "parse,compile", cwd=tmp_path))

    def reply(number, messages):
        request = messages[-1]["content"]
        if "In one sentence" in request:
            return 200, completion_body("An inverter.")
        if "re-implement" in request:
            return 200, completion_body("Module inv drives output y with the complement of input a.")
        return 200, completion_body("```verilog\n" + code.replace("  assign", "  // the inverse\n  assign") + "```")

    with StubServer(reply) as server:
        described = _ok(_run("describe", "-w", "ws", "--model", "openai-compatible/stub", "--base-url", server.base_url,
                             "--json", cwd=tmp_path))
    assert json.loads(described.stdout) == {"accepted": 1}
    _ok(_run("export", "-w", "ws", "-o", "out", "--format", "jsonl", cwd=tmp_path))
    (row,) = [json.loads(line) for line in (tmp_path / "out" / "data.jsonl").read_text().splitlines()]
    assert (row["summary"], row["description_model"]) == ("An inverter.", "openai-compatible/stub")
    assert "// the inverse" in row["commented_code"]
