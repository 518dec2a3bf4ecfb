"""The HTML report's pictures, as inline SVG drawn here (no script, no external asset): pass@k
curves, per-group pass bars with their intervals, stacked verdict bars, and the paired per-task
view of two runs. Every drawn datum has the class ``mark`` and a ``<title>`` tooltip; the page's
self-check counts the marks."""

from __future__ import annotations

import html
from dataclasses import dataclass

from workbench.report.metrics import PassAtK

# Runs' colours, in run order (distinguishable, also in grey print).
RUN_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")

_FONT = 'font-family="system-ui,sans-serif" font-size="11"'


def run_colour(index: int) -> str:
    return RUN_COLOURS[index % len(RUN_COLOURS)]


@dataclass(frozen=True)
class Curve:
    label: str
    colour: str
    points: list[PassAtK]


@dataclass(frozen=True)
class Bar:
    """One run's figure for one group: value and interval in [0, 1]."""

    value: float
    low: float
    high: float
    tasks: int


@dataclass(frozen=True)
class Segment:
    name: str
    count: int
    colour: str


def _text(x: float, y: float, text: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {_FONT} {extra}>{html.escape(text)}</text>'


def _svg(chart_id: str, title: str, width: float, height: float, body: list[str]) -> str:
    return (f'<svg class="chart" id="{chart_id}" role="img" aria-label="{html.escape(title)}" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def _legend(x: float, y: float, entries: list[tuple[str, str]]) -> list[str]:
    body = []
    for row, (label, colour) in enumerate(entries):
        top = y + 16 * row
        body.append(f'<rect x="{x:.1f}" y="{top - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(x + 15, top, label))
    return body


def pass_at_k_curves(curves: list[Curve], chart_id: str = "chart-pass-at-k") -> str:
    """pass@k against k (1..n) per run, with the 95% interval as a band; a run of n=1 is a point."""
    max_k = max((p.k for c in curves for p in c.points), default=1)
    left, right, top, bottom, plot_h = 46, 20, 14, 34, 200
    plot_w = 460 if max_k > 1 else 120  # n = 1: one point per run, nothing to draw across
    legend_w = left + 15 + 7 * max((len(c.label) + 14 for c in curves), default=0)  # ~7 px a character
    width, height = max(left + plot_w + right, legend_w), top + plot_h + bottom + 16 * len(curves) + 12

    def x(k: int) -> float:
        return left + (plot_w / 2 if max_k == 1 else (k - 1) / (max_k - 1) * plot_w)

    def y(value: float) -> float:
        return top + (1 - value) * plot_h

    body = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        body.append(_text(left - 6, y(tick) + 4, f"{100 * tick:.0f}", "end"))
    for k in _ticks(max_k):
        body.append(_text(x(k), top + plot_h + 16, str(k), "middle"))
    body.append(_text(left + plot_w / 2, top + plot_h + 30, "k", "middle"))
    body.append(_text(12, top + plot_h / 2, "pass@k %", "middle", f'transform="rotate(-90 12 {top + plot_h / 2})"'))
    for curve in curves:
        points = curve.points
        if len(points) > 1:
            band = [f"{x(p.k):.1f},{y(p.high):.1f}" for p in points] + [f"{x(p.k):.1f},{y(p.low):.1f}"
                                                                        for p in reversed(points)]
            body.append(f'<polygon points="{" ".join(band)}" fill="{curve.colour}" fill-opacity="0.15"/>')
            line = " ".join(f"{x(p.k):.1f},{y(p.value):.1f}" for p in points)
            body.append(f'<polyline class="mark" points="{line}" fill="none" stroke="{curve.colour}" '
                        f'stroke-width="2"/>')
        for p in points:
            if len(points) == 1:  # no band to draw: the interval as a whisker
                body.append(f'<line x1="{x(p.k):.1f}" x2="{x(p.k):.1f}" y1="{y(p.low):.1f}" y2="{y(p.high):.1f}" '
                            f'stroke="{curve.colour}" stroke-width="2"/>')
            body.append(f'<circle class="mark" cx="{x(p.k):.1f}" cy="{y(p.value):.1f}" r="4" fill="{curve.colour}">'
                        f'<title>{html.escape(curve.label)}: pass@{p.k} {_percent(p.value)} '
                        f'[{_percent(p.low)}, {_percent(p.high)}] over {p.tasks} tasks</title></circle>')
    body += _legend(left, top + plot_h + 50, [(c.label + ("" if c.points else " (not scored)"), c.colour)
                                              for c in curves])
    return _svg(chart_id, "pass@k against k per run", width, height, body)


def _ticks(max_k: int) -> list[int]:
    step = max(1, -(-max_k // 10))
    return sorted({1, max_k, *range(step, max_k + 1, step)})


def group_bars(groups: list[str], runs: list[tuple[str, str]], bars: dict[tuple[str, int], Bar], k: int,
               chart_id: str) -> str:
    """Horizontal pass@k bars per group (rows) and run (one bar each, in the run's colour), with
    their 95% intervals as whiskers; ``bars`` is keyed by (group, run index)."""
    label_w, plot_w, bar_h, gap = 150, 320, 12, 10
    group_h = bar_h * len(runs) + gap
    top = 8
    height = top + group_h * len(groups) + 24 + 16 * len(runs)
    width = label_w + plot_w + 70
    body = []
    for tick in (0, 0.5, 1.0):
        x = label_w + tick * plot_w
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + group_h * len(groups)}" stroke="#ddd"/>')
        body.append(_text(x, top + group_h * len(groups) + 12, f"{100 * tick:.0f}%", "middle"))
    for row, group in enumerate(groups):
        y0 = top + row * group_h
        body.append(_text(label_w - 8, y0 + bar_h * len(runs) / 2 + 4, _shorten(group, 24), "end"))
        for index, (label, colour) in enumerate(runs):
            bar = bars.get((group, index))
            y = y0 + index * bar_h
            if bar is None:
                body.append(_text(label_w + 4, y + bar_h - 2, "-", extra='fill="#888"'))
                continue
            tip = (f"<title>{html.escape(label)}, {html.escape(group)}: pass@{k} {_percent(bar.value)} "
                   f"[{_percent(bar.low)}, {_percent(bar.high)}] over {bar.tasks} tasks</title>")
            body.append(f'<rect class="mark" x="{label_w}" y="{y + 1:.1f}" width="{max(bar.value * plot_w, 1.5):.1f}" '
                        f'height="{bar_h - 2}" fill="{colour}" fill-opacity="0.8">{tip}</rect>')
            mid = y + bar_h / 2
            body.append(f'<line x1="{label_w + bar.low * plot_w:.1f}" x2="{label_w + bar.high * plot_w:.1f}" '
                        f'y1="{mid:.1f}" y2="{mid:.1f}" stroke="#222" stroke-width="1.2"/>')
            body.append(_text(label_w + plot_w + 6, y + bar_h - 2, f"{100 * bar.value:.0f}"))
    body += _legend(label_w, top + group_h * len(groups) + 30, runs)
    return _svg(chart_id, f"pass@{k} per group and run", width, height, body)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def verdict_bars(rows: list[tuple[str, list[Segment]]], chart_id: str = "chart-verdicts") -> str:
    """One stacked bar per run: its expected samples by verdict (and by why a sample has none)."""
    label_w, plot_w, bar_h, gap, top = 190, 420, 18, 8, 6
    present: dict[str, str] = {}
    for _, segments in rows:
        for segment in segments:
            if segment.count:
                present.setdefault(segment.name, segment.colour)
    legend_rows = -(-len(present) // 3)
    height = top + len(rows) * (bar_h + gap) + 10 + 16 * legend_rows
    body = []
    for row, (label, segments) in enumerate(rows):
        y = top + row * (bar_h + gap)
        total = sum(s.count for s in segments)
        body.append(_text(label_w - 8, y + bar_h - 5, _shorten(label, 30), "end"))
        x = float(label_w)
        for segment in segments:
            if not segment.count:
                continue
            w = segment.count / total * plot_w
            body.append(f'<rect class="mark" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                        f'fill="{segment.colour}" stroke="#fff" stroke-width="0.5"><title>{html.escape(label)}: '
                        f'{html.escape(segment.name)} {segment.count} of {total} samples</title></rect>')
            x += w
    legend_top = top + len(rows) * (bar_h + gap) + 12
    for index, (name, colour) in enumerate(present.items()):
        x, y = label_w + (index % 3) * 150, legend_top + 16 * (index // 3)
        body.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        body.append(_text(x + 15, y, name))
    return _svg(chart_id, "verdicts of each run's samples", label_w + plot_w + 20, height, body)


@dataclass(frozen=True)
class PairedBar:
    task: str
    a: float
    b: float


def paired_view(tasks: list[PairedBar], a_label: str, b_label: str, chart_id: str = "chart-paired") -> str:
    """Per common task, the second run's pass rate minus the first's: above the line the second
    run did better, below the first; equal tasks are ticks on the line. Sorted by the difference."""
    ordered = sorted(tasks, key=lambda t: (t.a - t.b, t.task))
    left, top, half = 10, 24, 60
    step = max(3.0, min(16.0, 640 / max(1, len(ordered))))
    width = left * 2 + step * len(ordered) + 8
    height = top + 2 * half + 56
    axis = top + half
    body = [_text(left, 14, f"▲ {_shorten(b_label, 50)} better", extra='fill="#2a7"'),
            _text(left, top + 2 * half + 16, f"▼ {_shorten(a_label, 50)} better", extra='fill="#c33"'),
            f'<line x1="{left}" x2="{width - left}" y1="{axis}" y2="{axis}" stroke="#999"/>']
    for index, task in enumerate(ordered):
        diff = task.b - task.a
        x = left + index * step + 1
        tip = (f"<title>{html.escape(task.task)}: {html.escape(a_label)} {_percent(task.a)}, "
               f"{html.escape(b_label)} {_percent(task.b)}</title>")
        if diff == 0:
            body.append(f'<rect class="mark" x="{x:.1f}" y="{axis - 1.5}" width="{step - 1:.1f}" height="3" '
                        f'fill="#aaa">{tip}</rect>')
            continue
        h = abs(diff) * half
        y = axis - h if diff > 0 else axis
        body.append(f'<rect class="mark" x="{x:.1f}" y="{y:.1f}" width="{step - 1:.1f}" height="{h:.1f}" '
                    f'fill="{"#2a7" if diff > 0 else "#c33"}">{tip}</rect>')
    return _svg(chart_id, "paired per-task comparison of two runs", max(width, 360), height, body)
