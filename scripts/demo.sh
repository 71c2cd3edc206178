#!/usr/bin/env bash
# scripts/demo.sh [ARGS...]: installs what is missing (Debian packages), builds retort's demo
# program in build-demo and runs it. Without arguments the demo gets a fresh SQLite file
# database, as its one argument: sqlite:////abs/path/build-demo/demo.db. Arguments, when given,
# go to the demo instead (for example a postgresql:// URL).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-packages meson ninja-build pkg-config g++ \
    libboost1.81-dev libpqxx-dev libpq-dev libsqlite3-dev

if [[ ! -f examples/meson.build ]]; then
    echo "demo.sh: examples/meson.build does not exist yet, so there is no demo to build" >&2
    exit 1
fi

# Only the library and the examples: tests and benchmarks need more packages and time.
options=(-Dtests=false -Dbench=false -Dexamples=true)
if [[ -f build-demo/meson-private/coredata.dat ]]; then
    meson setup --reconfigure build-demo "${options[@]}" >/dev/null
else
    rm -rf build-demo
    meson setup build-demo "${options[@]}" >/dev/null
fi
meson compile -C build-demo -j 2 retort-demo

if [[ $# -eq 0 ]]; then
    database="$(pwd)/build-demo/demo.db"
    rm -f "$database" "$database-wal" "$database-shm"
    set -- "sqlite:///$database"
fi
exec build-demo/examples/retort-demo "$@"
