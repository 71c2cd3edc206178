#!/usr/bin/env python3
"""Runs every benchmark of retort-bench once, on a hundredth of the rows (RETORT_BENCH_SMOKE=1),
and fails when one of them is missing from the report or reports an error: the benchmarks are
checked to work, not timed.

    smoke_check.py --bench build/bench/retort-bench --with-postgres scripts/with-postgres

PostgreSQL: RETORT_BENCH_PG_URL or RETORT_TEST_PG_URL when set, else a throwaway server started by
scripts/with-postgres. Without PostgreSQL binaries the benchmarks that need a server are left out,
unless CI=true: then that is a failure, as for the other PostgreSQL tests.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

NEEDS_SERVER = r"^(postgresql/|pool/.*/postgresql)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True, help="the retort-bench executable")
    parser.add_argument("--with-postgres", required=True, help="scripts/with-postgres")
    args = parser.parse_args()

    env = dict(os.environ, RETORT_BENCH_SMOKE="1")
    has_url = any(env.get(name) for name in ("RETORT_BENCH_PG_URL", "RETORT_TEST_PG_URL"))
    bindir = env.get("RETORT_PG_BINDIR", "/usr/lib/postgresql/15/bin")
    prefix, selection = [], []
    if not has_url:
        if os.access(os.path.join(bindir, "initdb"), os.X_OK):
            prefix = [args.with_postgres]
        elif env.get("CI") == "true":
            print(f"no PostgreSQL server: set RETORT_TEST_PG_URL or install PostgreSQL 15 ({bindir})")
            return 1
        else:
            print(f"no PostgreSQL server and no {bindir}/initdb: the benchmarks that need one are left out")
            selection = ["--benchmark_filter=-" + NEEDS_SERVER]

    listed = subprocess.run([args.bench, "--benchmark_list_tests"] + selection, env=env,
                            capture_output=True, text=True, check=True).stdout.split()
    # min_time only shortens the benchmarks without a fixed iteration count (the pool's).
    run = subprocess.run(prefix + [args.bench, "--benchmark_format=json", "--benchmark_min_time=0.01"] + selection,
                         env=env, capture_output=True, text=True)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print(f"retort-bench exited with {run.returncode}")
        return 1
    report = json.loads(run.stdout)
    seen = {b["run_name"]: b for b in report["benchmarks"]}

    failures = []
    for name in listed:
        result = seen.get(name)
        if result is None:
            failures.append(f"{name}: not in the report")
        elif result.get("error_occurred"):
            failures.append(f"{name}: {result.get('error_message', 'error')}")
    failures += table_failures(run.stdout, listed)
    for failure in failures:
        print(failure)
    print(f"{len(listed) - len(failures)} of {len(listed)} benchmarks ran")
    return 1 if failures or not listed else 0


def table_failures(report_json, listed):
    """bench/plot.py must make its table of the report: a row for each retort/raw pair, with the
    ratio in turns where the pair has one."""
    plot = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plot.py")
    with tempfile.NamedTemporaryFile("w", suffix=".json") as results:
        results.write(report_json)
        results.flush()
        table = subprocess.run([sys.executable, plot, results.name], capture_output=True, text=True)
    if table.returncode != 0:
        return [f"plot.py failed: {table.stderr.strip()}"]
    rows = {line.split("`")[1]: line for line in table.stdout.splitlines() if line.startswith("| `")}
    failures = []
    for name in listed:
        work, _, side = name.rpartition("/")
        if side == "retort" and work + "/raw" in listed and work not in rows:
            failures.append(f"{work}: no row in plot.py's table")
        if side == "in_turns" and "**" not in rows.get(work, ""):
            failures.append(f"{work}: plot.py's table shows no ratio in turns")
    return failures


if __name__ == "__main__":
    sys.exit(main())
