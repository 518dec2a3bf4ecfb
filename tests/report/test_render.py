"""The Markdown and HTML reports of real runs: named by model and pipeline, self-contained, with
every sample's prompt, answer and log one click away, code coloured and log tails whole lines."""

from workbench.eval.bench import Bench
from workbench.log.run import RunConfig
from workbench.model import ScriptedModel
from workbench.report.render import html_report, load_runs, log_tail, markdown


def test_markdown_and_html_reports_of_two_runs(tmp_path):
    def config(model: str) -> RunConfig:
        return RunConfig(suites=["accel"], tasks=["relu", "clamp"], model=model, n=1)

    good = Bench(config("scripted"), ScriptedModel(lambda c: f"```verilog\n{c.task.reference_text()}```"), tmp_path,
                 run_id="good")
    bad = Bench(config("scripted-bad"), ScriptedModel(lambda c: "no code, sorry <script>"), tmp_path, run_id="bad")
    good.run()
    bad.run()
    runs = load_runs([tmp_path / "good", tmp_path / "bad"])
    text = markdown(runs)
    assert "| scripted · direct | good | accel | 1 | 2 | 100.0 [100.0, 100.0] |" in text
    assert "| scripted-bad · direct | bad | accel | 1 | 2 | 0.0 [0.0, 0.0] |" in text
    assert "| failure | scripted · direct | scripted-bad · direct |" in text  # columns: model · pipeline
    assert "by category" not in text  # both tasks are activations: one group says nothing more than pass@1
    assert "Warning" not in text  # two complete runs over the same tasks: nothing to warn of
    page = html_report(runs)
    assert page.count("<details class='sample'") == 4
    assert "Implement the module `relu`" in page          # the prompt, one click away
    assert "no code, sorry &lt;script&gt;" in page         # the answer, escaped
    assert "<span class=\"hl-kw\">module</span>" in page   # and coloured
    assert "== test.log ==" in page                        # the logs of a scored sample
    assert "title='run good'" in page                      # the run id in the column's tooltip
    assert "<link" not in page and "src=" not in page      # self-contained
    assert page.count("<svg class=\"chart\"") >= 3         # pass@k curves, verdict bars, paired view


def test_oracle_repair_is_always_labelled():
    from workbench.report.results import pipeline_label

    assert pipeline_label(RunConfig(suites=["a"], model="m")) == "direct"
    assert (pipeline_label(RunConfig(suites=["a"], model="m", pipeline="repair"))
            == "repair (lint/compile/visible-test feedback, 3 rounds)")
    oracle = RunConfig(suites=["a"], model="m", pipeline="rag+repair", repair_feedback="oracle", repair_rounds=2)
    assert pipeline_label(oracle) == "rag+repair (ORACLE feedback, 2 rounds)"


def test_a_log_tail_starts_at_a_line_start(tmp_path):
    log = tmp_path / "test.log"
    log.write_text("".join(f"line {i:04d} of the simulation log\n" for i in range(500)))
    shown = log_tail(log, 1000)
    first, *rest = shown.splitlines()
    assert first == "[... earlier lines not shown]"
    assert rest[0].startswith("line ") and rest[0].endswith("of the simulation log")
    assert rest[-1] == "line 0499 of the simulation log"
    short = tmp_path / "short.log"
    short.write_text("only line\n")
    assert log_tail(short, 1000) == "only line\n"


def test_code_is_coloured_by_language_and_escaped():
    from workbench.report._highlight import highlight_code, highlight_text

    verilog = highlight_code("module m; // note <x>\n  assign y = 8'hFF + \"s\";\nendmodule", "verilog")
    assert '<span class="hl-kw">module</span>' in verilog and '<span class="hl-kw">endmodule</span>' in verilog
    assert '<span class="hl-comment">// note &lt;x&gt;</span>' in verilog
    assert '<span class="hl-number">8&#x27;hFF</span>' in verilog
    assert '<span class="hl-string">&quot;s&quot;</span>' in verilog
    assert "hl-kw\">y" not in verilog  # identifiers stay plain
    python = highlight_code("def f(x):  # why\n    return 0x1F", "python")
    assert '<span class="hl-kw">def</span>' in python and '<span class="hl-comment"># why</span>' in python
    assert '<span class="hl-number">0x1F</span>' in python
    cpp = highlight_code("#include <ap_int.h>\nint main() { return 1; }", "cpp")
    assert '<span class="hl-meta">#include</span> &lt;ap_int.h&gt;' in cpp and '<span class="hl-kw">int</span>' in cpp
    answer = highlight_text("Here it is <b>:\n```systemverilog\nmodule a; endmodule\n```\nDone.")
    assert answer.startswith("Here it is &lt;b&gt;:\n") and answer.endswith("\nDone.")
    assert '<span class="hl-kw">module</span>' in answer
