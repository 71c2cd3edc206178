#!/usr/bin/env python3
"""Turns retort-bench's JSON (and sqlalchemy_peer.py's) into an SVG chart and a Markdown table
(Python standard library only).

    build/bench/retort-bench --benchmark_format=json > results.json
    python3 bench/sqlalchemy_peer.py --out sqlalchemy.json
    python3 bench/plot.py results.json sqlalchemy.json --svg docs/benchmarks.svg > table.md

Each `<area>/<work>/retort` benchmark is paired with its `<area>/<work>/raw` twin, and with
`<area>/<work>/sqlalchemy` when that is in one of the files. The time compared is the median of
the repetitions: wall-clock time for benchmarks registered with UseRealTime (their names end in
/real_time), CPU time otherwise; for the wall-clock ones the client's CPU time (cpu_time) is
reported beside it. Statement building (build/...) is reported in nanoseconds, not as a ratio.
A pair that also runs in turns (`<area>/<work>/in_turns`: a pass of each side per iteration, the
median ratio over couples of iterations in its `ratio` counter) is judged on that ratio, which the
host's drift in speed between two benchmarks does not move; the ratio of the two medians is shown
beside it.
"""
import argparse
import json
import math
import re
import statistics
import sys
from xml.sax.saxutils import escape

# Target ratios (retort / raw) by kind of work, on the time that counts ("cpu": on client CPU).
TARGETS = [
    (re.compile(r"^sqlite/point_select_"), 1.05, "time"),
    (re.compile(r"^sqlite/select_"), 1.03, "time"),
    (re.compile(r"^sqlite/insert_\d+k$"), 1.03, "time"),
    (re.compile(r"^sqlite/insert_\d+k_many$"), 1.05, "time"),
    (re.compile(r"^postgresql/select_"), 1.05, "cpu"),
    (re.compile(r"^postgresql/bulk_insert_"), 1.05, "time"),
    (re.compile(r"^postgresql/point_select_"), 1.15, "time"),
]
UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def base_name(run_name):
    """sqlite/insert_100k/retort/iterations:5/real_time -> sqlite/insert_100k/retort"""
    parts = run_name.split("/")
    while parts and (":" in parts[-1] or parts[-1] in ("real_time", "process_time", "manual_time")):
        parts.pop()
    return "/".join(parts)


def load(paths):
    """(contexts, {base name: {"time": ns, "cpu": ns, "wall_clock": bool}}), medians when there are
    repetitions, else the runs' mean."""
    contexts, out = [], {}
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        contexts.append(report.get("context", {}))
        medians, runs, turns, turn_runs = {}, {}, {}, {}
        for b in report["benchmarks"]:
            if b.get("error_occurred"):
                continue
            name = b.get("run_name", b["name"])
            key = base_name(name)
            if key.endswith("/in_turns"):
                # the counter's median over the repetitions, else its mean over the runs
                entry = {"ratio": b["ratio"], "label": b.get("label", "")}
                if b.get("run_type") != "aggregate":
                    turn_runs.setdefault(key, []).append(entry)
                elif b.get("aggregate_name") == "median":
                    turns[key] = entry
                continue
            scale = UNIT_NS[b.get("time_unit", "ns")]
            wall_clock = name.endswith("/real_time")
            value = (b["real_time"] * scale, b["cpu_time"] * scale)
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians[key] = (value, wall_clock)
            else:
                runs.setdefault(key, []).append((value, wall_clock))
        for key, entries in turn_runs.items():
            turns.setdefault(key, {"ratio": statistics.mean(e["ratio"] for e in entries), "label": entries[0]["label"]})
        out.update(turns)
        for key, values in runs.items():
            wall = statistics.mean(v[0][0] for v in values)
            cpu = statistics.mean(v[0][1] for v in values)
            medians.setdefault(key, ((wall, cpu), values[0][1]))
        for key, ((wall, cpu), wall_clock) in medians.items():
            out[key] = {"time": wall if wall_clock else cpu, "cpu": cpu, "wall_clock": wall_clock}
    return contexts, out


def rows_of(times):
    """One row per retort benchmark with a raw twin."""
    out = []
    for name in sorted(times):
        if not name.endswith("/retort"):
            continue
        work = name[: -len("/retort")]
        raw = times.get(work + "/raw")
        if raw is None:
            continue
        target = next(((t, on) for pattern, t, on in TARGETS if pattern.search(work)), (None, None))
        out.append({"work": work, "retort": times[name], "raw": raw, "peer": times.get(work + "/sqlalchemy"),
                    "in_turns": times.get(work + "/in_turns"), "target": target[0], "target_on": target[1]})
    return out


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def ratio(r, on="time"):
    return r["retort"][on] / r["raw"][on]


def judged(r):
    """The ratio a target is judged on: the pair's in turns when it has one."""
    return r["in_turns"]["ratio"] if r["in_turns"] else ratio(r, r["target_on"])


def in_turns_cell(r):
    if not r["in_turns"]:
        return "–"
    label = r["in_turns"]["label"]
    return f"**{r['in_turns']['ratio']:.3f}**" + (f" ({label})" if label else "")


def verdict(r):
    if r["target"] is None:
        return "none set"
    value = judged(r)
    what = " client CPU" if r["target_on"] == "cpu" else ""
    return ("met" if value <= r["target"] else "missed") + f" (≤ {r['target']:.2f}x{what})"


def table(rows):
    sql = [r for r in rows if not r["work"].startswith("build/")]
    build = [r for r in rows if r["work"].startswith("build/")]
    lines = ["| benchmark | retort | raw | retort / raw | in turns | client CPU retort / raw | SQLAlchemy | SQLAlchemy / raw "
             "| target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in sql:
        cpu = (f"{human(r['retort']['cpu'])} / {human(r['raw']['cpu'])} = {ratio(r, 'cpu'):.3f}"
               if r["retort"]["wall_clock"] else "(the time is CPU)")
        peer = r["peer"]
        peer_cells = (f"{human(peer['time'])} | {peer['time'] / r['raw']['time']:.1f}x" if peer else "– | –")
        lines.append(f"| `{r['work']}` | {human(r['retort']['time'])} | {human(r['raw']['time'])} | "
                     f"{ratio(r):.3f} | {in_turns_cell(r)} | {cpu} | {peer_cells} | {verdict(r)} |")
    if build:
        lines += ["", "| statement built, bound and its text taken | retort | by hand | retort − by hand |",
                  "|---|---:|---:|---:|"]
        for r in build:
            a, b = r["retort"]["time"], r["raw"]["time"]
            lines.append(f"| `{r['work']}` | {a:.1f} ns | {b:.1f} ns | {a - b:+.1f} ns |")
    return "\n".join(lines)


def svg(rows, contexts):
    """Three panels: retort's time over raw's for the SQL work (client CPU beside it for PostgreSQL,
    targets dashed); retort and SQLAlchemy against raw on a log scale; statement building in ns."""
    sql = [r for r in rows if not r["work"].startswith("build/")]
    build = [r for r in rows if r["work"].startswith("build/")]
    peers = [r for r in sql if r["peer"]]
    bar_h, gap, left, right, width = 16, 10, 300, 300, 1000
    plot_w = width - left - right
    out, y = [], 24
    context = contexts[0] if contexts else {}

    def text(x, y, content, **attrs):
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
        out.append(f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>')

    def rect(x, y, w, colour):
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{colour}"/>')

    def axis(top, bottom, ticks, scale, fmt, strong=None):
        for tick in ticks:
            colour, w = ("#333", 1.5) if tick == strong else ("#ddd", 1)
            out.append(f'<line x1="{scale(tick):.1f}" y1="{top - 4}" x2="{scale(tick):.1f}" y2="{bottom}" '
                       f'stroke="{colour}" stroke-width="{w}"/>')
            text(scale(tick), bottom + 14, fmt(tick), text_anchor="middle", fill="#555")

    text(16, y, "retort against the raw C APIs (sqlite3, libpq) and SQLAlchemy Core: medians of the repetitions",
         font_size=16, font_weight="bold")
    y += 18
    load = context.get("load_avg")
    text(16, y, f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
                f"{context.get('date', '')}" + (f", load {load[0]:.1f}" if load else "") +
                "; SQLite: CPU time, PostgreSQL: wall-clock time (client CPU in light blue)", fill="#555")
    y += 30

    if sql:
        text(16, y, "SQL work: retort's time / raw's (1.0 = as fast as hand-written C API code; dashed: target; "
                    "black tick: the pair in turns)",
             font_weight="bold")
        y += 14
        values = ([ratio(r) for r in sql] + [ratio(r, "cpu") for r in sql if r["retort"]["wall_clock"]] +
                  [r["in_turns"]["ratio"] for r in sql if r["in_turns"]])
        top_ratio = max([1.25] + values + [r["target"] or 0 for r in sql]) * 1.04
        scale = lambda v: left + plot_w * v / top_ratio  # noqa: E731
        top = y
        for r in sql:
            ok = not verdict(r).startswith("missed")
            text(left - 8, y + bar_h - 4, r["work"], text_anchor="end")
            rect(left, y, scale(ratio(r)) - left, "#3b7dd8" if ok else "#d8623b")
            label = f"{ratio(r):.3f}x  ({human(r['retort']['time'])} vs {human(r['raw']['time'])})"
            if r["in_turns"]:
                label += f"; in turns {r['in_turns']['ratio']:.3f}x"
                out.append(f'<line x1="{scale(r["in_turns"]["ratio"]):.1f}" y1="{y - 3}" '
                           f'x2="{scale(r["in_turns"]["ratio"]):.1f}" y2="{y + bar_h + 3}" stroke="#111" stroke-width="3"/>')
            if r["target"] is not None:
                out.append(f'<line x1="{scale(r["target"]):.1f}" y1="{y - 2}" x2="{scale(r["target"]):.1f}" '
                           f'y2="{y + bar_h + 2}" stroke="#222" stroke-width="2" stroke-dasharray="3,2"/>')
            text(scale(max(ratio(r), r["target"] or 0)) + 6, y + bar_h - 4, label)
            y += bar_h + 2
            if r["retort"]["wall_clock"]:
                rect(left, y, scale(ratio(r, "cpu")) - left, "#9cc3f0")
                text(scale(ratio(r, "cpu")) + 6, y + bar_h - 4, f"client CPU {ratio(r, 'cpu'):.3f}x")
                y += bar_h + 2
            y += gap
        axis(top, y, [i * 0.25 for i in range(int(top_ratio / 0.25) + 1)], scale, lambda t: f"{t:g}x", strong=1.0)
        y += 44

    if peers:
        text(16, y, "Peers: time relative to the raw C API twin (log scale): retort blue, SQLAlchemy Core orange",
             font_weight="bold")
        y += 14
        high = max(r["peer"]["time"] / r["raw"]["time"] for r in peers) * 1.5
        decades = max(1, math.ceil(math.log10(high)))
        scale = lambda v: left + plot_w * math.log10(max(v, 0.5) / 0.5) / math.log10(10 ** decades / 0.5)  # noqa: E731
        top = y
        for r in peers:
            text(left - 8, y + bar_h - 4, r["work"], text_anchor="end")
            v = ratio(r)
            rect(left, y, scale(v) - left, "#3b7dd8")
            text(scale(v) + 6, y + bar_h - 4, f"retort {v:.2f}x")
            y += bar_h + 2
            v = r["peer"]["time"] / r["raw"]["time"]
            rect(left, y, scale(v) - left, "#e8923a")
            text(scale(v) + 6, y + bar_h - 4, f"SQLAlchemy {v:.1f}x ({human(r['peer']['time'])})")
            y += bar_h + 2 + gap
        axis(top, y, [1] + [10 ** d for d in range(1, decades + 1)], scale, lambda t: f"{t:g}x", strong=1)
        y += 44

    if build:
        text(16, y, "A statement built, its values bound into the driver's parameter block, its text taken (ns)",
             font_weight="bold")
        y += 14
        top_ns = max(max(r["retort"]["time"], r["raw"]["time"]) for r in build) * 1.15
        scale = lambda ns: left + plot_w * ns / top_ns  # noqa: E731
        top = y
        for r in build:
            for who, ns, colour in (("retort", r["retort"]["time"], "#3b7dd8"), ("by hand", r["raw"]["time"], "#9aa5b1")):
                text(left - 8, y + bar_h - 4, f"{r['work']} {who}", text_anchor="end")
                rect(left, y, scale(ns) - left, colour)
                text(scale(ns) + 6, y + bar_h - 4, f"{ns:.0f} ns")
                y += bar_h + 2
            y += gap
        step = 25 if top_ns < 300 else 50
        axis(top, y, list(range(0, int(top_ns) + 1, step)), scale, lambda t: f"{t:g}")
        y += 40

    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y}" viewBox="0 0 {width} {y}" '
            f'font-family="sans-serif" font-size="12">\n<rect width="100%" height="100%" fill="white"/>')
    return "\n".join([head] + out + ["</svg>"]) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", help="retort-bench --benchmark_format=json output, sqlalchemy_peer.py's")
    parser.add_argument("--svg", help="where to write the chart")
    args = parser.parse_args()
    contexts, times = load(args.results)
    rows = rows_of(times)
    if not rows:
        print("no retort/raw pairs in " + ", ".join(args.results), file=sys.stderr)
        return 1
    print(table(rows))
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(rows, contexts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
