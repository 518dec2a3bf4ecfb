from workbench.eval.bench import Bench
from workbench.log.run import RunConfig
from workbench.model import ScriptedModel
from workbench.report.render import html_report, load_runs, markdown


def test_markdown_and_html_reports_of_two_runs(tmp_path):
    config = RunConfig(suites=["accel"], tasks=["relu", "clamp"], model="scripted", n=1)
    good = Bench(config, ScriptedModel(lambda c: f"```verilog\n{c.task.reference_text()}```"), tmp_path, run_id="good")
    bad = Bench(config, ScriptedModel(lambda c: "no code, sorry <script>"), tmp_path, run_id="bad")
    good.run()
    bad.run()
    runs = load_runs([tmp_path / "good", tmp_path / "bad"])
    text = markdown(runs)
    assert "| good | scripted | direct | accel | 1 | 2 | 100.0 [100.0, 100.0] |" in text
    assert "| bad | scripted | direct | accel | 1 | 2 | 0.0 [0.0, 0.0] |" in text
    assert "| activation | 100.0 | 0.0 |" in text
    page = html_report(runs)
    assert page.count("<details") == 4
    assert "Implement the module `relu`" in page          # the prompt, one click away
    assert "no code, sorry &lt;script&gt;" in page         # the answer, escaped
    assert "== test.log ==" in page                        # the logs of a scored sample
    assert "<link" not in page and "src=" not in page      # self-contained


def test_oracle_repair_is_always_labelled():
    from workbench.report.render import pipeline_label

    assert pipeline_label(RunConfig(suites=["a"], model="m")) == "direct"
    assert (pipeline_label(RunConfig(suites=["a"], model="m", pipeline="repair"))
            == "repair (lint/compile/visible-test feedback, 3 rounds)")
    oracle = RunConfig(suites=["a"], model="m", pipeline="rag+repair", repair_feedback="oracle", repair_rounds=2)
    assert pipeline_label(oracle) == "rag+repair (ORACLE feedback, 2 rounds)"
