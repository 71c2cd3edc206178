#!/usr/bin/env python3
"""Runs one example program against one database and checks what it printed.

    run_example.py --database sqlite-memory|sqlite-file|postgresql [--runs N]
                   [--expect LINE]... [--exit-code N] [--expect-error TEXT]... -- PROGRAM

The program gets the database URL as its one argument, in a fresh temporary working
directory:
  sqlite-memory   sqlite://
  sqlite-file     sqlite:////<temporary directory>/example.db
  postgresql      a fresh database on the server RETORT_TEST_PG_URL names (scripts/with-postgres
                  exports it), dropped afterwards. Without that variable the test fails when
                  CI=true and is skipped (exit code 77) otherwise.
Each run (--runs, default 1; the examples promise to run twice on one database) must end with
--exit-code (default 0), print every --expect LINE as a whole line of its standard output and
every --expect-error TEXT somewhere in its standard error.
"""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

SKIP = 77
RUN_TIMEOUT_SECONDS = 300


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def psql_program():
    candidates = [os.environ.get("RETORT_PG_BINDIR", "/usr/lib/postgresql/15/bin") + "/psql", shutil.which("psql")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    fail("no psql to create the example's database (apt-get install postgresql-client-15)")


def libpq_url(url):
    """retort accepts postgresql+libpqxx://; libpq (psql) knows only postgresql://."""
    scheme, rest = url.split("://", 1)
    return scheme.split("+", 1)[0] + "://" + rest


def with_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def admin(server_url, *statements):
    command = [psql_program(), libpq_url(server_url), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    for statement in statements:
        command += ["-c", statement]  # one -c each: CREATE DATABASE cannot share a transaction
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    if result.returncode != 0:
        fail(f"psql could not run {statements} on {server_url}:\n{result.stdout}")


def run_once(program, url, workdir, args, number):
    print(f"$ {program} {url}   (run {number})", flush=True)
    try:
        result = subprocess.run([program, url], cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, timeout=RUN_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        fail(f"run {number} did not finish within {RUN_TIMEOUT_SECONDS} s")
    print(result.stdout, end="")
    if result.stderr:
        print("--- stderr ---\n" + result.stderr, end="")
    if result.returncode != args.exit_code:
        fail(f"run {number} exited with {result.returncode}, expected {args.exit_code}")
    lines = {line.rstrip() for line in result.stdout.splitlines()}
    missing = [line for line in args.expect if line not in lines]
    if missing:
        fail(f"run {number} did not print the line(s): {missing}")
    missing = [text for text in args.expect_error if text not in result.stderr]
    if missing:
        fail(f"run {number} did not say on stderr: {missing}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, choices=["sqlite-memory", "sqlite-file", "postgresql"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--expect", action="append", default=[])
    parser.add_argument("--exit-code", type=int, default=0)
    parser.add_argument("--expect-error", action="append", default=[])
    parser.add_argument("program")
    args = parser.parse_args()
    program = str(pathlib.Path(args.program).resolve())

    server_url = None
    if args.database == "postgresql":
        server_url = os.environ.get("RETORT_TEST_PG_URL", "")
        if not server_url:
            reason = "RETORT_TEST_PG_URL is not set (run the tests under scripts/with-postgres)"
            if os.environ.get("CI") == "true":
                fail(reason + "; with CI=true a PostgreSQL test must not skip")
            print(f"SKIP: {reason}")
            return SKIP

    with tempfile.TemporaryDirectory(prefix="retort-example.") as workdir:
        database = None
        if args.database == "sqlite-memory":
            url = "sqlite://"
        elif args.database == "sqlite-file":
            url = "sqlite:///" + str(pathlib.Path(workdir) / "example.db")
        else:
            database = f"retort_example_{pathlib.Path(program).name}_{os.getpid()}".replace("-", "_")
            admin(server_url, "SET client_min_messages = warning",
                  f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)', f'CREATE DATABASE "{database}"')
            url = with_database(server_url, database)
        try:
            for number in range(1, args.runs + 1):
                run_once(program, url, workdir, args, number)
        finally:
            if database is not None:
                admin(server_url, "SET client_min_messages = warning",
                      f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    print(f"PASS: {pathlib.Path(program).name} on {args.database}, {args.runs} run(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
