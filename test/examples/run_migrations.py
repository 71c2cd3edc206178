#!/usr/bin/env python3
"""Runs the seed's migration program (examples/migrations, seed-migrate) through Alembic's
everyday flow on one database and checks each step:

    run_migrations.py --database sqlite-file|postgresql -- SEED_MIGRATE

upgrade +1, rows inserted, upgrade head (the rows get the new column's server default),
current prints the head id with (head), history lists both revisions, the rows survive
downgrade -1 and upgrade head, check exits 0 at head (and 1 one revision behind), upgrade
head --sql prints CREATE TABLE "users" and changes nothing, downgrade base leaves only the
version table. With --concurrent (PostgreSQL), two processes run upgrade head at once and
each revision must be applied exactly once. PostgreSQL runs use a fresh database on RETORT_TEST_PG_URL's server.
"""

import argparse
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import time

import run_example  # the psql helpers and the skip rule of the example runs

FIRST = "4a1d7c2e9b30"
HEAD = "9e3b5f0a6c18"


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


class database:
    def __init__(self, kind, url):
        self.kind, self.url = kind, url

    def query(self, sql):
        """The rows of `sql`, each a tuple of text."""
        if self.kind == "sqlite-file":
            path = self.url[len("sqlite:///"):]
            with sqlite3.connect(path) as conn:
                return [tuple("" if v is None else str(v) for v in row) for row in conn.execute(sql)]
        result = subprocess.run([run_example.psql_program(), run_example.libpq_url(self.url), "-X", "-q", "-At",
                                 "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        if result.returncode != 0:
            fail(f"psql failed on {sql}:\n{result.stdout}")
        return [tuple(line.split("|")) for line in result.stdout.splitlines() if line]

    def execute(self, sql):
        if self.kind == "sqlite-file":
            path = self.url[len("sqlite:///"):]
            with sqlite3.connect(path) as conn:
                conn.execute(sql)
            return
        self.query(sql)

    def tables(self):
        if self.kind == "sqlite-file":
            return sorted(r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table'"))
        return sorted(r[0] for r in self.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))


def migrate(program, db, *args, exit_code=0):
    command = [program, "--url", db.url, *args]
    print("$ seed-migrate " + " ".join(args), flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    print(result.stdout, end="")
    if result.stderr:
        print("--- stderr ---\n" + result.stderr, end="")
    if result.returncode != exit_code:
        fail(f"seed-migrate {' '.join(args)} exited with {result.returncode}, expected {exit_code}")
    return result.stdout


def expect(condition, what):
    if not condition:
        fail(what)
    print(f"ok: {what}", flush=True)


def flow(program, db):
    migrate(program, db, "upgrade", "+1")
    expect(db.query('SELECT "version_num" FROM "retort_version"') == [(FIRST,)], "revision 1 applied")
    db.execute("INSERT INTO \"users\" (\"id\", \"username\", \"email\", \"age\") VALUES (1, 'john_doe', 'john@example.com', 30)")
    db.execute("INSERT INTO \"posts\" (\"id\", \"title\", \"content\", \"user_id\") VALUES (1, 'Hello', 'first post', 1)")
    migrate(program, db, "upgrade", "head")
    rows = db.query('SELECT "username", "status" FROM "users"')
    expect(rows == [("john_doe", "active")], "the existing row got the server default")
    expect(migrate(program, db, "current") == f"{HEAD} (head)\n", "current prints the head id with (head)")
    history = migrate(program, db, "history").splitlines()
    expect(history == [f"{FIRST} -> {HEAD} (head), add user status", f"<base> -> {FIRST}, create users and posts"],
           "history lists both revisions")
    migrate(program, db, "check")
    migrate(program, db, "downgrade", "-1")
    expect(migrate(program, db, "current") == f"{FIRST}\n", "downgrade -1 went back to revision 1")
    expect(db.query('SELECT "username", "email", "age" FROM "users"') == [("john_doe", "john@example.com", "30")],
           "the user survived downgrade -1")
    expect(db.query('SELECT "title", "user_id" FROM "posts"') == [("Hello", "1")], "the post survived downgrade -1")
    migrate(program, db, "check", exit_code=1)
    migrate(program, db, "upgrade", "head")
    expect(db.query('SELECT "username", "status" FROM "users"') == [("john_doe", "active")],
           "the user survived upgrade head again")
    expect(db.query('SELECT count(*) FROM "posts"') == [("1",)], "the post survived upgrade head again")
    migrate(program, db, "check")
    sql = migrate(program, db, "upgrade", "head", "--sql")
    expect('CREATE TABLE "users"' in sql, "upgrade head --sql prints CREATE TABLE for users")
    expect(migrate(program, db, "current") == f"{HEAD} (head)\n", "--sql touched nothing")
    migrate(program, db, "downgrade", "base")
    expect(db.tables() == ["retort_version"], "downgrade base leaves only the version table")
    expect(db.query('SELECT count(*) FROM "retort_version"') == [("0",)], "and no version row")


# command.cpp's pg_advisory_lock key
ADVISORY_LOCK_KEY = 125780064039028


def concurrent_upgrades(program, db):
    """Two processes run upgrade head at once: the test holds the migrations' advisory lock
    until both are seen waiting for it, then lets go; each revision must run exactly once."""
    holder = subprocess.Popen([run_example.psql_program(), run_example.libpq_url(db.url), "-X", "-q", "-At"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    holder.stdin.write(f"SELECT 'locked', pg_advisory_lock({ADVISORY_LOCK_KEY});\n")
    holder.stdin.flush()
    if not holder.stdout.readline().startswith("locked"):
        fail("could not take the advisory lock")
    command = [program, "--url", db.url, "upgrade", "head"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    for _ in range(1200):  # up to about a minute: both processes reach the lock
        if db.query(waiting) == [("2",)]:
            break
        if any(r.poll() is not None for r in runs):
            fail("an upgrade finished while the lock was held")
        time.sleep(0.05)
    else:
        fail("the two upgrades were never both waiting for the lock")
    print("ok: both upgrades wait for the advisory lock", flush=True)
    holder.stdin.write(f"SELECT pg_advisory_unlock({ADVISORY_LOCK_KEY});\n\\q\n")
    holder.stdin.flush()
    holder.wait(timeout=60)
    outputs = []
    for r in runs:
        out, err = r.communicate(timeout=120)
        print(out + err, end="")
        if r.returncode != 0:
            fail(f"a concurrent upgrade exited with {r.returncode}")
        outputs.append(out)
    both = "".join(outputs)
    expect(both.count(f"Running upgrade  -> {FIRST}") == 1 and both.count(f"-> {HEAD},") == 1,
           "each revision ran exactly once")
    expect(sorted(o == "" for o in outputs) == [False, True], "the second process found nothing to do")
    expect(db.query('SELECT "version_num" FROM "retort_version"') == [(HEAD,)], "the database is at head")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True, choices=["sqlite-file", "postgresql"])
    parser.add_argument("--concurrent", action="store_true", help="two upgrades at once (PostgreSQL)")
    parser.add_argument("program")
    args = parser.parse_args()
    program = str(pathlib.Path(args.program).resolve())
    with tempfile.TemporaryDirectory(prefix="retort-migrations.") as workdir:
        if args.database == "sqlite-file":
            flow(program, database(args.database, "sqlite:///" + str(pathlib.Path(workdir) / "app.db")))
        else:
            server_url = os.environ.get("RETORT_TEST_PG_URL", "")
            if not server_url:
                reason = "RETORT_TEST_PG_URL is not set (run the tests under scripts/with-postgres)"
                if os.environ.get("CI") == "true":
                    fail(reason + "; with CI=true a PostgreSQL test must not skip")
                print(f"SKIP: {reason}")
                return run_example.SKIP
            name = f"retort_migrations_{os.getpid()}"
            run_example.admin(server_url, "SET client_min_messages = warning",
                              f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
            try:
                db = database(args.database, run_example.with_database(server_url, name))
                concurrent_upgrades(program, db) if args.concurrent else flow(program, db)
            finally:
                run_example.admin(server_url, "SET client_min_messages = warning",
                                  f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"PASS: seed-migrate on {args.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
