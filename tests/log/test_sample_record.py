"""samples.jsonl lines written by earlier versions (flat: the verdict's fields beside the sample's)
load into the SampleRecord that embeds the scorer's Result, and give the same figures."""

from __future__ import annotations

import json

from workbench.log.run import RunConfig, RunLog, SampleRecord
from workbench.report.metrics import summarize
from workbench.scorer import ScoreOptions
from workbench.scorer.result import Stage, Status

# Lines as the previous version wrote them (an accel run, an assertion run, an hls-debug run).
FLAT_LINES = [
    '{"task_id":"adder_tree","suite":"accel","sample":0,"category":"datapath","difficulty":"medium",'
    '"spec_level":"detailed","status":"pass","tests_run":4,"tests_failed":0,"message":"","diagnostics":"",'
    '"candidate_key":"9ad38cadab499755","shared_from":null,"artefacts":"artefacts/accel-adder_tree/adder_tree-icarus-w",'
    '"seed":1004302211,"durations_s":{"extract":0.0002,"interface":0.0009,"compile":0.76,"simulate":2.02},'
    '"formal":null,"hls":null,"isolation":"bubblewrap"}',
    '{"task_id":"adder_tree","suite":"accel","sample":1,"category":"datapath","difficulty":"medium",'
    '"spec_level":"detailed","status":"fail_compile","tests_run":0,"tests_failed":0,'
    '"message":"candidate.sv:3: syntax error","diagnostics":"candidate.sv:3: syntax error",'
    '"candidate_key":"0000","shared_from":null,"artefacts":null,"seed":1004302211,"durations_s":{},'
    '"formal":null,"hls":null,"isolation":"bubblewrap"}',
    '{"task_id":"gray_counter","suite":"assert","sample":0,"category":"counter","difficulty":"easy",'
    '"spec_level":"detailed","status":"fail_functional","tests_run":0,"tests_failed":0,"message":"1/2 proven",'
    '"diagnostics":"","candidate_key":"a1","shared_from":null,"artefacts":"artefacts/assert-gray_counter/sample0",'
    '"seed":0,"durations_s":{"formal":3.5},"formal":{"assertions":2,"parsed":true,"supported":2,"proven":1,"cex":1,'
    '"unknown":0,"vacuous":0,"mutants":5,"killed":3,"relation":null,"tautology":false,"engine":"smtbmc",'
    '"depth":20,"verdicts":[]},"hls":null,"isolation":"bubblewrap"}',
    '{"task_id":"fir_last_tap_dropped","suite":"hls","sample":0,"category":"dsp","difficulty":"medium",'
    '"spec_level":"detailed","status":"pass","tests_run":0,"tests_failed":0,"message":"compiles","diagnostics":"",'
    '"candidate_key":"h1","shared_from":0,"artefacts":null,"seed":0,"durations_s":{"simulate":1.0},"formal":null,'
    '"hls":{"checks":[],"predicted_lines":[12],"predicted_type":"off-by-one","line_top1":true,"line_top3":true,'
    '"type_correct":false},"isolation":"none"}',
]


def test_a_flat_line_of_an_earlier_version_loads_into_the_nested_record():
    record = SampleRecord.model_validate(json.loads(FLAT_LINES[0]))
    assert (record.task_id, record.suite, record.sample, record.candidate_key) == ("adder_tree", "accel", 0,
                                                                                   "9ad38cadab499755")
    result = record.result
    assert (result.status, result.tests_run, result.seed) == (Status.PASS, 4, 1004302211)
    assert result.isolation == "bubblewrap"
    assert str(result.artefacts) == "artefacts/accel-adder_tree/adder_tree-icarus-w"
    assert result.durations_s[Stage.COMPILE] == 0.76
    assert record.scorer == "" and result.simulator == ""  # the earlier versions did not record them
    assert SampleRecord.model_validate(json.loads(FLAT_LINES[2])).result.formal.killed == 3
    assert SampleRecord.model_validate(json.loads(FLAT_LINES[3])).result.hls.predicted_lines == [12]


def test_old_and_new_lines_in_one_run_give_the_figures_the_old_lines_gave(tmp_path):
    log = RunLog.open(tmp_path / "run", "run", RunConfig(suites=["accel"], model="m", n=2), {})
    log.samples_path.write_text("".join(line + "\n" for line in FLAT_LINES))
    old = log.samples()
    for record in old:  # a resumed run appends records in the new form
        log.append_sample(record.model_copy(update={"sample": record.sample + 10}))
    new = log.samples()[len(old):]
    assert json.loads(log.samples_path.read_text().splitlines()[-1])["result"]["task_id"] == "fir_last_tap_dropped"
    assert [r.model_dump() for r in new] == [r.model_copy(update={"sample": r.sample + 10}).model_dump() for r in old]
    summary = summarize(old, [1], 2)
    assert summarize(new, [1], 2) == summary
    assert summary.status_counts == {"fail_compile": 1, "fail_functional": 1, "pass": 2}
    assert summary.failure_kinds == {"fail_compile: syntax error": 1, "fail_functional: wrong values": 1}
    assert summary.formal.kill_rate == 3 / 5 and summary.hls.line_top1 == 1.0
    assert [p.value for p in summary.pass_at_k] == [(0.5 + 0.0 + 1.0) / 3]


def test_the_run_records_its_scorers_and_keeps_those_of_kinds_scored_earlier(tmp_path):
    log = RunLog.open(tmp_path / "run", "run", RunConfig(suites=["accel", "assert"], model="m"), {})
    assert log.info().scoring is None  # as in the run.json of earlier versions
    log.record_scoring({"spec-to-rtl": "simulation@1"}, ScoreOptions(sim="icarus"))
    log.record_scoring({"assertion": "formal@1"}, ScoreOptions(sim="icarus"))
    scoring = RunLog(tmp_path / "run").info().scoring
    assert scoring.scorers == {"spec-to-rtl": "simulation@1", "assertion": "formal@1"}
    assert scoring.options.sim == "icarus" and scoring.options.workdir is None
