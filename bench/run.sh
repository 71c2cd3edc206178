#!/usr/bin/env bash
# bench/run.sh [--compile-time] [OUTDIR]: the benchmark run docs/benchmarks.md publishes.
#
# Installs what is missing (Debian packages, the SQLAlchemy peer's included), builds retort-bench
# in release mode (build-bench/), runs it and bench/sqlalchemy_peer.py under one throwaway
# PostgreSQL server, and writes OUTDIR (default bench-results/): results.json, sqlalchemy.json,
# load.txt (uptime before and after), table.md and benchmarks.svg. --compile-time also runs
# bench/compile_time/measure.py (a few minutes) into compile_time.md and compile_time.json.
# Extra retort-bench flags: RETORT_BENCH_FLAGS="--benchmark_repetitions=9".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

compile_time=0
if [[ "${1:-}" == --compile-time ]]; then
    compile_time=1
    shift
fi
out="${1:-bench-results}"

packages=(meson ninja-build pkg-config g++ clang-16 python3 time
          libboost1.81-dev libpqxx-dev libpq-dev libsqlite3-dev libbenchmark-dev postgresql-15 pgbouncer
          python3-sqlalchemy python3-psycopg2)
scripts/install-packages "${packages[@]}"

[[ -d build-bench ]] || meson setup build-bench --buildtype=release -Dtests=false -Dexamples=false
ninja -C build-bench bench/retort-bench
mkdir -p "$out"

# Debian's Python, where python3-sqlalchemy and python3-psycopg2 are installed.
python=/usr/bin/python3
{ echo "before: $(uptime)"; } > "$out/load.txt"
# shellcheck disable=SC2016  # expanded by the inner shell, under with-postgres
scripts/with-postgres bash -c '
    set -euo pipefail
    build-bench/bench/retort-bench --benchmark_enable_random_interleaving=true \
        --benchmark_out="$0/results.json" --benchmark_out_format=json ${RETORT_BENCH_FLAGS:-}
    echo "between: $(uptime)" >> "$0/load.txt"
    "$1" bench/sqlalchemy_peer.py --out "$0/sqlalchemy.json"
' "$out" "$python"
echo "after: $(uptime)" >> "$out/load.txt"
python3 bench/plot.py "$out/results.json" "$out/sqlalchemy.json" --svg "$out/benchmarks.svg" > "$out/table.md"
cat "$out/load.txt" "$out/table.md"

if [[ $compile_time == 1 ]]; then
    python3 bench/compile_time/measure.py --include include --json "$out/compile_time.json" > "$out/compile_time.md"
    cat "$out/compile_time.md"
fi
