#!/usr/bin/env python3
"""check-layers.py [--root DIR] [--self-test]: fails when an #include points up the layers.

The floors, lowest first (docs/architecture.md says what each holds):

    core -> render -> schema -> driver -> check -> expr -> stmt -> result -> engine -> {migrate, async}

A header in include/retort/<floor>/ may include headers of its own floor and of the floors
to its left, nothing else; migrate and async stand side by side and never include each
other. version.hpp is part of core; dsl.hpp (the header-only DSL) may include up to result;
retort.hpp (everything) may include any floor. In lib/, files directly in lib/ implement
the engine, lib/migrate/ and lib/async/ their floors. No header in include/ may include a
driver's own header (sqlite3.h, libpq-fe.h, pqxx): the headers stay driver-free.

Prints one line per fault (file:line: what and why) and exits 1 when there is any.
"""
import argparse
import os
import re
import sys
import tempfile

FLOORS = ["core", "render", "schema", "driver", "check", "expr", "stmt", "result", "engine", "migrate", "async"]
# Floors that stand side by side: neither may include the other.
SIBLINGS = {frozenset(("migrate", "async"))}
# Top-level headers of include/retort/ and the highest floor each may include.
TOP_LEVEL = {"version.hpp": "core", "dsl.hpp": "result", "retort.hpp": "everything"}
UMBRELLAS = ("dsl.hpp", "retort.hpp")
DRIVER_HEADERS = re.compile(r"^(sqlite3\.h|sqlite3ext\.h|libpq-fe\.h|libpq/|pqxx/|pg_config)")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
SOURCE_SUFFIXES = (".hpp", ".h", ".cpp", ".ipp")


def rank(floor):
    return FLOORS.index(floor) if floor in FLOORS else None


def may_include(own, other):
    if own == "everything":
        return True
    return frozenset((own, other)) not in SIBLINGS and rank(other) <= rank(own)


def header_floor(relative):
    """The floor of include/retort/<relative>, or None for an unknown place."""
    parts = relative.split("/")
    if len(parts) == 1:
        return TOP_LEVEL.get(parts[0])
    return parts[0] if parts[0] in FLOORS else None


def lib_floor(relative):
    """The floor a file of lib/<relative> implements."""
    parts = relative.split("/")
    if len(parts) > 1 and parts[0] in ("migrate", "async"):
        return parts[0]
    return "engine"


def includes_of(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if m:
                yield number, m.group(1), m.group(2)


def check_tree(root):
    faults = []
    include_root = os.path.join(root, "include", "retort")
    lib_root = os.path.join(root, "lib")

    def source_files(top):
        for directory, _, names in os.walk(top):
            for name in sorted(names):
                if name.endswith(SOURCE_SUFFIXES):
                    path = os.path.join(directory, name)
                    yield path, os.path.relpath(path, top).replace(os.sep, "/")

    def check_retort_include(where, number, own, target, own_label):
        if target in UMBRELLAS:
            # An umbrella is above every floor: only retort.hpp takes one (dsl.hpp).
            if own != "everything":
                faults.append(f"{where}:{number}: {own_label} includes the umbrella <retort/{target}>; "
                              "include the headers it needs")
            return
        floor = header_floor(target)
        if floor is None:
            faults.append(f"{where}:{number}: <retort/{target}> is not on any floor "
                          f"(put it in one of {', '.join(FLOORS)})")
            return
        if not may_include(own, floor):
            faults.append(f"{where}:{number}: {own_label} is on floor '{own}' and includes "
                          f"<retort/{target}> from floor '{floor}', which is not below it")

    if os.path.isdir(include_root):
        for path, relative in source_files(include_root):
            where = os.path.relpath(path, root)
            own = header_floor(relative)
            if own is None:
                faults.append(f"{where}:1: not on any floor (include/retort/<floor>/, floors: {', '.join(FLOORS)})")
                continue
            for number, kind, target in includes_of(path):
                if DRIVER_HEADERS.match(target):
                    faults.append(f"{where}:{number}: includes the driver header <{target}>; "
                                  "headers stay driver-free (lib/ talks to drivers)")
                elif kind == "<" and target.startswith("retort/"):
                    check_retort_include(where, number, own, target[len("retort/"):], "include/retort/" + relative)
                elif kind == '"':
                    faults.append(f"{where}:{number}: \"{target}\": include retort headers as <retort/...>")

    if os.path.isdir(lib_root):
        for path, relative in source_files(lib_root):
            where = os.path.relpath(path, root)
            own = lib_floor(relative)
            for number, kind, target in includes_of(path):
                if kind == "<" and target.startswith("retort/"):
                    check_retort_include(where, number, own, target[len("retort/"):], "lib/" + relative)
                elif kind == '"':
                    resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
                    if os.path.commonpath([resolved, lib_root]) != lib_root:
                        continue
                    other = lib_floor(os.path.relpath(resolved, lib_root).replace(os.sep, "/"))
                    if not may_include(own, other):
                        faults.append(f"{where}:{number}: lib/{relative} implements floor '{own}' and includes "
                                      f"\"{target}\" of floor '{other}', which is not below it")
    return faults


def self_test():
    """The checker itself: a tree with known faults must give exactly those faults."""
    files = {
        "include/retort/core/ok.hpp": "#include <retort/core/other.hpp>\n",
        "include/retort/schema/up.hpp": "#include <retort/stmt/select.hpp>\n",
        "include/retort/expr/down.hpp": "#include <retort/schema/table.hpp>\n#include <retort/core/ok.hpp>\n",
        "include/retort/render/driver_header.hpp": "#include <libpq-fe.h>\n",
        "include/retort/migrate/sibling.hpp": "#include <retort/async/engine.hpp>\n",
        "include/retort/async/engine_ok.hpp": "#include <retort/engine/engine.hpp>\n",
        "include/retort/nowhere/x.hpp": "\n",
        "include/retort/dsl.hpp": "#include <retort/engine/engine.hpp>\n",
        "lib/engine.cpp": "#include <retort/migrate/op.hpp>\n#include \"pool.hpp\"\n",
        "lib/pool.hpp": "#include <sqlite3.h>\n",
        "lib/migrate/run.cpp": "#include \"../pool.hpp\"\n#include <retort/migrate/op.hpp>\n",
        "lib/async/pool.cpp": "#include \"../migrate/run.hpp\"\n",
    }
    expected = [
        "include/retort/dsl.hpp:1: include/retort/dsl.hpp is on floor 'result' and includes <retort/engine/engine.hpp>",
        "include/retort/migrate/sibling.hpp:1: include/retort/migrate/sibling.hpp is on floor 'migrate' and includes "
        "<retort/async/engine.hpp>",
        "include/retort/nowhere/x.hpp:1: not on any floor",
        "include/retort/render/driver_header.hpp:1: includes the driver header <libpq-fe.h>",
        "include/retort/schema/up.hpp:1: include/retort/schema/up.hpp is on floor 'schema' and includes "
        "<retort/stmt/select.hpp>",
        "lib/async/pool.cpp:1: lib/async/pool.cpp implements floor 'async' and includes \"../migrate/run.hpp\"",
        "lib/engine.cpp:1: lib/engine.cpp is on floor 'engine' and includes <retort/migrate/op.hpp>",
    ]
    with tempfile.TemporaryDirectory() as root:
        for relative, text in files.items():
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        faults = sorted(check_tree(root))
    ok = len(faults) == len(expected) and all(f.startswith(e) for f, e in zip(faults, expected))
    if not ok:
        print("check-layers self-test: expected faults starting with:", *expected, "got:", *faults, sep="\n  ")
        return 1
    print(f"check-layers self-test: {len(expected)} planted faults found, nothing else")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("--self-test", action="store_true", help="check the checker on a planted tree")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    faults = check_tree(os.path.abspath(args.root))
    for fault in faults:
        print(fault)
    if faults:
        print(f"check-layers: {len(faults)} include(s) against the layers (docs/architecture.md)")
        return 1
    print("check-layers: every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
