"""Reports of one or more runs: a Markdown summary and a self-contained HTML page, both drawn from
one :class:`~workbench.report.results.ReportResults`, so that they never disagree.

Both open with the warnings (an incomplete run and its missing tasks, different task sets, model
errors, an unsandboxed run), name runs by model and pipeline, and show a section only where it
means something for the runs' task kinds. The HTML page adds pictures (inline SVG), a per-task
matrix that draws missing tasks, and every sample's prompt, answer, verdict and log tail, in a
list that can be filtered, searched and sorted (filters settable from the address).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from workbench.log.run import CompletionRecord, SampleRecord
from workbench.report import _charts
from workbench.report._assets import SCRIPT, STYLE
from workbench.report._highlight import highlight_text
from workbench.report.metrics import (
    EQUIVALENCE_STATUSES,
    Breakdown,
    EquivalenceCounts,
    FormalRates,
    HlsRates,
    PassAtK,
    failure_kind,
)
from workbench.report.qor import FIGURE_NAMES, SYNTHESIS_FIGURES, OptimizeRates, SynthesisCounts
from workbench.report.results import (
    ModelErrorEntry,
    NotARunFolder,
    ReportResults,
    RunRecords,
    RunResults,
    report_results,
    results_of,
)
from workbench.sandbox import tail
from workbench.scorer.result import Status


class LoadedRun:
    """A run folder read for a report: its records (for the samples) and its figures."""

    def __init__(self, folder: Path) -> None:
        self.records = RunRecords.load(folder)
        self.log = self.records.log
        self.info = self.records.info
        self.samples = self.records.samples
        self.completions = {(c.suite, c.task_id, c.sample): c for c in self.records.completions}
        self.results: RunResults = results_of(self.records)

    @property
    def label(self) -> str:
        return self.results.label


def load_runs(folders: list[Path]) -> list[LoadedRun]:
    missing = [str(folder) for folder in folders if not (Path(folder) / "run.json").is_file()]
    if missing:
        raise NotARunFolder(f"not a run folder (no run.json): {', '.join(missing)}")
    return [LoadedRun(Path(folder)) for folder in folders]


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _optional_percent(value: float | None) -> str:
    return "-" if value is None else _percent(value)


def hls_line(rates: HlsRates) -> str:
    return (f"bug localization: line top-1 {_percent(rates.line_top1)}%, top-3 {_percent(rates.line_top3)}%, "
            f"type {_percent(rates.type_accuracy)}% ({rates.samples} samples)")


def formal_line(rates: FormalRates) -> str:
    """One line of the open formal judge's rates, for terminals."""
    parts = [f"syntax ok {_percent(rates.syntax_ok)}%", f"supported {_percent(rates.supported)}%",
             f"proven {_percent(rates.proven)}%", f"cex {_percent(rates.cex)}%", f"vacuous {_percent(rates.vacuous)}%"]
    if rates.kill_rate is not None:
        parts.append(f"mutant kill rate {_percent(rates.kill_rate)}%")
    if rates.equivalent is not None:
        parts.append(f"equivalent {_percent(rates.equivalent)}%")
    return "formal (" + rates.judge + "): " + ", ".join(parts)


def equivalence_line(counts: EquivalenceCounts) -> str:
    """One line of the equivalence verdicts of simulation passes, for terminals."""
    statuses = ", ".join(f"{status} {counts.by_status[status]}" for status in EQUIVALENCE_STATUSES)
    unchecked = f", unchecked {counts.unchecked}" if counts.unchecked else ""
    gaps = len(counts.passed_not_equivalent)
    listed = f" ({gaps} passed the testbench, not equivalent: see the report)" if gaps else ""
    return f"equivalence of {counts.passes} simulation passes: {statuses}{unchecked}{listed}"


def synthesis_line(counts: SynthesisCounts) -> str:
    """One line of the synthesis figures of passes against their references', for terminals."""
    ratios = ", ".join(f"{FIGURE_NAMES[spread.figure]} x{spread.median:.2f}" for spread in counts.ratios)
    missing = f", {counts.missing} without figures yet" if counts.missing else ""
    unsupported = f", {counts.unsupported} unsupported" if counts.unsupported else ""
    return (f"synthesis of {counts.synthesised} passes: {ratios or 'no reference figures'} of the reference "
            f"(median){unsupported}{missing}")


def optimize_line(rates: OptimizeRates) -> str:
    """One line of the rtl-optimize figures, for terminals."""
    mean = f", mean improvement {_percent(rates.mean_improvement)}%" if rates.mean_improvement is not None else ""
    versus = (f", x{rates.mean_versus_reference:.2f} of the reference's figure"
              if rates.mean_versus_reference is not None else "")
    return (f"rtl-optimize: {rates.passed} of {rates.samples} samples equivalent and better{mean}{versus}; "
            f"equivalent but not better {_percent(rates.equivalent_not_better)}%, "
            f"not equivalent {_percent(rates.not_equivalent)}%")


# --- the sections both reports show ------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    text: str
    title: str = ""  # the HTML page's tooltip
    css: str = ""


@dataclass
class Section:
    """A titled table (first row: the header) with notes above it and preformatted blocks below it
    (caption, text: a counterexample's per-cycle table)."""

    title: str
    anchor: str
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)


# Why a run's expected sample has no verdict, beside the verdicts themselves (one vocabulary with results.json).
_NO_VERDICT = ("model_error", "not_scored", "not_attempted")
_VERDICT_COLOURS = {
    "pass": "#4caf50", "fail_functional": "#e53935", "fail_equivalence": "#c2185b", "fail_not_better": "#4db6ac",
    "fail_compile": "#fb8c00", "fail_interface": "#f4c20d",
    "fail_extract": "#8e24aa", "timeout": "#6d4c41", "crash": "#000000", "infra_error": "#9e9e9e",
    "model_error": "#607d8b", "not_scored": "#9fa8da", "not_attempted": "#eeeeee",
}


def _pass_cell(run: RunResults, k: int, figures: list[PassAtK] | None = None) -> Cell:
    if run.state in ("not scored", "no answers"):
        return Cell(run.state, "no sample of this run has a verdict", "infra")
    figure = next((f for f in (run.pass_at_k if figures is None else figures) if f.k == k and f.tasks), None)
    if figure is None:
        return Cell("-", f"no task has {k} judged samples")
    text = f"{_percent(figure.value)} [{_percent(figure.low)}, {_percent(figure.high)}]"
    if figure.tasks < run.tasks:
        return Cell(f"{text} over {figure.tasks} of {run.tasks} tasks",
                    f"{run.tasks - figure.tasks} tasks have fewer than {k} judged samples", "partial")
    return Cell(text, f"over {figure.tasks} tasks")


def _run_header(report: ReportResults, run: RunResults) -> Cell:
    return Cell(report.labels[run.run_id], f"run {run.run_id}")


def _state_cell(run: RunResults) -> Cell:
    css = {"complete": "pass", "incomplete": "fail"}.get(run.state, "infra")
    return Cell(run.state if run.state == "complete" else run.state.upper(), css=css)


def _equivalence_cell(run: RunResults, k: int) -> Cell:
    if run.pass_at_k_equivalent is None:
        return Cell("-", "this run does not compare its passes with the reference")
    return _pass_cell(run, k, run.pass_at_k_equivalent)


def _runs_section(report: ReportResults, ks: list[int]) -> Section:
    compiled = any(run.compile_rate is not None for run in report.runs)
    compared = _compares(report)
    passes = [[f"pass@{k}", f"pass@{k} (sim + equivalent)"] if compared else [f"pass@{k}"] for k in ks]
    synthesised = any(run.synthesis is not None and run.synthesis.ratios for run in report.runs)
    header = (["run", "run id", "suites", "n", "tasks"] + [name for pair in passes for name in pair]
              + ([f"{FIGURE_NAMES[f]} vs reference" for f in _RUN_FIGURES] if synthesised else [])
              + (["compiled %"] if compiled else []) + ["model errors", "infra errors", "status"])
    rows = [[Cell(h) for h in header]]
    for run in report.runs:
        tasks = (Cell(str(run.tasks)) if run.scored_tasks == run.tasks
                 else Cell(f"{run.scored_tasks} of {run.tasks} judged", "tasks with at least one judged sample",
                           "partial"))
        figures = [[_pass_cell(run, k), _equivalence_cell(run, k)] if compared else [_pass_cell(run, k)] for k in ks]
        row = [_run_header(report, run), Cell(run.run_id), Cell(", ".join(run.configuration.selection.suites)),
               Cell(str(run.n)), tasks, *(cell for pair in figures for cell in pair)]
        if synthesised:
            row += [_ratio_cell(run.synthesis, figure) for figure in _RUN_FIGURES]
        if compiled:
            row.append(Cell(_optional_percent(run.compile_rate), "simulated samples that compiled"))
        row += [Cell(str(run.model_errors.count), "samples without an answer (infrastructure, not the model)"),
                Cell(str(run.infra_errors), "samples the scoring infrastructure failed on"), _state_cell(run)]
        rows.append(row)
    notes = (["pass@k (sim + equivalent) counts a sample only when it passes simulation and the equivalence check "
              "finds its design equivalent to the task's reference (proven, or no difference within the bound), "
              "over the tasks the run compares."] if compared else [])
    return Section("Runs", "runs", rows, notes)


_RUN_FIGURES = ("transistors", "aig_levels")  # the synthesis figures the Runs table shows beside pass@k


def _ratio_cell(counts: SynthesisCounts | None, figure: str) -> Cell:
    spread = next((s for s in counts.ratios if s.figure == figure), None) if counts else None
    if spread is None:
        return Cell("-", "no synthesis figures of passes in this run")
    return Cell(f"x{spread.median:.2f}", f"median over {spread.samples} passes of the answer's figure over the "
                                         f"reference's (range x{spread.low:.2f} - x{spread.high:.2f})")


def _synthesis_section(report: ReportResults) -> Section | None:
    runs = [(run, run.synthesis) for run in report.runs if run.synthesis is not None]
    if not runs:
        return None
    rows = [[Cell(h) for h in ("run", "passes", "with figures", "unsupported", "without figures yet",
                               *(f"{FIGURE_NAMES[f]} vs reference" for f in SYNTHESIS_FIGURES))]]
    for run, counts in runs:
        rows.append([_run_header(report, run), Cell(str(counts.passes)), Cell(str(counts.synthesised)),
                     Cell(str(counts.unsupported)), Cell(str(counts.missing)),
                     *(_ratio_cell(counts, figure) for figure in SYNTHESIS_FIGURES)])
    return Section("Synthesis figures of passing designs", "synthesis", rows, [
        "Each passing design synthesised by Yosys (sandboxed; docs/synthesis.md) with the same recipe as its task's "
        "reference: the ratio of the answer's figure to the reference's, median over passes (the range in the "
        "tooltip). Below 1: smaller or shallower than the reference. Transistors: a CMOS estimate of the area, "
        "storage included; AIG levels: logic depth of the longest path; LUT-6: the FPGA view."])


def _synthesis_tasks_section(report: ReportResults) -> Section | None:
    runs = [(run, run.synthesis) for run in report.runs if run.synthesis is not None and run.synthesis.per_task]
    if not runs:
        return None
    figures = [f"{FIGURE_NAMES[f]} (reference)" for f in SYNTHESIS_FIGURES]
    rows = [[Cell(h) for h in ("run", "task", "passes", *figures)]]
    for run, counts in runs:
        for task in counts.per_task:
            rows.append([_run_header(report, run), Cell(f"{task.suite}/{task.task_id}"), Cell(str(task.passes)),
                         *(Cell(f"{task.median[f]:g} ({task.reference[f]})" if f in task.reference
                                else f"{task.median[f]:g}", "median of the passes (the reference's)")
                           for f in SYNTHESIS_FIGURES)])
    return Section("Synthesis figures per task", "synthesis-tasks", rows,
                   ["The median figure of each task's passing designs, the reference's in brackets."])


def _optimize_section(report: ReportResults) -> Section | None:
    runs = [(run, run.optimize) for run in report.runs if run.optimize is not None]
    if not runs:
        return None
    rows = [[Cell(h) for h in ("run", "samples", "equivalent and better", "mean improvement %",
                               "figure vs reference", "equivalent, not better %", "not equivalent %")]]
    for run, rates in runs:
        rows.append([_run_header(report, run), Cell(str(rates.samples)), Cell(str(rates.passed)),
                     Cell(_optional_percent(rates.mean_improvement), "share of the given design's goal figure saved, "
                                                                   "mean over passes"),
                     Cell("-" if rates.mean_versus_reference is None else f"x{rates.mean_versus_reference:.2f}",
                          "the passes' goal figure over the expert reference's, mean"),
                     Cell(_percent(rates.equivalent_not_better)), Cell(_percent(rates.not_equivalent))])
    return Section("RTL optimization", "optimize", rows, [
        "rtl-optimize tasks (docs/optimize.md): an answer passes when its design passes the tests, is formally "
        "equivalent to the given design, and lowers the task's goal figure (area, delay or both) by at least the "
        "task's minimum gain. Its pass@k is in the Runs table."])


def _compares(report: ReportResults) -> bool:
    """Whether some run compares its simulation passes with the reference (the others say nothing of it)."""
    return any(run.equivalence is not None for run in report.runs)


def _equivalence_section(report: ReportResults) -> Section | None:
    compared = [(run, run.equivalence) for run in report.runs if run.equivalence is not None]
    if not compared:
        return None
    rows = [[Cell(h) for h in ("run", "tasks compared", "simulation passes", *EQUIVALENCE_STATUSES, "unchecked")]]
    for run, counts in compared:
        rows.append([_run_header(report, run), Cell(str(counts.tasks)), Cell(str(counts.passes)),
                     *(Cell(str(counts.by_status[status])) for status in EQUIVALENCE_STATUSES),
                     Cell(str(counts.unchecked), "passes without an equivalence verdict yet")])
    return Section("Equivalence to the reference (simulation passes)", "equivalence", rows, [
        "The formal second verdict (Yosys, sandboxed; docs/equivalence.md): equivalent is proven for every input "
        "sequence from reset; equivalent-bounded found no difference within the cycles it names; different comes "
        "with a counterexample; unknown ran out of time; unsupported could not compare the designs."])


def _gaps_section(report: ReportResults) -> Section | None:
    gaps = [(run, gap) for run in report.runs if run.equivalence is not None
            for gap in run.equivalence.passed_not_equivalent]
    if not gaps:
        return None
    rows = [[Cell(h) for h in ("run", "task", "sample", "equivalence", "reason")]]
    blocks = []
    for run, gap in gaps:
        sample = f"{gap.sample} (same answer as {gap.shared_from})" if gap.shared_from is not None else str(gap.sample)
        rows.append([_run_header(report, run), Cell(f"{gap.suite}/{gap.task_id}"), Cell(sample), Cell(gap.label),
                     Cell(gap.reason)])
        if gap.counterexample:
            blocks.append((f"{report.labels[run.run_id]}: {gap.suite}/{gap.task_id} sample {sample}",
                           gap.counterexample))
    return Section("Passed the testbench, not equivalent", "not-equivalent", rows, [
        "These answers pass the task's testbench, yet their designs differ from the reference: each is a testbench "
        "gap. The counterexample is an input sequence from reset (reset held in cycle 0) with both designs' "
        "outputs (ref.*, ans.*; x: undefined, or a don't-care of the reference), marked where they differ."],
                   blocks)


def _common_section(report: ReportResults, ks: list[int]) -> Section | None:
    common = report.common_tasks
    if common is None or not common.tasks:  # no task in common: the warning says so
        return None
    rows = [[Cell("run")] + [Cell(f"pass@{k} on common tasks") for k in ks] + [Cell(f"pass@{k} own") for k in ks]]
    for run in report.runs:
        figures = common.pass_at_k[run.run_id]
        rows.append([_run_header(report, run), *(_pass_cell(run, k, figures) for k in ks),
                     *(_pass_cell(run, k) for k in ks)])
    return Section(f"Common tasks ({len(common.tasks)})", "common-tasks", rows,
                   [f"The runs judged different tasks: these figures are over the {len(common.tasks)} tasks every "
                    "run judged, beside each run's own figures. Compare runs on these."])


def _errata_section(report: ReportResults, ks: list[int]) -> Section | None:
    runs = [run for run in report.runs if run.pass_at_k_with_errata]
    if not runs:
        return None
    rows = [[Cell("run"), Cell("excluded tasks")]
            + [Cell(f"pass@{k} {kind}") for k in ks for kind in ("as published", "with errata")]]
    for run in runs:
        pairs = [(_pass_cell(run, k), _pass_cell(run, k, run.pass_at_k_with_errata)) for k in ks]
        rows.append([_run_header(report, run), Cell(str(run.errata_excluded))] + [c for pair in pairs for c in pair])
    return Section("Imported suites: as published and with errata", "errata", rows, [
        "\"As published\" scores every task; \"with errata\" leaves out the tasks the suites' errata exclude (a "
        "reference that fails, or a stub that passes, under the golden self-test on import). Scores use the "
        "workbench's unbiased pass@k estimator, which may differ from the suites' own harnesses (some report the "
        "mean pass rate)."])


def _usage_section(report: ReportResults) -> Section:
    rows = [[Cell(h) for h in ("run", "answers", "from cache", "model calls", "input tokens", "output tokens",
                               "cost USD", "wall time")]]
    for run in report.runs:
        usage = run.usage
        rows.append([_run_header(report, run), Cell(str(usage.answers)), Cell(str(usage.cached_answers)),
                     Cell(str(usage.model_calls)), _count_cell(usage.input_tokens), _count_cell(usage.output_tokens),
                     Cell("-" if usage.cost_usd is None else f"{usage.cost_usd:.4f}",
                          "no answer had a price" if usage.cost_usd is None else ""),
                     Cell(f"{run.wall_time_s:.0f} s" if run.wall_time_s else "-")])
    return Section("Tokens, cost and time", "usage", rows, [
        "Tokens and cost of the answers the model produced for these runs; an answer reused from the response "
        "cache costs nothing here."])


def _count_cell(value: int | None) -> Cell:
    return Cell("not reported", "the model reported no token counts") if value is None else Cell(f"{value:,}")


_BREAKDOWNS: tuple[tuple[str, str, Callable[[RunResults], list[Breakdown]]], ...] = (
    ("suite", "by-suite", lambda run: run.by_suite),
    ("category", "by-category", lambda run: run.by_category),
    ("difficulty", "by-difficulty", lambda run: run.by_difficulty),
    ("spec detail", "by-spec-level", lambda run: run.by_spec_level),
)


def _breakdown_groups(report: ReportResults, of: Callable[[RunResults], list[Breakdown]]) -> list[str]:
    """The groups of a breakdown, when there are two or more (one group repeats the overall figure)."""
    groups = sorted({b.group for run in report.runs for b in of(run)})
    return groups if len(groups) > 1 else []


def _breakdown_sections(report: ReportResults, k: int) -> list[Section]:
    sections = []
    for title, anchor, of in _BREAKDOWNS:
        groups = _breakdown_groups(report, of)
        if not groups:
            continue
        rows = [[Cell(title)] + [_run_header(report, run) for run in report.runs]]
        for group in groups:
            cells = [Cell(group)]
            for run in report.runs:
                entry = next((b for b in of(run) if b.group == group), None)
                if entry is None or k not in entry.pass_at_k:
                    cells.append(Cell("-"))
                    continue
                low, high = entry.ci95.get(k, (0.0, 0.0))
                cells.append(Cell(_percent(entry.pass_at_k[k]),
                                  f"[{_percent(low)}, {_percent(high)}] over {entry.tasks} tasks"))
            rows.append(cells)
        sections.append(Section(f"pass@{k} by {title}", anchor, rows))
    return sections


def verdict_segments(run: RunResults) -> list[tuple[str, int]]:
    """Each expected sample of the run by verdict, or by why it has none."""
    verdicts = [(status.value, run.status_counts.get(status.value, 0)) for status in Status
                if status != Status.COMPILED]  # compile-only checks never grade samples
    return verdicts + list(zip(_NO_VERDICT, (run.model_errors.count, run.answered_not_scored, run.not_attempted),
                               strict=True))


def _verdicts_section(report: ReportResults) -> Section:
    segments = {run.run_id: verdict_segments(run) for run in report.runs}
    names = [name for name, _ in segments[report.runs[0].run_id]]
    shown = [i for i, name in enumerate(names) if any(segments[r.run_id][i][1] for r in report.runs)]
    rows = [[Cell("run")] + [Cell(names[i], css=names[i]) for i in shown]]
    for run in report.runs:
        rows.append([_run_header(report, run)] + [Cell(str(segments[run.run_id][i][1])) for i in shown])
    return Section("Verdicts per sample", "verdicts", rows, [
        "model_error: no answer after the model's requests failed; not_scored: answered, no verdict yet; "
        "not_attempted: neither. These and infra_error are infrastructure, not model failures: they are not in "
        "pass@k." if any(names[i] in (*_NO_VERDICT, "infra_error") for i in shown) else ""])


def _failures_section(report: ReportResults) -> Section | None:
    kinds = sorted({kind for run in report.runs for kind in run.failure_kinds})
    if not kinds:
        return None
    rows = [[Cell("failure")] + [_run_header(report, run) for run in report.runs]]
    rows += [[Cell(kind)] + [Cell(str(run.failure_kinds.get(kind, 0))) for run in report.runs] for kind in kinds]
    return Section("Failure breakdown (samples)", "failures", rows)


def _formal_section(report: ReportResults) -> Section | None:
    judged = [(run, run.formal) for run in report.runs if run.formal is not None]
    if not judged:
        return None
    rows = [[Cell(h) for h in ("run", "samples", "syntax ok %", "supported %", "proven %", "cex %", "vacuous %",
                               "mutant kill rate %", "nl2sva equivalent %")]]
    for run, f in judged:
        rows.append([_run_header(report, run), Cell(str(f.samples)), Cell(_percent(f.syntax_ok)),
                     Cell(_percent(f.supported)), Cell(_percent(f.proven)), Cell(_percent(f.cex)),
                     Cell(_percent(f.vacuous)), Cell(_optional_percent(f.kill_rate)),
                     Cell(_optional_percent(f.equivalent))])
    return Section("Formal judge (assertion and nl2sva samples)", "formal", rows, [
        "Verdicts of the open formal judge (Yosys, SymbiYosys, yices): not comparable to JasperGold or other "
        "commercial tools' figures. Per-assertion rates are means over samples."])


def _hls_section(report: ReportResults) -> Section | None:
    located = [(run, run.hls) for run in report.runs if run.hls is not None]
    if not located:
        return None
    rows = [[Cell(h) for h in ("run", "samples", "line top-1 %", "line top-3 %", "bug type %")]]
    for run, h in located:
        rows.append([_run_header(report, run), Cell(str(h.samples)), Cell(_percent(h.line_top1)),
                     Cell(_percent(h.line_top3)), Cell(_percent(h.type_accuracy))])
    return Section("HLS debugging: bug localization (samples)", "hls", rows, [
        "Reported apart from pass@k, which judges the fix. Pragma-bug fixes are judged by the static pragma "
        "checker (labelled static in each sample's checks)."])


def _model_errors_section(report: ReportResults) -> Section | None:
    failed = [(run, error) for run in report.runs for error in run.model_errors.errors]
    if not failed:
        return None
    rows = [[Cell(h) for h in ("run", "task", "sample", "kind", "attempts", "message")]]
    for run, error in failed:
        rows.append([_run_header(report, run), Cell(f"{error.suite}/{error.task_id}"), Cell(str(error.sample)),
                     Cell(error.kind), Cell(str(error.attempts)), Cell(_first_line(error.message, 200))])
    return Section("Model errors (samples without an answer)", "model-errors", rows, [
        "Infrastructure errors, apart from model failures: these samples are not in pass@k, and the next run with "
        "the same options asks for them again."])


def _first_line(text: str, limit: int) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def report_sections(report: ReportResults) -> list[Section]:
    """The tables both reports show, in order; those that mean nothing for these runs are left out."""
    ks = sorted({k for run in report.runs for k in run.ks})
    candidates = [_runs_section(report, ks), _common_section(report, ks), _errata_section(report, ks),
                  _usage_section(report), *_breakdown_sections(report, ks[0]), _verdicts_section(report),
                  _failures_section(report), _equivalence_section(report), _gaps_section(report),
                  _synthesis_section(report), _synthesis_tasks_section(report), _optimize_section(report),
                  _formal_section(report), _hls_section(report), _model_errors_section(report)]
    return [section for section in candidates if section is not None]


_INTRO = ("pass@k in percent: unbiased estimator, mean over tasks, 95% bootstrap interval in brackets. Runs are "
          "named by model · pipeline (their run ids in the Runs table).")


# --- Markdown ----------------------------------------------------------------------------------

def markdown(runs: list[LoadedRun]) -> str:
    return markdown_of(report_results([run.results for run in runs]))


def markdown_of(report: ReportResults) -> str:
    lines = ["# Benchmark report", "", _INTRO]
    for warning in report.warnings:
        lines += ["", f"**Warning:** {warning}"]
    for section in report_sections(report):
        lines += ["", f"## {section.title}", ""]
        lines += [note + "\n" for note in section.notes if note]
        header, *body = section.rows
        lines.append("| " + " | ".join(_md(cell.text) for cell in header) + " |")
        lines.append("|---" * len(header) + "|")
        lines += ["| " + " | ".join(_md(cell.text) for cell in row) + " |" for row in body]
        for caption, text in section.blocks:
            lines += ["", f"{caption}:", "", "```", text, "```"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# --- HTML --------------------------------------------------------------------------------------

def html_report(runs: list[LoadedRun]) -> str:
    report = report_results([run.results for run in runs])
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = report_sections(report)
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             "<title>RTL Workbench report</title>", f"<style>{STYLE}</style></head><body>",
             "<h1>RTL Workbench benchmark report</h1>",
             f"<p class='small'>{html.escape(_INTRO)} Generated {generated}.</p>", _warnings_html(report),
             _section_html(sections[0]), _figures_html(report)]
    parts += [_section_html(section) for section in sections[1:]]
    parts += ["<h2 id='matrix'>Per-task matrix (passing / judged samples)</h2>", _task_matrix(report, runs),
              "<h2 id='samples'>Samples</h2>", _sample_list(report, runs), f"<script>{SCRIPT}</script>",
              "</body></html>"]
    return "\n".join(parts)


def _warnings_html(report: ReportResults) -> str:
    if not report.warnings:
        return ""
    items = "".join(f"<li>{html.escape(warning)}</li>" for warning in report.warnings)
    return f"<div class='warnings' role='alert'><strong>Read this first</strong><ul>{items}</ul></div>"


def _cell_html(cell: Cell, tag: str) -> str:
    title = f" title='{html.escape(cell.title)}'" if cell.title else ""
    css = f" class='{html.escape(cell.css)}'" if cell.css else ""
    return f"<{tag}{css}{title}>{html.escape(cell.text)}</{tag}>"


def _section_html(section: Section) -> str:
    header, *body = section.rows
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in section.notes if note)
    rows = ["<tr>" + "".join(_cell_html(cell, "th") for cell in header) + "</tr>"]
    rows += ["<tr>" + "".join(_cell_html(cell, "td") for cell in row) + "</tr>" for row in body]
    blocks = "".join(f"<h4>{html.escape(caption)}</h4><pre>{html.escape(text)}</pre>"
                     for caption, text in section.blocks)
    return (f"<section id='{section.anchor}'><h2>{html.escape(section.title)}</h2>{notes}"
            f"<table>{''.join(rows)}</table>{blocks}</section>")


def _figures_html(report: ReportResults) -> str:
    runs = report.runs
    colours = [(report.labels[run.run_id], _charts.run_colour(index)) for index, run in enumerate(runs)]
    figures = [("pass@k against k (1..n), with 95% intervals",
                _charts.pass_at_k_curves([_charts.Curve(label, colour, run.pass_at_k_curve)
                                          for (label, colour), run in zip(colours, runs, strict=True)])),
               ("Verdicts of each run's samples",
                _charts.verdict_bars([(label, [_charts.Segment(name, count, _VERDICT_COLOURS[name])
                                               for name, count in verdict_segments(run)])
                                      for (label, _), run in zip(colours, runs, strict=True)]))]
    k = sorted({k for run in runs for k in run.ks})[0]
    for title, anchor, of in _BREAKDOWNS:
        groups = _breakdown_groups(report, of)
        if groups:
            bars = {(b.group, index): _charts.Bar(b.pass_at_k[k], *b.ci95[k], b.tasks)
                    for index, run in enumerate(runs) for b in of(run) if k in b.pass_at_k}
            figures.append((f"pass@{k} by {title}, with 95% intervals",
                            _charts.group_bars(groups, colours, bars, k, f"chart-{anchor}")))
    if report.paired is not None:
        paired = report.paired
        a, b = report.labels[paired.a], report.labels[paired.b]
        p = "-" if paired.sign_test_p is None else f"{paired.sign_test_p:.3g}"
        caption = (f"Task by task ({len(paired.tasks)} common tasks): {b} better on {paired.b_better}, {a} better "
                   f"on {paired.a_better}, equal on {paired.ties}; sign test p = {p}")
        figures.append((caption, _charts.paired_view(
            [_charts.PairedBar(f"{t.suite}/{t.task_id}", t.a, t.b) for t in paired.tasks], a, b)))
    body = "".join(f"<figure><figcaption>{html.escape(caption)}</figcaption>{svg}</figure>"
                   for caption, svg in figures)
    return f"<section id='pictures'><h2>Pictures</h2><div class='figures'>{body}</div></section>"


def _sample_id(run_index: int, suite: str, task_id: str, sample: int) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", f"s{run_index}-{suite}-{task_id}-{sample}")


def _task_matrix(report: ReportResults, runs: list[LoadedRun]) -> str:
    keys = list(dict.fromkeys(t.key for run in report.runs for t in run.per_task))
    header = "".join(_cell_html(_run_header(report, run), "th") for run in report.runs)
    rows = [f"<table class='matrix'><tr><th>task</th>{header}</tr>"]
    for key in keys:
        cells = []
        for index, (run, loaded) in enumerate(zip(report.runs, runs, strict=True)):
            task = next((t for t in run.per_task if t.key == key), None)
            if task is None:
                cells.append("<td class='absent' title='not a task of this run'>·</td>")
                continue
            first = _first_entry(loaded, task.suite, task.task_id)
            text = f"{task.passed}/{task.judged}" if task.samples else "missing"
            title = {"missing": "no sample recorded", "infra_error": "only infrastructure errors"}.get(
                task.outcome, f"{task.passed} of {task.judged} judged samples pass")
            content = (f"<a class='open-sample' href='#{_sample_id(index, task.suite, task.task_id, first)}'>"
                       f"{text}</a>" if first is not None else text)
            cells.append(f"<td class='{task.outcome}' title='{html.escape(title)}'>{content}</td>")
        rows.append(f"<tr><td>{html.escape(key)}</td>{''.join(cells)}</tr>")
    return "\n".join(rows) + "</table>"


def _first_entry(run: LoadedRun, suite: str, task_id: str) -> int | None:
    """The first sample of a task the sample list shows (a verdict, an unscored answer or a model error)."""
    samples = sorted(sample for s, t, sample in _entry_keys(run) if (s, t) == (suite, task_id))
    return samples[0] if samples else None


def _entry_keys(run: LoadedRun) -> set[tuple[str, str, int]]:
    return ({(s.suite, s.task_id, s.sample) for s in run.samples} | set(run.completions)
            | {(e.suite, e.task_id, e.sample) for e in run.results.model_errors.errors})


_SORTS = (("run", "run"), ("task", "task"), ("sample", "#"), ("status", "status"), ("tokens", "tokens"),
          ("message", "message"))


def _sample_list(report: ReportResults, runs: list[LoadedRun]) -> str:
    entries: list[str] = []
    for index, run in enumerate(runs):
        entries += _run_entries(index, run, report.labels[run.results.run_id], len(entries))
    statuses = sorted({status for run in runs for status in run.results.status_counts}
                      | {"model_error" for run in runs if run.results.model_errors.count}
                      | {"not_scored" for run in runs if run.results.answered_not_scored})
    status_options = [("", "any status"), ("pass", "pass"), ("fail", "any model failure"),
                      ("infra", "infrastructure (infra_error, model_error)")] + [(s, s) for s in statuses]
    run_options = [("", "any run")] + [(run.results.run_id, report.labels[run.results.run_id]) for run in runs]
    tasks = sorted({key for run in report.runs for key in run.planned_tasks})
    task_options = [("", "any task")] + [(task, task) for task in tasks]
    buttons = "".join(f"<span><button type='button' data-sort='{key}'>{label}</button></span>" for key, label in _SORTS)
    return ("<div class='controls'>" + _select("f-status", "status", status_options)
            + _select("f-run", "run", run_options) + _select("f-task", "task", task_options)
            + "<input id='f-q' type='search' placeholder='search task, message, answer' aria-label='search'>"
            + f"<span id='f-count' class='small'>{len(entries)} samples</span></div>"
            + f"<div id='sample-list'><div class='row sample-head'>{buttons}</div>{''.join(entries)}</div>")


def _select(element_id: str, label: str, options: list[tuple[str, str]]) -> str:
    choices = "".join(f"<option value='{html.escape(value)}'>{html.escape(text)}</option>" for value, text in options)
    return f"<label>{label} <select id='{element_id}'>{choices}</select></label>"


def _run_entries(index: int, run: LoadedRun, label: str, order: int) -> list[str]:
    """The run's samples in task order: verdicts, answers without one yet, and model errors."""
    samples = {(s.suite, s.task_id, s.sample): s for s in run.samples}
    errors = {(e.suite, e.task_id, e.sample): e for e in run.results.model_errors.errors}
    rank = {key: position for position, key in enumerate(run.results.planned_tasks)}
    keys = sorted(_entry_keys(run), key=lambda k: (rank.get(f"{k[0]}/{k[1]}", len(rank)), k))
    return [_entry_html(index, run, label, key, samples.get(key), errors.get(key), order + position)
            for position, key in enumerate(keys)]


_GROUPS = {Status.PASS.value: "pass", Status.INFRA_ERROR.value: "infra", "model_error": "infra",
           "not_scored": "not_scored"}


def _entry_html(index: int, run: LoadedRun, label: str, key: tuple[str, str, int], record: SampleRecord | None,
                error: ModelErrorEntry | None, order: int) -> str:
    suite, task_id, sample = key
    completion = run.completions.get(key)
    if record is not None:
        status, kind, message = record.result.status.value, failure_kind(record), record.result.message
        if record.shared_from is not None:
            message = f"(verdict shared with sample {record.shared_from}) {message}"
    elif error is not None:
        status, kind, message = "model_error", error.kind, f"{error.kind}: {error.message}"
    else:
        status, kind, message = "not_scored", "not_scored", "answered, not scored yet"
    group = _GROUPS.get(status, "fail")
    tokens = (completion.input_tokens or 0) + (completion.output_tokens or 0) if completion else 0
    data = {"run": run.results.run_id, "task": f"{suite}/{task_id}", "sample": sample, "status": status,
            "group": group, "kind": kind, "tokens": tokens if tokens else "", "message": message[:80],
            "order": order}
    attributes = " ".join(f"data-{name}='{html.escape(str(value))}'" for name, value in data.items())
    cached = " (cached)" if completion is not None and completion.cached else ""
    summary = (f"<summary class='row {group}'><span title='run {html.escape(run.results.run_id)}'>"
               f"{html.escape(label)}</span><span>{html.escape(suite)}/{html.escape(task_id)}</span>"
               f"<span>{sample}</span><span>{html.escape(status)}</span>"
               f"<span>{tokens or ''}{cached}</span><span>{html.escape(_first_line(message, 200))}</span></summary>")
    body = _entry_body(run, record, completion, error)
    return (f"<details class='sample' id='{_sample_id(index, suite, task_id, sample)}' {attributes}>"
            f"{summary}<div class='body'>{body}</div></details>")


def _entry_body(run: LoadedRun, record: SampleRecord | None, completion: CompletionRecord | None,
                error: ModelErrorEntry | None) -> str:
    """What a reviewer reads first comes first: the verdict, the answer, the evidence; then the prompt."""
    parts = []
    if error is not None:
        parts.append(f"<h4>Model error ({html.escape(error.kind)}, {error.attempts} attempts)</h4>"
                     f"<pre>{html.escape(error.message)}</pre>")
    if record is not None:
        result = record.result
        parts.append(f"<h4>Verdict: {html.escape(result.status.value)}</h4><pre>{html.escape(result.message or '-')}"
                     "</pre>")
        if result.equivalence is not None:
            equivalence = result.equivalence
            detail = "\n\n".join(text for text in (equivalence.reason, equivalence.counterexample) if text)
            parts.append(f"<h4>Equivalence to the reference: {html.escape(equivalence.label)}</h4>"
                         f"<pre>{html.escape(detail or '-')}</pre>")
    if completion is not None:
        parts.append(f"<h4>Answer</h4><pre class='answer'>{highlight_text(completion.completion)}</pre>")
        parts.append(_rounds_html(completion))
    if record is not None:
        parts.append(f"<h4>Diagnostics</h4><pre>{html.escape(record.result.diagnostics or '-')}</pre>")
        parts.append(f"<h4>Logs</h4><pre>{html.escape(_logs(run, record) or '-')}</pre>")
    if completion is not None:
        prompt = "\n\n".join(f"[{m.role}]\n{m.content}" for m in completion.messages)
        parts.append(f"<h4>Prompt ({html.escape(completion.template)})</h4><pre>{highlight_text(prompt)}</pre>")
    return "".join(parts)


def _rounds_html(completion: CompletionRecord) -> str:
    if not completion.rounds:
        return ""
    items = "".join(f"<li>round {number}: {html.escape(r.status.value)}"
                    f"{' (' + html.escape(r.checked_by) + ')' if r.checked_by else ''} {html.escape(r.message[:200])}"
                    f"{'<pre>' + html.escape(r.feedback) + '</pre>' if r.feedback else ''}</li>"
                    for number, r in enumerate(completion.rounds))
    return f"<h4>Repair rounds</h4><ol start='0'>{items}</ol>"


_LOG_CHARS = 3000


def _logs(run: LoadedRun, record: SampleRecord) -> str:
    if not record.result.artefacts:
        return ""
    folder = run.log.folder / record.result.artefacts
    return "\n".join(f"== {name} ==\n{log_tail(folder / name, _LOG_CHARS)}" for name in ("build.log", "test.log")
                     if (folder / name).is_file())


def log_tail(path: Path, max_chars: int) -> str:
    """The last lines of a log within ``max_chars``, starting at a line's start (never mid-line)."""
    text = tail(path, max_chars)
    if path.stat().st_size <= max_chars:
        return text
    cut = text.find("\n")
    return f"[... earlier lines not shown]\n{text[cut + 1:] if cut >= 0 else ''}"
