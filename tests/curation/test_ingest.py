"""Ingest: folders and tables into module records with dependencies, provenance and rejections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.curation.ingest import IngestError, IngestOptions, ingest, instantiated
from workbench.curation.record import Language

LEAF = """module leaf #(parameter W = 4) (input [W-1:0] a, output [W-1:0] y);
  assign y = ~a;  // leaf u9 (.a(a)); in a comment is not an instance
endmodule
"""
MID = """// mid: inverts twice.
module mid (input [3:0] a, output [3:0] y);
  wire [3:0] t;
  leaf #(.W(4)) u0 (.a(a), .y(t));
  leaf u1 (.a(t), .y(y));
  and g (unused, a[0], a[1]);
  always @(*) begin for (int i = 0; i < 1; i++) case (a) default: ; endcase end
endmodule
"""


def _write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return folder


def test_a_folder_becomes_one_record_per_module_with_its_dependencies(tmp_path):
    source = _write(tmp_path / "lib", {
        "LICENSE": "MIT License\n\nCopyright ...",
        "cells.v": "`timescale 1ns/1ps\n" + LEAF + MID,
        "top.sv": "// SPDX-License-Identifier: Apache-2.0\nmodule top (input logic [3:0] a, output logic [3:0] y);\n"
                  "  mid m (.a, .y);\n  ghost g (.a(a));\nendmodule\n",
        "top.md": "The top inverts twice.",
        "notes.txt": "not code",
    })
    report = ingest(source)
    records = {record.top: record for record in report.records}
    assert set(records) == {"leaf", "mid", "top"}
    assert (report.files, report.ignored, report.rejections) == (2, 3, [])
    top = records["top"]
    assert top.language is Language.SYSTEMVERILOG and records["mid"].language is Language.VERILOG
    assert (top.dependencies, top.missing) == (["leaf", "mid"], ["ghost"])
    assert records["mid"].dependencies == ["leaf"] and records["leaf"].dependencies == []
    # Self-contained: the file's preamble, then each dependency before the module that uses it.
    positions = [top.code.index(text) for text in ("`timescale", "module leaf", "module mid", "module top")]
    assert positions == sorted(positions)
    assert (top.provenance.path, top.provenance.license) == ("top.sv", "Apache-2.0")
    assert records["mid"].provenance.license == "MIT License"
    assert top.description == "The top inverts twice." and records["mid"].description == "mid: inverts twice."
    assert ingest(source).records == report.records  # ids are stable across re-ingestion


def test_benchmark_task_folders_inside_a_source_are_never_ingested(tmp_path):
    source = _write(tmp_path / "lib", {
        "cells.v": LEAF,
        "patterns/shared/task.toml": "id = 'shared'\n",
        "patterns/shared/given.sv": "module slow (input a, output y); assign y = a; endmodule\n",
        "patterns/shared/reference.sv": "module fast (input a, output y); assign y = a; endmodule\n",
    })
    report = ingest(source)
    assert [record.top for record in report.records] == ["leaf"]
    assert (report.files, report.tasks_skipped) == (1, 1)


def test_instances_are_found_by_name_not_in_comments_keywords_or_primitives():
    assert instantiated(MID) == ["leaf"]
    assert instantiated("module m; fifo #(8) q [3:0] (.x()); endmodule") == ["fifo"]


def test_junk_is_rejected_with_a_reason(tmp_path):
    source = _write(tmp_path / "junk", {
        "binary.v": b"module x\x00\x01\x02\xff",
        "latin.v": "module l(); // caf\xe9\nendmodule\n".encode("latin-1"),
        "noise.sv": bytes(range(128, 256)) * 40,
        "huge.v": "module big(); endmodule\n" + "// padding\n" * 20_000,
        "cut.v": "module cut(input a);\n assign",
        "prose.v": "This is not Verilog at all.",
        "empty.sv": "   \n",
        "tb_orphan.v": "module tb_orphan; nothing n(); initial $finish; endmodule",
    })
    report = ingest(source, IngestOptions(max_bytes=100_000))
    reasons = {rejection.path.split(":")[0]: rejection.reason for rejection in report.rejections}
    assert reasons == {
        "binary.v": "binary data (NUL bytes), not source code",
        "noise.sv": pytest.approx(reasons["noise.sv"]),
        "huge.v": "0.2 MB, over the 0.1 MB limit (--max-bytes)",
        "cut.v": "a module starts but never reaches `endmodule` (truncated file?)",
        "prose.v": "no Verilog module (`module ... endmodule`) in the file",
        "empty.sv": "empty file",
        "tb_orphan.v": "a testbench whose design is not in the source (it instantiates nothing)",
    }
    assert reasons["noise.sv"].startswith("not UTF-8 text")
    # A stray legacy-encoded comment does not cost the module.
    assert [record.top for record in report.records] == ["l"]


def test_a_testbench_is_attached_to_the_design_it_drives(tmp_path):
    source = _write(tmp_path / "tb", {
        "inv.v": "module inv(input a, output y); assign y = ~a; endmodule\n",
        "inv_tb.v": "module inv_tb; reg a; wire y; inv dut(.a(a), .y(y));\n"
                    "initial begin a = 0; #1 if (y) $display(\"PASS\"); $finish; end endmodule\n",
        "bench.v": "module bench; wire y; inv dut(.a(1'b0), .y(y)); initial $finish; endmodule\n",
    })
    records = ingest(source).records
    assert [record.top for record in records] == ["inv"]
    assert "module inv_tb" in records[0].testbench or "module bench" in records[0].testbench


def test_table_rows_split_into_records_with_the_rows_fields(tmp_path):
    rows = [
        {"code": LEAF + MID, "description": "two inverters", "license": "BSD-3-Clause"},
        {"code": "", "description": "empty"},
        {"code": "no module here"},
        {"code": 42},
        {"code": "module t(input a, output y); assign y = a; endmodule", "testbench": "module tb; endmodule",
         "language": "systemverilog"},
    ]
    table = tmp_path / "rows.jsonl"
    table.write_text("".join(json.dumps(row) + "\n" for row in rows))
    report = ingest(table)
    by_top = {record.top: record for record in report.records}
    assert set(by_top) == {"leaf", "mid", "t"}
    assert by_top["mid"].description == "two inverters" and by_top["leaf"].description is None
    assert by_top["mid"].provenance.license == "BSD-3-Clause" and by_top["mid"].provenance.path == "row 0"
    assert by_top["t"].testbench == "module tb; endmodule" and by_top["t"].language is Language.SYSTEMVERILOG
    assert [(r.path, r.reason) for r in report.rejections] == [
        ("row 1", "no code in column 'code'"), ("row 2", "no Verilog module (`module ... endmodule`) in the file"),
        ("row 3", "no code in column 'code'")]


def test_a_saved_dataset_and_a_named_column(tmp_path):
    import datasets

    datasets.Dataset.from_list([{"verilog": LEAF, "notes": "inverter"}]).save_to_disk(str(tmp_path / "saved"))
    records = ingest(f"{tmp_path / 'saved'}:code=verilog,description=notes").records
    assert [(r.top, r.description) for r in records] == [("leaf", "inverter")]


def test_chisel_files_become_records(tmp_path):
    source = _write(tmp_path / "chisel", {"Blink.scala": (
        "import chisel3._\nclass Helper extends Module { val io = IO(new Bundle {}) }\n"
        "class Blink(\n  n: Int\n) extends Module {\n  val io = IO(new Bundle { val led = Output(Bool()) })\n}\n")})
    (record,) = ingest(source).records
    assert (record.language, record.top, record.dependencies) == (Language.CHISEL, "Blink", ["Helper"])


@pytest.mark.parametrize(("source", "message"), [
    ("absent", r"absent: no such folder, file or dataset"),
    ("x.txt", r"x\.txt: not a corpus"),
    ("x.jsonl", r"x\.jsonl:1: not JSON"),
])
def test_unreadable_sources_are_named(tmp_path, source, message):
    (tmp_path / "x.txt").write_text("text")
    (tmp_path / "x.jsonl").write_text("{broken\n")
    with pytest.raises(IngestError, match=message):
        ingest(tmp_path / source)

