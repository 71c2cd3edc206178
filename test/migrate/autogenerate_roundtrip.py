#!/usr/bin/env python3
"""Autogenerate, end to end, as a user does it:

    autogenerate_roundtrip.py --database sqlite-file|postgresql --init RETORT_MIGRATE
        --schema HEADER --compile ARG... --link ARG...

retort-migrate init makes a migrations folder; its main.cpp gets the zoo tables (HEADER);
the program is compiled (no revisions yet) and run against a database that holds a stale
table: `revision --autogenerate` writes a revision (creating the zoo tables, dropping the
stale one, marked DESTRUCTIVE with a console warning) and lists it in versions/meson.build.
The program is compiled again with the files that list names, `upgrade head` runs it and
`check` must then find nothing; `downgrade base` undoes it.
"""

import argparse
import os
import pathlib
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "examples"))
import run_example  # noqa: E402  (psql helpers, skip rule)


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def run(command, expect_code=0, cwd=None):
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600, cwd=cwd)
    print(result.stdout, end="")
    if result.stderr:
        print("--- stderr ---\n" + result.stderr, end="")
    if result.returncode != expect_code:
        fail(f"{command[0]} exited with {result.returncode}, expected {expect_code}")
    return result


def build(args, folder, program):
    listed = re.findall(r"'([^']+\.cpp)'", (folder / "versions" / "meson.build").read_text())
    sources = [str(folder / "main.cpp")] + [str(folder / "versions" / name) for name in listed]
    run(args.compile + sources + ["-o", str(program)] + args.link)
    return listed


# A database made before the zoo's current shape: a table since removed, and owners as it was
# (a wider login, a column since dropped, level an INTEGER, most columns not there yet).
OLD_SCHEMA = [
    'CREATE TABLE "stale" ("id" INTEGER)',
    'CREATE TABLE "owners" ("id" BIGINT NOT NULL PRIMARY KEY, "login" VARCHAR(80), "old" TEXT, "level" INTEGER)',
]


def old_schema(kind, url):
    if kind == "sqlite-file":
        with sqlite3.connect(url[len("sqlite:///"):]) as conn:
            for sql in OLD_SCHEMA:
                conn.execute(sql)
    else:
        command = [run_example.psql_program(), run_example.libpq_url(url), "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        for sql in OLD_SCHEMA:
            command += ["-c", sql]
        run(command)


def roundtrip(args, workdir, url):
    folder = workdir / "migrations"
    run([args.init, "init", str(folder)])
    for name in ("meson.build", "main.cpp", "versions/meson.build"):
        if not (folder / name).is_file():
            fail(f"init made no {name}")
    main = (folder / "main.cpp").read_text()
    main = main.replace('// #include "../src/schema.hpp"   // the project\'s table declarations',
                        f'#include "{args.schema}"')
    main = main.replace("retort::metadata{/* users, posts */}", "zoo_schema::zoo")
    (folder / "main.cpp").write_text(main)

    program = workdir / "migrate"
    if build(args, folder, program):
        fail("a fresh versions/meson.build lists revisions")
    old_schema(args.database, url)
    versions = ["--url", url, "--versions", str(folder / "versions")]
    generated = run([str(program)] + versions + ["revision", "--autogenerate", "-m", "create the zoo"])
    if "warning: destructive operation: drop table stale" not in generated.stderr:
        fail("no console warning for the destructive drop of table stale")
    listed = build(args, folder, program)
    if len(listed) != 1 or not re.fullmatch(r"[0-9a-f]{12}_create_the_zoo\.cpp", listed[0]):
        fail(f"versions/meson.build lists {listed}")
    text = (folder / "versions" / listed[0]).read_text()
    for needle in ["// DESTRUCTIVE: drop table stale", 'op.create_table({.name = "pets"', 'op.drop_table("stale");',
                   'op.drop_table("pets");', "// DESTRUCTIVE: drop column owners.old", 'op.drop_column("owners", "old");',
                   "// DESTRUCTIVE: alter column owners.login: type VARCHAR(80) -> VARCHAR(40) not null",
                   'op.alter_column("owners", "login", {.type = column_type{varchar<40>{}}, .nullable = false',
                   'op.add_column("owners", column_def{"score", double_precision{}}', 'op.create_unique_constraint("owners"',
                   'op.create_index("owners", {.name = "ix_owners_level"']:
        if needle not in text:
            fail(f"the revision file has no {needle!r}:\n{text}")
    run([str(program)] + versions + ["check"], expect_code=1)
    run([str(program)] + versions + ["upgrade", "head"])
    check = run([str(program)] + versions + ["check"])
    if "No new upgrade operations detected." not in check.stdout:
        fail("check did not pass after upgrade head")
    run([str(program)] + versions + ["downgrade", "base"])
    run([str(program)] + versions + ["check"], expect_code=1)  # not up to date any more


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, choices=["sqlite-file", "postgresql"])
    parser.add_argument("--init", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--compile", action="append", default=[])
    parser.add_argument("--link", action="append", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="retort-autogenerate.") as tmp:
        workdir = pathlib.Path(tmp)
        if args.database == "sqlite-file":
            roundtrip(args, workdir, "sqlite:///" + str(workdir / "app.db"))
        else:
            server_url = os.environ.get("RETORT_TEST_PG_URL", "")
            if not server_url:
                reason = "RETORT_TEST_PG_URL is not set (run the tests under scripts/with-postgres)"
                if os.environ.get("CI") == "true":
                    fail(reason + "; with CI=true a PostgreSQL test must not skip")
                print(f"SKIP: {reason}")
                return run_example.SKIP
            name = f"retort_autogenerate_{os.getpid()}"
            run_example.admin(server_url, "SET client_min_messages = warning",
                              f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
            try:
                roundtrip(args, workdir, run_example.with_database(server_url, name))
            finally:
                run_example.admin(server_url, "SET client_min_messages = warning",
                                  f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"PASS: autogenerate round trip on {args.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
