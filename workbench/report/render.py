"""Reports of one or more runs: a Markdown summary and a self-contained HTML page.

The HTML page has the runs side by side, a per-task matrix, the failure breakdown, and for every
sample its prompt, answer, verdict and log tail one click away (``<details>``), with no external
assets.
"""

from __future__ import annotations

import html
from pathlib import Path

from workbench.log.run import CompletionRecord, RunConfig, RunLog, SampleRecord
from workbench.report.metrics import FormalRates, HlsRates, Summary, summarize
from workbench.sandbox import tail
from workbench.scorer.result import Status
from workbench.solver import repairs


class LoadedRun:
    def __init__(self, folder: Path) -> None:
        self.log = RunLog(folder)
        self.info = self.log.info()
        self.samples = self.log.samples()
        self.completions = {(c.suite, c.task_id, c.sample): c for c in self.log.completions()}
        self.summary: Summary = summarize(self.samples, self.info.config.selection.k, self.info.config.selection.n,
                                          set(self.info.errata_excluded))

    @property
    def label(self) -> str:
        return f"{self.info.config.model.name} ({self.info.run_id})"


def load_runs(folders: list[Path]) -> list[LoadedRun]:
    missing = [str(f) for f in folders if not (Path(f) / "run.json").is_file()]
    if missing:
        raise FileNotFoundError(f"not a run folder (no run.json): {', '.join(missing)}")
    return [LoadedRun(Path(f)) for f in folders]


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


def _pass_cell(summary: Summary, k: int, figures: list | None = None) -> str:
    for entry in summary.pass_at_k if figures is None else figures:
        if entry.k == k:
            return f"{_percent(entry.value)} [{_percent(entry.low)}, {_percent(entry.high)}]"
    return "-"


def pipeline_label(config: RunConfig) -> str:
    """The pipeline as reported: oracle feedback is always named, never mixed with honest repair;
    Chisel answers and Verilog-to-Chisel translation are named too."""
    solver = config.solver
    if solver.kind == "nl2sva" and solver.pipeline == "direct":
        return "nl2sva"
    language = {"chisel": "chisel, "}.get(solver.language, "") if not solver.translate else "verilog->chisel, "
    if repairs(solver.pipeline) and solver.repair_feedback == "oracle":
        return f"{language}{solver.pipeline} (ORACLE feedback, {solver.repair_rounds} rounds)"
    if repairs(solver.pipeline):
        return f"{language}{solver.pipeline} (lint/compile/visible-test feedback, {solver.repair_rounds} rounds)"
    return f"{language}{solver.pipeline}"


def markdown(runs: list[LoadedRun]) -> str:
    ks = sorted({k for run in runs for k in run.info.config.selection.k})
    lines = ["# Benchmark report", "",
             "pass@k in percent, unbiased estimator over tasks, 95% bootstrap interval in brackets.", "",
             "| run | model | pipeline | suites | n | tasks | " + " | ".join(f"pass@{k}" for k in ks)
             + " | compiled % | extraction failures | infra errors | complete |",
             "|---" * (10 + len(ks)) + "|"]
    for run in runs:
        s, c = run.summary, run.info.config
        lines.append(f"| {run.info.run_id} | {c.model.name} | {pipeline_label(c)} | {', '.join(c.selection.suites)} "
                     f"| {c.selection.n} | {s.tasks} | "
                     + " | ".join(_pass_cell(s, k) for k in ks)
                     + f" | {_percent(s.compile_rate)} | {s.extraction_failures} | {s.infra_errors} | "
                       f"{'yes' if s.complete else 'NO'} |")
    unsandboxed = [run.info.run_id for run in runs if any(sample.result.isolation == "none" for sample in run.samples)]
    if unsandboxed:
        lines += ["", "**Warning: answers were run without the sandbox (--unsafe-no-sandbox) in "
                      f"{', '.join(unsandboxed)}: their verdicts could have been forged by the answers themselves.**"]
    with_errata = [run for run in runs if run.summary.pass_at_k_with_errata]
    if with_errata:
        lines += ["", "## Imported suites: as published and with errata", "",
                  "\"As published\" scores every task; \"with errata\" leaves out the tasks the suites' errata "
                  "exclude (a reference that fails, or a stub that passes, under the golden self-test on import). "
                  "Scores use the workbench's unbiased pass@k estimator, which may differ from the suites' own "
                  "harnesses (some report the mean pass rate).", "",
                  "| run | excluded tasks | " + " | ".join(f"pass@{k} as published | pass@{k} with errata" for k in ks)
                  + " |", "|---" * (2 + 2 * len(ks)) + "|"]
        for run in with_errata:
            s = run.summary
            errata_cells = [_pass_cell(s, k, s.pass_at_k_with_errata) for k in ks]
            lines.append(f"| {run.info.run_id} | {s.errata_excluded} | "
                         + " | ".join(f"{_pass_cell(s, k)} | {cell}" for k, cell in zip(ks, errata_cells)) + " |")
    for title, attribute in (("category", "by_category"), ("difficulty", "by_difficulty"),
                             ("spec detail", "by_spec_level")):
        lines += ["", f"## pass@{ks[0]} by {title}", "",
                  "| " + title + " | " + " | ".join(r.info.run_id for r in runs) + " |", "|---" * (1 + len(runs)) + "|"]
        groups = sorted({b.group for r in runs for b in getattr(r.summary, attribute)})
        for group in groups:
            cells = []
            for run in runs:
                entry = next((b for b in getattr(run.summary, attribute) if b.group == group), None)
                cells.append(_percent(entry.pass_at_k[ks[0]]) if entry and ks[0] in entry.pass_at_k else "-")
            lines.append(f"| {group} | " + " | ".join(cells) + " |")
    statuses = [s.value for s in Status if s != Status.COMPILED]  # compile-only checks never grade samples
    lines += ["", "## Verdicts per sample", "", "| run | " + " | ".join(statuses) + " |",
              "|---" * (1 + len(statuses)) + "|"]
    for run in runs:
        counts = [str(run.summary.status_counts.get(s, 0)) for s in statuses]
        lines.append(f"| {run.info.run_id} | " + " | ".join(counts) + " |")
    kinds = sorted({kind for run in runs for kind in run.summary.failure_kinds})
    if kinds:
        lines += ["", "## Failure breakdown (samples)", "",
                  "| failure | " + " | ".join(r.info.run_id for r in runs) + " |", "|---" * (1 + len(runs)) + "|"]
        for kind in kinds:
            lines.append(f"| {kind} | " + " | ".join(str(r.summary.failure_kinds.get(kind, 0)) for r in runs) + " |")
    formal = [(run, run.summary.formal) for run in runs if run.summary.formal is not None]
    if formal:
        lines += ["", "## Formal judge (assertion and nl2sva samples)", "",
                  "Verdicts of the open formal judge (Yosys, SymbiYosys, yices): not comparable to JasperGold or "
                  "other commercial tools' figures. Per-assertion rates are means over samples.", "",
                  "| run | samples | syntax ok % | supported % | proven % | cex % | vacuous % | mutant kill rate % "
                  "| nl2sva equivalent % |", "|---" * 9 + "|"]
        for run, f in formal:
            lines.append(f"| {run.info.run_id} | {f.samples} | {_percent(f.syntax_ok)} | {_percent(f.supported)} | "
                         f"{_percent(f.proven)} | {_percent(f.cex)} | {_percent(f.vacuous)} | "
                         f"{_optional_percent(f.kill_rate)} | {_optional_percent(f.equivalent)} |")
    located = [(run, run.summary.hls) for run in runs if run.summary.hls is not None]
    if located:
        lines += ["", "## HLS debugging: bug localization (samples)", "",
                  "Reported apart from pass@k, which judges the fix. Pragma-bug fixes are judged by the static "
                  "pragma checker (labelled static in each sample's checks).", "",
                  "| run | samples | line top-1 % | line top-3 % | bug type % |", "|---" * 5 + "|"]
        for run, h in located:
            lines.append(f"| {run.info.run_id} | {h.samples} | {_percent(h.line_top1)} | {_percent(h.line_top3)} | "
                         f"{_percent(h.type_accuracy)} |")
    for run in runs:
        if run.summary.incomplete_tasks:
            lines += ["", f"**{run.info.run_id} is incomplete**: tasks without all samples scored: "
                      + ", ".join(run.summary.incomplete_tasks)]
    return "\n".join(lines) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
th{background:#f3f3f3}.pass{background:#d8f5d8}.fail{background:#f8dada}.part{background:#fff1c4}
.infra{background:#ddd}pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:30em;white-space:pre-wrap}
details{margin:2px 0}summary{cursor:pointer}
"""


def html_report(runs: list[LoadedRun]) -> str:
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>RTL Workbench report</title>",
             f"<style>{_STYLE}</style></head><body><h1>RTL Workbench benchmark report</h1>",
             _markdown_tables_as_html(markdown(runs)), "<h2>Per-task matrix (passing samples / samples)</h2>",
             _task_matrix(runs), "<h2>Samples</h2>"]
    for run in runs:
        parts.append(f"<h3>{html.escape(run.label)}</h3>")
        for record in sorted(run.samples, key=lambda r: (r.suite, r.task_id, r.sample)):
            parts.append(_sample_details(run, record))
    parts.append("</body></html>")
    return "\n".join(parts)


def _markdown_tables_as_html(text: str) -> str:
    out, in_table = [], False
    for line in text.splitlines():
        if line.startswith("|---"):
            continue
        if line.startswith("|"):
            cells = [html.escape(cell.strip()) for cell in line.strip("|").split("|")]
            tag = "th" if not in_table else "td"
            row = "<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in cells) + "</tr>"
            out.append(row if in_table else "<table>" + row)
            in_table = True
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        if line.startswith("## "):
            out.append(f"<h2>{html.escape(line[3:])}</h2>")
        elif line.strip() and not line.startswith("# "):
            out.append(f"<p>{html.escape(line).replace('**', '')}</p>")
    if in_table:
        out.append("</table>")
    return "\n".join(out)


def _task_matrix(runs: list[LoadedRun]) -> str:
    tasks = sorted({(r.suite, r.task_id) for run in runs for r in run.samples})
    rows = ["<table><tr><th>task</th>" + "".join(f"<th>{html.escape(run.info.run_id)}</th>" for run in runs) + "</tr>"]
    for suite, task_id in tasks:
        cells = []
        for run in runs:
            records = [r for r in run.samples if (r.suite, r.task_id) == (suite, task_id)]
            judged = [r for r in records if r.result.status != Status.INFRA_ERROR]
            passed = sum(r.result.status == Status.PASS for r in judged)
            css = "infra" if not judged else "pass" if passed == len(judged) else "fail" if passed == 0 else "part"
            link = f"#{_anchor(run, suite, task_id, records[0].sample)}" if records else ""
            cells.append(f"<td class='{css}'><a href='{link}'>{passed}/{len(judged)}</a></td>"
                         if records else "<td>-</td>")
        rows.append(f"<tr><td>{html.escape(suite)}/{html.escape(task_id)}</td>{''.join(cells)}</tr>")
    return "\n".join(rows) + "</table>"


def _anchor(run: LoadedRun, suite: str, task_id: str, sample: int) -> str:
    return html.escape(f"{run.info.run_id}-{suite}-{task_id}-{sample}")


def _rounds_html(completion: CompletionRecord | None) -> str:
    if not completion or not completion.rounds:
        return ""
    items = "".join(f"<li>round {number}: {html.escape(r.status.value)}"
                    f"{' (' + html.escape(r.checked_by) + ')' if r.checked_by else ''} {html.escape(r.message[:200])}"
                    f"{'<pre>' + html.escape(r.feedback) + '</pre>' if r.feedback else ''}</li>"
                    for number, r in enumerate(completion.rounds))
    return f"<h4>Repair rounds</h4><ol start='0'>{items}</ol>"


def _sample_details(run: LoadedRun, record: SampleRecord) -> str:
    completion: CompletionRecord | None = run.completions.get((record.suite, record.task_id, record.sample))
    prompt = "\n\n".join(f"[{m.role}]\n{m.content}" for m in completion.messages) if completion else "(not recorded)"
    answer = completion.completion if completion else "(not recorded)"
    result = record.result
    log_text = ""
    if result.artefacts:
        folder = run.log.folder / result.artefacts
        log_text = "\n".join(f"== {name} ==\n{tail(folder / name, 3000)}" for name in ("build.log", "test.log")
                             if (folder / name).is_file())
    shared = f" (verdict shared with sample {record.shared_from})" if record.shared_from is not None else ""
    css = "pass" if result.status == Status.PASS else "infra" if result.status == Status.INFRA_ERROR else "fail"
    return (f"<details id='{_anchor(run, record.suite, record.task_id, record.sample)}'>"
            f"<summary class='{css}'>{html.escape(record.suite)}/{html.escape(record.task_id)} #{record.sample}: "
            f"{result.status.value}{html.escape(shared)} {html.escape(result.message[:160])}</summary>"
            f"<h4>Prompt ({html.escape(completion.template if completion else '')})</h4>"
            f"<pre>{html.escape(prompt)}</pre>"
            f"{_rounds_html(completion)}<h4>Answer</h4><pre>{html.escape(answer)}</pre>"
            f"<h4>Diagnostics</h4><pre>{html.escape(result.diagnostics or '-')}</pre>"
            f"<h4>Logs</h4><pre>{html.escape(log_text or '-')}</pre></details>")
