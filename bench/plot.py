#!/usr/bin/env python3
"""Turns retort-bench's JSON into an SVG chart and a Markdown table (Python standard library only).

    build/bench/retort-bench --benchmark_format=json > results.json
    python3 bench/plot.py results.json --svg docs/benchmarks.svg > table.md

Each `<area>/<work>/retort` benchmark is paired with its `<area>/<work>/raw` twin (a `_many` variant
with the twin of its work without the suffix). The time compared is the median of the repetitions:
wall-clock time for benchmarks registered with UseRealTime (their names end in /real_time), CPU
time otherwise. The chart shows retort's time over raw's per pair, with the target ratio marked.
"""
import argparse
import json
import re
import statistics
import sys
from xml.sax.saxutils import escape

# Target ratios (retort / raw) by kind of work; statement building has an absolute target.
TARGETS = [
    (re.compile(r"^sqlite/insert_"), 1.05),
    (re.compile(r"^postgresql/bulk_insert_"), 1.05),
    (re.compile(r"/select_\d+k$"), 1.10),
    (re.compile(r"/point_select_"), 1.15),
]
BUILD_TARGET_NS = 20.0
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def base_name(run_name):
    """sqlite/insert_100k/retort/iterations:5/repeats:5 -> sqlite/insert_100k/retort"""
    parts = run_name.split("/")
    while parts and (":" in parts[-1] or parts[-1] in ("real_time", "process_time", "manual_time")):
        parts.pop()
    return "/".join(parts)


def load(path):
    """{base name: time in ns}, from the medians when there are repetitions, else the runs' mean."""
    with open(path) as f:
        report = json.load(f)
    medians, runs = {}, {}
    for b in report["benchmarks"]:
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        clock = "real_time" if name.endswith("/real_time") else "cpu_time"
        value = b[clock] * UNIT_NS[b.get("time_unit", "ns")]
        key = base_name(name)
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = value
        else:
            runs.setdefault(key, []).append(value)
    times = {key: statistics.mean(values) for key, values in runs.items()}
    times.update(medians)
    return report.get("context", {}), times


def pairs(times):
    """(work, retort ns, raw ns, target) for every retort benchmark with a raw twin."""
    out = []
    for name in sorted(times):
        if not name.endswith("/retort"):
            continue
        work = name[: -len("/retort")]
        twin = work + "/raw"
        if twin not in times:
            twin = re.sub(r"_many$", "", work) + "/raw"
        if twin not in times:
            continue
        target = next((t for pattern, t in TARGETS if pattern.search(work)), None)
        out.append((work, times[name], times[twin], target))
    return out


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def verdict(work, retort, raw, target):
    if work.startswith("build/"):
        return ("met" if retort < BUILD_TARGET_NS else "missed") + f" (< {BUILD_TARGET_NS:g} ns)"
    if target is None:
        return "no target"
    ratio = retort / raw
    return ("met" if ratio <= target else "missed") + f" (≤ {target:.2f}x)"


def table(rows):
    lines = ["| benchmark | retort | raw | retort / raw | target |", "|---|---:|---:|---:|---|"]
    for work, retort, raw, target in rows:
        lines.append(f"| `{work}` | {human(retort)} | {human(raw)} | {retort / raw:.3f} | "
                     f"{verdict(work, retort, raw, target)} |")
    return "\n".join(lines)


def svg(rows, context):
    """Two panels: SQL work as retort's time over raw's (target ratios dashed), and statement
    building in nanoseconds against its 20 ns target."""
    sql = [r for r in rows if not r[0].startswith("build/")]
    build = [r for r in rows if r[0].startswith("build/")]
    bar_h, gap, left, right, width = 18, 8, 300, 260, 980
    plot_w = width - left - right
    out, y = [], 24

    def text(x, y, content, **attrs):
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
        out.append(f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>')

    def axis(top, bottom, ticks, scale, fmt, strong=None):
        for tick in ticks:
            colour, w = ("#333", 1.5) if tick == strong else ("#ddd", 1)
            out.append(f'<line x1="{scale(tick):.1f}" y1="{top - 4}" x2="{scale(tick):.1f}" y2="{bottom}" '
                       f'stroke="{colour}" stroke-width="{w}"/>')
            text(scale(tick), bottom + 14, fmt(tick), text_anchor="middle", fill="#555")

    text(16, y, "retort against the raw C APIs (sqlite3, libpq): median of 5 repetitions", font_size=16,
         font_weight="bold")
    y += 18
    text(16, y, f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
                f"{context.get('date', '')}; SQLite: CPU time, PostgreSQL: wall-clock time", fill="#555")
    y += 30

    if sql:
        text(16, y, "SQL work: retort's time / raw's (1.0 = as fast as hand-written C API code; dashed: target)",
             font_weight="bold")
        y += 14
        top_ratio = max([1.25] + [r / w for _, r, w, _ in sql] + [t or 0 for *_, t in sql]) * 1.04
        scale = lambda ratio: left + plot_w * ratio / top_ratio  # noqa: E731
        top = y
        for work, retort, raw, target in sql:
            ratio = retort / raw
            ok = verdict(work, retort, raw, target).startswith(("met", "no target"))
            text(left - 8, y + bar_h - 5, work, text_anchor="end")
            out.append(f'<rect x="{left}" y="{y}" width="{scale(ratio) - left:.1f}" height="{bar_h}" '
                       f'fill="{"#3b7dd8" if ok else "#d8623b"}"/>')
            if target is not None:
                out.append(f'<line x1="{scale(target):.1f}" y1="{y - 2}" x2="{scale(target):.1f}" '
                           f'y2="{y + bar_h + 2}" stroke="#222" stroke-width="2" stroke-dasharray="3,2"/>')
            text(scale(max(ratio, target or 0)) + 6, y + bar_h - 5, f"{ratio:.3f}x  ({human(retort)} vs {human(raw)})")
            y += bar_h + gap
        axis(top, y, [i * 0.25 for i in range(int(top_ratio / 0.25) + 1)], scale, lambda t: f"{t:g}x", strong=1.0)
        y += 44

    if build:
        text(16, y, f"Statement building: nanoseconds per statement (target: under {BUILD_TARGET_NS:g} ns, dashed)",
             font_weight="bold")
        y += 14
        top_ns = BUILD_TARGET_NS * 1.1
        scale = lambda ns: left + plot_w * ns / top_ns  # noqa: E731
        top = y
        for work, retort, raw, _ in build:
            for who, ns, colour in (("retort", retort, "#3b7dd8"), ("raw", raw, "#9aa5b1")):
                text(left - 8, y + bar_h - 5, f"{work}/{who}", text_anchor="end")
                out.append(f'<rect x="{left}" y="{y}" width="{max(scale(ns) - left, 1):.1f}" height="{bar_h}" '
                           f'fill="{colour}"/>')
                text(scale(ns) + 6, y + bar_h - 5, human(ns))
                y += bar_h + 2
            y += gap
        out.append(f'<line x1="{scale(BUILD_TARGET_NS):.1f}" y1="{top - 4}" x2="{scale(BUILD_TARGET_NS):.1f}" '
                   f'y2="{y}" stroke="#222" stroke-width="2" stroke-dasharray="3,2"/>')
        axis(top, y, [0, 5, 10, 15, 20], scale, lambda t: f"{t:g} ns")
        y += 40

    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}" '
            f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>')
    return "\n".join([head] + out + ["</svg>"]) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="retort-bench --benchmark_format=json output")
    parser.add_argument("--svg", help="where to write the chart")
    args = parser.parse_args()
    context, times = load(args.results)
    rows = pairs(times)
    if not rows:
        print("no retort/raw pairs in " + args.results, file=sys.stderr)
        return 1
    print(table(rows))
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(rows, context))
    return 0


if __name__ == "__main__":
    sys.exit(main())
