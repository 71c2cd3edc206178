#!/usr/bin/env python3
"""The `consumer` test: builds test/consumer against this retort source tree and runs it.

Copies the consumer project to a temporary directory, links its subprojects/retort to the
source root, configures it with the compiler of the current build (CXX), forcing the
subproject over any installed retort, builds it, runs the program and compares its output.

    check.py --source-root DIR --consumer DIR --expect TEXT -- COMPILER [ARGS...]
"""

import argparse
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile

BUILD_TIMEOUT_SECONDS = 840


def run(command, cwd, env, timeout=BUILD_TIMEOUT_SECONDS):
    print("$ " + shlex.join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, timeout=timeout)
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: {command[0]} exited with {result.returncode}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--consumer", required=True)
    parser.add_argument("--expect", required=True)
    parser.add_argument("compiler", nargs="+")
    args = parser.parse_args()

    meson = shutil.which("meson")
    if meson is None:
        raise SystemExit("FAIL: meson is not on PATH")
    env = dict(os.environ, CXX=shlex.join(args.compiler))
    with tempfile.TemporaryDirectory(prefix="retort-consumer.") as temp:
        project = pathlib.Path(temp) / "consumer"
        source = pathlib.Path(args.consumer)
        (project / "subprojects").mkdir(parents=True)
        for name in ("meson.build", "main.cpp", "subprojects/retort.wrap"):
            shutil.copy(source / name, project / name)
        (project / "subprojects" / "retort").symlink_to(pathlib.Path(args.source_root).resolve())

        run([meson, "setup", "build", "--wrap-mode=nodownload", "--force-fallback-for=retort"], project, env)
        run([meson, "compile", "-C", "build", "-j", "2"], project, env)
        output = run([str(project / "build" / "consumer")], project, env, timeout=60).strip()
    if output != args.expect:
        raise SystemExit(f"FAIL: the consumer printed {output!r}, expected {args.expect!r}")
    print(f"PASS: the consumer built with retort as a subproject and printed {output!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
