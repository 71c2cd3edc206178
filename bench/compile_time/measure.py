#!/usr/bin/env python3
"""Compile time of retort statements: wall time, CPU time and peak memory of g++ and clang++
compiling translation units of 10, 50 and 200 statements (bench/compile_time/generate.py),
through a dialect-typed engine (create_engine<sqlite>) and a runtime-dialect one.

    python3 bench/compile_time/measure.py --include include --json compile_time.json > compile_time.md

Each unit is compiled --repeat times (3) per compiler and engine with `-std=c++20 -O2 -c` under
/usr/bin/time -v, and the fastest run is kept (another process on the machine only ever slows
a compilation down); a unit with no statements (the schema and the headers) is the fixed cost,
and the cost per statement is the slope between the smallest and the largest unit (10 and 200). It also checks, with
clang's AST dump, which dialects' statement texts each kind of engine instantiates.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [0, 10, 50, 200]
ENGINES = ["typed", "runtime"]


def generate(count, engine, directory):
    path = os.path.join(directory, f"statements_{engine}_{count}.cpp")
    with open(path, "w") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(count), "--engine", engine],
                       stdout=f, check=True)
    return path


def compile_once(compiler, source, include, flags):
    """(wall s, cpu s, peak MiB) of one compilation."""
    command = ["/usr/bin/time", "-v", compiler, "-std=c++20", *flags, "-I", include, "-c", source, "-o", os.devnull]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr[-4000:])
        raise SystemExit(f"{compiler} failed on {source}")

    def field(name):
        return re.search(re.escape(name) + r":\s*(\S+)", run.stderr).group(1)

    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    peak = int(field("Maximum resident set size (kbytes)")) / 1024
    return wall, cpu, peak


def instantiated_dialects(source, include):
    """{dialect: statement_text specializations} in a unit, from clang's AST dump."""
    dump = subprocess.run(["clang++-16", "-std=c++20", "-I", include, "-fsyntax-only", "-Xclang", "-ast-dump",
                           "-Xclang", "-ast-dump-filter", "-Xclang", "statement_text", source],
                          capture_output=True, text=True).stdout
    found = {"sqlite": 0, "postgresql": 0}
    lines = dump.splitlines()
    for i, line in enumerate(lines):
        if "ClassTemplateSpecializationDecl" not in line or "struct statement_text definition" not in line:
            continue
        for following in lines[i + 1:]:
            m = re.search(r"TemplateArgument type 'retort::(sqlite|postgresql)'", following)
            if m:
                found[m.group(1)] += 1
                break
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--include", default=os.path.join(HERE, "..", "..", "include"))
    parser.add_argument("--compilers", nargs="+", default=["g++", "clang++-16"])
    parser.add_argument("--sizes", nargs="+", type=int, default=SIZES)
    parser.add_argument("--flags", default="-O2")
    parser.add_argument("--repeat", type=int, default=3, help="compilations per unit; the fastest is kept")
    parser.add_argument("--json", help="where to write the measurements")
    args = parser.parse_args()
    include = os.path.abspath(args.include)
    flags = args.flags.split()
    results = []
    with tempfile.TemporaryDirectory(prefix="retort-compile-time-") as directory:
        for compiler in args.compilers:
            for engine in ENGINES:
                for count in args.sizes:
                    source = generate(count, engine, directory)
                    wall, cpu, peak = min(compile_once(compiler, source, include, flags)
                                          for _ in range(max(1, args.repeat)))
                    load = os.getloadavg()[0]
                    results.append({"compiler": compiler, "engine": engine, "statements": count, "wall_s": wall,
                                     "cpu_s": cpu, "peak_mib": peak, "load": load})
                    print(f"{compiler} {engine} {count}: {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MiB "
                          f"(load {load:.1f})", file=sys.stderr, flush=True)
        check = {engine: instantiated_dialects(generate(10, engine, directory), include) for engine in ENGINES}
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "flags": flags,
                       "results": results, "statement_text_specializations_for_10": check}, f, indent=1)
    print(table(results))
    print()
    print("statement_text specializations in a unit of 10 statements (clang AST): " +
          "; ".join(f"{e} engine: " + ", ".join(f"{d} {n}" for d, n in check[e].items()) for e in ENGINES))
    return 0


def table(results):
    lines = ["| compiler | engine | statements | wall | CPU | peak memory | load |", "|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['compiler']} | {r['engine']} | {r['statements']} | {r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | "
                     f"{r['peak_mib']:.0f} MiB | {r['load']:.1f} |")
    lines += ["", "| compiler | engine | statements | CPU per statement | wall per statement | memory per statement |",
              "|---|---|---|---:|---:|---:|"]
    for compiler in sorted({r["compiler"] for r in results}):
        for engine in ENGINES:
            by = {r["statements"]: r for r in results if r["compiler"] == compiler and r["engine"] == engine}
            sizes = sorted(n for n in by if n > 0)
            if len(sizes) < 2:
                continue
            low, high = by[sizes[0]], by[sizes[-1]]
            n = sizes[-1] - sizes[0]
            lines.append(f"| {compiler} | {engine} | {sizes[0]} → {sizes[-1]} | "
                         f"{(high['cpu_s'] - low['cpu_s']) / n * 1000:.0f} ms | "
                         f"{(high['wall_s'] - low['wall_s']) / n * 1000:.0f} ms | "
                         f"{(high['peak_mib'] - low['peak_mib']) / n:.1f} MiB |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
