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
    bar_h, gap, left, right, top = 18, 8, 330, 250, 56
    width = 980
    plot_w = width - left - right
    height = top + len(rows) * (bar_h + gap) + 60
    top_ratio = max([1.25] + [r / w for _, r, w, _ in rows] + [t or 0 for *_, t in rows]) * 1.05

    def x(ratio):
        return left + plot_w * ratio / top_ratio

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="16" y="24" font-size="16" font-weight="bold">retort / raw C API, median time '
           '(lower is better; 1.0 = as fast as sqlite3 / libpq by hand)</text>']
    machine = f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, " \
              f"{context.get('library_build_type', '?')} Google Benchmark, {context.get('date', '')}"
    out.append(f'<text x="16" y="42" fill="#555">{escape(machine)}</text>')
    for tick in [i * 0.25 for i in range(int(top_ratio / 0.25) + 1)]:
        out.append(f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{height - 40}" '
                   f'stroke="{"#333" if tick == 1 else "#ddd"}" stroke-width="{1.5 if tick == 1 else 1}"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{height - 24}" text-anchor="middle" fill="#555">{tick:g}x</text>')
    for i, (work, retort, raw, target) in enumerate(rows):
        y = top + i * (bar_h + gap)
        ratio = retort / raw
        ok = verdict(work, retort, raw, target).startswith(("met", "no target"))
        colour = "#3b7dd8" if ok else "#d8623b"
        out.append(f'<text x="{left - 8}" y="{y + bar_h - 5}" text-anchor="end">{escape(work)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{x(ratio) - left:.1f}" height="{bar_h}" fill="{colour}"/>')
        if target is not None:
            out.append(f'<line x1="{x(target):.1f}" y1="{y - 2}" x2="{x(target):.1f}" y2="{y + bar_h + 2}" '
                       'stroke="#222" stroke-width="2" stroke-dasharray="3,2"/>')
        label = f"{ratio:.2f}x  ({human(retort)} vs {human(raw)})"
        out.append(f'<text x="{x(max(ratio, target or 0)) + 6:.1f}" y="{y + bar_h - 5}">{escape(label)}</text>')
    out.append(f'<text x="16" y="{height - 8}" fill="#555">dashed: target ratio; orange: target missed. '
               'Statement building (build/*): both well under the 20 ns target, compared here as a ratio.</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


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
