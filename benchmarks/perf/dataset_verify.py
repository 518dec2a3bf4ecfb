"""Throughput of `rtlwb dataset verify` on 1,000 small modules.

The modules are generated here, deterministically: ten families of small designs (adders,
multiplexers, counters, shift registers, comparators, decoders, parity trees, registered ALUs,
saturating accumulators, edge detectors) at several widths, each module with its own name. One
in ten ships a self-checking testbench, so the simulate check is part of the mix. They are
ingested into a fresh workspace and verified with every check (parse, lint, compile, synth,
simulate) through the same stage runner the CLI uses.

    .venv/bin/python benchmarks/perf/dataset_verify.py [--modules 1000] [--jobs N] [--json out.json]

Run it on an otherwise idle machine; the README quotes its output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from workbench.curation.stages import run_ingest, run_verify
from workbench.curation.store import DatasetStore
from workbench.curation.verify import CHECKS, VerifyOptions

FAMILIES = {
    "adder": "module {name} (input [{w1}:0] a, b, output [{w}:0] s);\n  assign s = a + b;\nendmodule\n",
    "mux": "module {name} (input [{w1}:0] a, b, input sel, output [{w1}:0] y);\n  assign y = sel ? b : a;\nendmodule\n",
    "counter": ("module {name} (input clk, input rst, input en, output reg [{w1}:0] q);\n"
                "  always @(posedge clk) if (rst) q <= 0; else if (en) q <= q + 1'b1;\nendmodule\n"),
    "shifter": ("module {name} (input clk, input d, output reg [{w1}:0] q);\n"
                "  always @(posedge clk) q <= {{q[{w2}:0], d}};\nendmodule\n"),
    "compare": ("module {name} (input [{w1}:0] a, b, output lt, eq, gt);\n"
                "  assign lt = a < b;\n  assign eq = a == b;\n  assign gt = a > b;\nendmodule\n"),
    "decoder": ("module {name} (input [2:0] sel, input en, output [7:0] y);\n"
                "  assign y = en ? (8'd1 << sel) : 8'd0;\nendmodule\n"),
    "parity": ("module {name} (input [{w1}:0] d, output even, odd);\n"
               "  assign odd = ^d;\n  assign even = ~odd;\nendmodule\n"),
    "alu": ("module {name} (input clk, input [1:0] op, input [{w1}:0] a, b, output reg [{w1}:0] y);\n"
            "  always @(posedge clk) case (op) 2'd0: y <= a + b; 2'd1: y <= a - b; 2'd2: y <= a & b; "
            "default: y <= a | b; endcase\n"
            "endmodule\n"),
    "saturate": ("module {name} (input clk, input rst, input [{w1}:0] x, output reg [{w1}:0] acc);\n"
                 "  wire [{w}:0] sum = acc + x;\n"
                 "  always @(posedge clk) if (rst) acc <= 0; else acc <= sum[{w}] ? {{{w}{{1'b1}}}} : sum[{w1}:0];\n"
                 "endmodule\n"),
    "edge": ("module {name} (input clk, input d, output rise, output fall);\n  reg last;\n"
             "  always @(posedge clk) last <= d;\n  assign rise = d & ~last;\n  assign fall = ~d & last;\nendmodule\n"),
}
ADDER_BENCH = """module {name}_tb;
  reg [{w1}:0] a, b; wire [{w}:0] s; integer i, bad;
  {name} dut (.a(a), .b(b), .s(s));
  initial begin
    bad = 0;
    for (i = 0; i < 64; i = i + 1) begin
      a = $random; b = $random; #1;
      if (s !== a + b) bad = bad + 1;
    end
    if (bad == 0) $display("PASS"); else $display("FAIL: %0d wrong sums", bad);
    $finish;
  end
endmodule
"""


def write_corpus(folder: Path, modules: int) -> None:
    """``modules`` designs, one file each; every tenth adder gets a testbench."""
    families = list(FAMILIES)
    for number in range(modules):
        family = families[number % len(families)]
        width = 4 + (number // len(families)) % 29
        name = f"{family}_{number:04d}"
        fields = {"name": name, "w": width, "w1": width - 1, "w2": width - 2}
        (folder / f"{name}.v").write_text(FAMILIES[family].format(**fields))
        if family == "adder" and number % 100 == 0:
            (folder / f"{name}_tb.v").write_text(ADDER_BENCH.format(**fields))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rtlwb-perf-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.modules)
        with DatasetStore(Path(scratch) / "ws", create=True) as store:
            started = time.monotonic()
            run_ingest(store, [str(corpus)])
            ingest_s = time.monotonic() - started
            seconds: dict[str, list[float]] = {check: [] for check in CHECKS}
            verdicts = {"verified": 0, "not verified": 0}

            def collect(verification) -> None:
                verdicts["verified" if verification.verified else "not verified"] += 1
                for name, check in verification.checks.items():
                    if check.verdict.value != "skipped":
                        seconds.setdefault(name, []).append(check.seconds)

            started = time.monotonic()
            run_verify(store, VerifyOptions(jobs=args.jobs), on_result=collect)
            verify_s = time.monotonic() - started
    figures = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "modules": args.modules, "jobs": args.jobs, "ingest_s": round(ingest_s, 2), "verify_s": round(verify_s, 1),
        "modules_per_s": round(args.modules / verify_s, 2), **verdicts,
        "mean_s_per_check": {name: round(statistics.mean(values), 3) for name, values in seconds.items() if values},
        "runs_per_check": {name: len(values) for name, values in seconds.items() if values},
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
