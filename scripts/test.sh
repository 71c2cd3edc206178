#!/usr/bin/env bash
# scripts/test.sh [--quick] [--only gcc|clang|asan]...
#
# Installs what is missing (Debian packages), then builds and tests retort three ways under one
# throwaway PostgreSQL 15 server (scripts/with-postgres):
#   gcc    g++, -Werror, every test suite, and the asynchronous SQLite tests again under
#          ThreadSanitizer (-Dtsan_async: the thread pool; the library compiled into them)
#   clang  clang++-16, -Werror, every suite but `consumer` and `packaging` (slow builds of
#          consumer projects and installed copies, checked once)
#   asan   g++ with AddressSanitizer + UndefinedBehaviorSanitizer, every suite but
#          `compile_fail`, `docs`, `consumer` and `packaging` (they test the compiler and
#          the build, not the running code)
# --quick runs only gcc; --only NAME (repeatable) picks stages. Builds use 2 jobs.
# Build directories are build-gcc, build-clang, build-asan (RETORT_BUILD_PREFIX=build-x
# makes them build-x-gcc, ...). Exits non-zero when anything failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source_root="$(pwd)"

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

stages=()
original_args=("$@")
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) stages=(gcc) ;;
        --only)
            [[ $# -ge 2 ]] || { usage >&2; exit 2; }
            case "$2" in gcc|clang|asan) stages+=("$2") ;; *) echo "test.sh: unknown stage '$2'" >&2; exit 2 ;; esac
            shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "test.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
[[ ${#stages[@]} -gt 0 ]] || stages=(gcc clang asan)

packages=(meson ninja-build pkg-config cmake g++ clang-16 python3
          libboost1.81-dev libpqxx-dev libpq-dev libsqlite3-dev
          libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 pgbouncer)
scripts/install-packages "${packages[@]}"

# Everything below runs under one PostgreSQL server, started here and stopped on the way out.
if [[ -z "${RETORT_TEST_PG_URL:-}" ]]; then
    exec scripts/with-postgres "$BASH" "${BASH_SOURCE[0]}" "${original_args[@]}"
fi

prefix="${RETORT_BUILD_PREFIX:-build}"
declare -A stage_line
total_passed=0 total_failed=0 total_skipped=0
any_failure=0

seconds_text() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

run_stage() {
    # Compile time is most of what CI pays for, so each stage builds only what it needs:
    #   gcc    -O2 (the build users get), without debug info (-g0 after the build type's -g)
    #   clang  -O0 without debug info: it is there for clang's diagnostics, which -O2 would
    #          not change, at two thirds of the compile time
    #   asan   -Og with line tables (-g1): a sanitizer report still names file and line, and
    #          the build takes a third of the time -O2 -g takes with instrumentation
    local stage=$1 dir="$prefix-$1" compiler setup_args=(-Dwerror=true) test_args=() started=$SECONDS
    case "$stage" in
        gcc) compiler=g++; setup_args+=(-Dcpp_args=-g0 -Dtsan_async=true) ;;
        clang) compiler=clang++-16; setup_args+=(-Doptimization=0 -Ddebug=false)
               test_args=(--no-suite consumer --no-suite packaging) ;;
        asan) compiler=g++
              # The benchmarks are built (and so checked) by the other two stages.
              setup_args+=(-Db_sanitize=address,undefined -Dbench=false -Doptimization=g -Dcpp_args=-g1)
              test_args=(--no-suite compile_fail --no-suite docs --no-suite consumer --no-suite packaging
                         --timeout-multiplier 3) ;;
    esac
    echo
    echo "==== $stage: $compiler in $dir ===="

    # Reconfigure existing build directories: test areas join the build when their
    # meson.build appears, which only a (re)configure notices.
    local configured=1
    if [[ -f "$dir/meson-private/coredata.dat" ]]; then
        meson setup --reconfigure "$dir" "${setup_args[@]}" || configured=0
    else
        rm -rf "$dir"
        CXX="$compiler" meson setup "$dir" "${setup_args[@]}" || configured=0
    fi
    if [[ $configured -eq 0 ]]; then
        stage_line[$stage]="configure FAILED"
        any_failure=1
        return
    fi

    if ! ninja -C "$dir" -j2; then
        stage_line[$stage]="build FAILED ($(seconds_text $((SECONDS - started))))"
        any_failure=1
        return
    fi

    local xml_dir="$source_root/$dir/gtest-xml"
    rm -rf "$xml_dir"
    local tests_ok=1
    GTEST_OUTPUT="xml:$xml_dir/" meson test -C "$dir" --no-rebuild --num-processes 2 --print-errorlogs \
        "${test_args[@]}" || tests_ok=0
    local counts passed failed skipped
    counts="$(python3 scripts/test-summary.py "$dir" "$xml_dir")" || counts="0 1 0"
    read -r passed failed skipped <<<"$counts"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
    if [[ $tests_ok -eq 1 && $failed -eq 0 ]]; then
        stage_line[$stage]="ok: $passed passed, $failed failed, $skipped skipped ($(seconds_text $((SECONDS - started))))"
    else
        [[ $failed -gt 0 ]] || { failed=1; total_failed=$((total_failed + 1)); }
        stage_line[$stage]="tests FAILED: $passed passed, $failed failed, $skipped skipped ($(seconds_text $((SECONDS - started))))"
        any_failure=1
    fi
}

for stage in "${stages[@]}"; do
    run_stage "$stage"
done

echo
echo "==== retort test summary ===="
for stage in "${stages[@]}"; do
    printf '%-6s %s\n' "$stage" "${stage_line[$stage]}"
done
echo "(GoogleTest cases counted one by one; compile-fail cases, the docs and each consumer build once each)"
echo "total: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$any_failure"
