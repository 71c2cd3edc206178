#!/usr/bin/env python3
"""Compile-fail test runner.

A case is a C++ file that must NOT compile. It names what the compiler has to say with one or
more lines

    // expect: <text>

and passes only when compiling it fails, the first <text> is on the compiler's FIRST error
line (g++ and clang print the rule's sentence there, not the failed condition), every other
<text> appears in the output, and the mistake gives at most MAX_ERRORS error lines and
MAX_OUTPUT_LINES lines in all (one mistake, one error: a broken rule must not cascade).

Cases are compiled exactly like code in this build that uses retort's headers: the command is
the one Meson wrote into compile_commands.json for probe.cpp (same compiler, -std=c++20,
include/ and Boost's include directory, warnings, sanitizer flags), with -Werror removed (a
warning is no failure) and -fsyntax-only in place of object output.

    run_case.py --compile-commands FILE --probe FILE CASE.cpp
    run_case.py --check-listed DIR REGISTERED.cpp...   (every case in DIR is registered)
"""

import argparse
import json
import os
import pathlib
import shlex
import subprocess
import sys

EXPECT_PREFIX = "// expect:"
TIMEOUT_SECONDS = 300
MAX_ERRORS = 2
# clang prints an instantiation note per template level with the whole statement type in it: a
# derived table's rule takes 65 lines there, still one error and the rule's sentence first.
MAX_OUTPUT_LINES = 80


def probe_command(compile_commands, probe):
    probe = pathlib.Path(probe).resolve()
    with open(compile_commands, encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        directory = pathlib.Path(entry["directory"])
        if (directory / entry["file"]).resolve() != probe:
            continue
        args = entry.get("arguments") or shlex.split(entry["command"])
        return directory, strip_output_flags(args, entry["file"])
    raise SystemExit(f"compile_fail: no entry for {probe} in {compile_commands}")


def strip_output_flags(args, source):
    """The probe's compile command without its source, object and dependency-file output."""
    kept = []
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        if arg in ("-o", "-MQ", "-MF", "-MT"):
            skip_next = True
            continue
        if arg in ("-c", "-MD", "-MMD", source) or arg == "-Werror" or arg.startswith("-Werror="):
            continue
        if arg.startswith("-fdiagnostics-color"):
            continue
        kept.append(arg)
    return kept + ["-fdiagnostics-color=never", "-fsyntax-only"]


def expectations(case):
    found = []
    with open(case, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith(EXPECT_PREFIX):
                text = line[len(EXPECT_PREFIX):].strip()
                if text:
                    found.append(text)
    return found


def run_case(args):
    case = pathlib.Path(args.case).resolve()
    expected = expectations(case)
    if not expected:
        print(f"FAIL {case.name}: no '{EXPECT_PREFIX} <message>' line says which error is expected")
        return 1
    directory, command = probe_command(args.compile_commands, args.probe)
    command = command + [str(case)]
    # Plain ASCII quotes in diagnostics, whatever the user's locale.
    env = dict(os.environ, LC_ALL="C", LANG="C")
    try:
        result = subprocess.run(command, cwd=directory, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        print(f"FAIL {case.name}: the compiler took more than {TIMEOUT_SECONDS} s")
        return 1
    output = result.stdout
    if result.returncode == 0:
        print(f"FAIL {case.name}: compiled, but must fail with: {expected[0]}")
        print("command: " + shlex.join(command))
        return 1
    missing = [text for text in expected if text not in output]
    if missing:
        print(f"FAIL {case.name}: did not compile, but the diagnostics lack: {missing[0]}")
        print("command: " + shlex.join(command))
        print("---- compiler output (first 60 lines) ----")
        print("\n".join(output.splitlines()[:60]))
        return 1
    lines = output.splitlines()
    errors = [line for line in lines if is_error_line(line)]
    if not errors or expected[0] not in errors[0]:
        print(f"FAIL {case.name}: the first error line does not say: {expected[0]}")
        print("first error line: " + (errors[0] if errors else "(none)"))
        print("command: " + shlex.join(command))
        return 1
    if len(errors) > MAX_ERRORS or len(lines) > MAX_OUTPUT_LINES:
        print(f"FAIL {case.name}: one mistake gave {len(errors)} error lines and {len(lines)} lines of output "
              f"(at most {MAX_ERRORS} and {MAX_OUTPUT_LINES})")
        print("command: " + shlex.join(command))
        print("---- compiler output (first 60 lines) ----")
        print("\n".join(lines[:60]))
        return 1
    print(f"PASS {case.name}: fails to compile with: " + "; ".join(expected) +
          f" ({len(errors)} error lines, {len(lines)} lines)")
    return 0


def is_error_line(line):
    """A compiler's error diagnostic (g++: 'file:1:2: error: ...', clang also 'fatal error:')."""
    return ": error: " in line or ": fatal error: " in line or line.startswith("error: ")


def check_listed(args):
    root = pathlib.Path(args.check_listed).resolve()
    registered = {pathlib.Path(p).resolve() for p in args.registered}
    present = {p.resolve() for p in root.rglob("*.cpp") if p.name != "probe.cpp"}
    unregistered = sorted(present - registered)
    for path in unregistered:
        print(f"FAIL {path.relative_to(root)} is a case but not listed in test/compile_fail/meson.build")
    gone = sorted(registered - present)
    for path in gone:
        print(f"FAIL {path} is listed but does not exist")
    if not unregistered and not gone:
        print(f"PASS all {len(present)} cases are registered")
    return 1 if unregistered or gone else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compile-commands")
    parser.add_argument("--probe")
    parser.add_argument("--check-listed", metavar="DIR")
    parser.add_argument("case", nargs="?")
    parser.add_argument("registered", nargs="*")
    args = parser.parse_args()
    if args.check_listed:
        if args.case:
            args.registered = [args.case] + args.registered
        return check_listed(args)
    if not (args.compile_commands and args.probe and args.case):
        parser.error("--compile-commands, --probe and a case are required")
    return run_case(args)


if __name__ == "__main__":
    sys.exit(main())
