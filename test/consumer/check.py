#!/usr/bin/env python3
"""Consumer tests: a user's project built against this retort source tree the ways users take it.

    check.py MODE --source-root DIR --expect TEXT [options] -- COMPILER [ARGS...]

MODE is one of
  subproject     test/consumer as a Meson project with subprojects/retort linked to the source
                 root, dependency('retort'); its `meson install` must install the program and
                 nothing of retort.
  headers-only   the same with -Dheaders_only=true: dependency('retort-headers') with
                 executor=false. Configured with no pkg-config files at all, so that a lookup
                 of sqlite3, libpq or libpqxx would fail, and libretort must not be a target.
  git-wrap       headers-only, but retort comes through the shipped subprojects/retort.wrap
                 ([wrap-git]) with its url set to file://SOURCE-ROOT and its revision to the
                 source root's HEAD commit: Meson clones it (what is committed, not the working
                 tree).
  installed      retort built and installed into a temporary prefix (--build-dir: `meson install`
                 of that build; else configured here with --default-library), then used through
                 pkg-config (library and headers-only programs, compiled by hand) and through
                 CMake (test/cmake_consumer: retort::retort and retort::headers). retort.pc must
                 carry no -isystem and, when configured here, be the same after a reconfigure.

Each built program's whole output is compared with --expect (library programs) or
--expect-headers (headers-only programs).
"""

import argparse
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

BUILD_TIMEOUT_SECONDS = 840
CONSUMER_FILES = ("meson.build", "meson_options.txt", "main.cpp", "headers_only.cpp", "visits.hpp",
                  "subprojects/retort.wrap")
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Werror"]


def run(command, cwd, env, timeout=BUILD_TIMEOUT_SECONDS, show_output=True):
    print("$ " + shlex.join(str(part) for part in command), flush=True)
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    if show_output or result.returncode != 0:
        print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: {command[0]} exited with {result.returncode}")
    return result.stdout


def tool(name):
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"FAIL: {name} is not on PATH")
    return path


def expect_output(program, expected, env, what):
    output = run([program], program.parent, env, timeout=60).strip()
    if output != expected:
        raise SystemExit(f"FAIL: {what} printed {output!r}, expected {expected!r}")
    print(f"PASS: {what}")


def copy_consumer(source, project):
    (project / "subprojects").mkdir(parents=True)
    for name in CONSUMER_FILES:
        shutil.copy(source / name, project / name)


def installed_files_of_retort(destdir):
    return sorted(str(path.relative_to(destdir)) for path in destdir.rglob("*")
                  if "retort" in str(path.relative_to(destdir)) and not path.is_dir())


def check_install_leaves_retort_out(meson, project, env, temp):
    """The consumer's `meson install` installs its program and nothing of retort."""
    destdir = pathlib.Path(temp) / "consumer-install"
    run([meson, "install", "-C", "build", "--destdir", destdir], project, env)
    programs = [path for path in destdir.rglob("consumer") if path.is_file()]
    if not programs:
        raise SystemExit("FAIL: the consumer's install did not install its program")
    leaked = installed_files_of_retort(destdir)
    if leaked:
        raise SystemExit(f"FAIL: installing the consumer installed retort's files: {leaked}")
    print("PASS: the consumer's install holds its program and nothing of retort")


def meson_consumer(args, env, temp):
    meson = tool("meson")
    project = pathlib.Path(temp) / "consumer"
    copy_consumer(pathlib.Path(args.consumer), project)
    setup = [meson, "setup", "build", "--force-fallback-for=retort"]
    source_root = pathlib.Path(args.source_root).resolve()
    if args.mode == "git-wrap":
        commit = run(["git", "-C", source_root, "rev-parse", "HEAD"], temp, env).strip()
        wrap = project / "subprojects" / "retort.wrap"
        text = wrap.read_text()
        for key, value in (("url", source_root.as_uri()), ("revision", commit)):
            text, count = re.subn(rf"^{key} = .*$", f"{key} = {value}", text, flags=re.M)
            if count != 1:
                raise SystemExit(f"FAIL: the shipped retort.wrap has no single `{key} =` line")
        wrap.write_text(text)
    else:
        (project / "subprojects" / "retort").symlink_to(source_root)
        setup.append("--wrap-mode=nodownload")
    if args.mode in ("headers-only", "git-wrap"):
        setup.append("-Dheaders_only=true")
        # No .pc file can be found: configuring fails if retort looks for its drivers.
        empty = pathlib.Path(temp) / "no-pkgconfig"
        empty.mkdir()
        env = dict(env, PKG_CONFIG_LIBDIR=str(empty), PKG_CONFIG_PATH="")
    run(setup, project, env)
    if args.mode in ("headers-only", "git-wrap"):
        targets = run([meson, "introspect", "--targets", "build"], project, env, show_output=False)
        if re.search(r'"name": "retort"', targets):
            raise SystemExit("FAIL: a headers-only consumer has libretort among its build targets")
    run([meson, "compile", "-C", "build", "-j", "2"], project, env)
    if args.mode != "subproject":
        built = [path.name for path in (project / "build").rglob("libretort*")]
        if built:
            raise SystemExit(f"FAIL: a headers-only consumer built {built}")
    expected = args.expect if args.mode == "subproject" else args.expect_headers
    expect_output(project / "build" / "consumer", expected, env, f"the {args.mode} consumer")
    check_install_leaves_retort_out(meson, project, env, temp)


def find_one(root, name):
    found = sorted(root.rglob(name))
    if len(found) != 1:
        raise SystemExit(f"FAIL: expected one installed {name}, found {[str(p) for p in found]}")
    return found[0]


def installed(args, env, temp):
    """Install retort into a temporary prefix and build the pkg-config and CMake consumers."""
    meson = tool("meson")
    temp = pathlib.Path(temp)
    source_root = pathlib.Path(args.source_root).resolve()
    destdir = None
    if args.build_dir:
        # The build under test, installed as it is (nothing is rebuilt) below a DESTDIR.
        prefix = temp / "destdir"
        run([meson, "install", "-C", args.build_dir, "--no-rebuild", "--destdir", prefix], temp, env)
        destdir = prefix
    else:
        prefix = temp / "prefix"
        build = temp / "retort-build"
        run([meson, "setup", build, source_root, f"--prefix={prefix}", f"-Ddefault_library={args.default_library}",
             "-Dbuildtype=plain", "-Dtests=false", "-Dexamples=false", "-Dbench=false"], temp, env)
        first_pc = (build / "meson-private" / "retort.pc").read_text()
        run([meson, "setup", "--reconfigure", build, source_root], temp, env)
        if (build / "meson-private" / "retort.pc").read_text() != first_pc:
            raise SystemExit("FAIL: retort.pc differs between two configures of the same build")
        print("PASS: retort.pc is the same after a reconfigure")
        run([meson, "compile", "-C", build, "-j", "2"], temp, env)
        run([meson, "install", "-C", build, "--quiet"], temp, env)

    pc_file = find_one(prefix, "retort.pc")
    find_one(prefix, "retortConfig.cmake")
    find_one(prefix, "retortConfigVersion.cmake")
    version_header = find_one(prefix, "version.hpp")
    if "@" in version_header.read_text():
        raise SystemExit(f"FAIL: the installed {version_header.name} has an unreplaced @VARIABLE@")
    libraries = [path for path in prefix.rglob("libretort*") if not path.is_dir()]
    print("installed libraries: " + ", ".join(sorted(path.name for path in libraries)))
    if args.default_library != "static" and not any(path.name == "libretort.so.0" for path in libraries):
        raise SystemExit("FAIL: no libretort.so.0 (the SONAME) was installed")
    library_dir = pc_file.parent.parent
    run_env = dict(env, LD_LIBRARY_PATH=os.pathsep.join(filter(None, [str(library_dir), env.get("LD_LIBRARY_PATH")])))

    # pkg-config: the flags of retort.pc, compiler and link line by hand.
    install_prefix = re.search(r"^prefix=(.*)$", pc_file.read_text(), flags=re.M).group(1)
    if destdir:
        install_prefix = str(destdir) + install_prefix
        # Installed below a DESTDIR: a copy of retort.pc whose prefix says where it now is
        # (PKG_CONFIG_SYSROOT_DIR would move the system packages' paths as well).
        relocated = temp / "pkgconfig"
        relocated.mkdir()
        text = pc_file.read_text()
        text = re.sub(r"^prefix=.*$", lambda m: "prefix=" + install_prefix, text, count=1, flags=re.M)
        (relocated / "retort.pc").write_text(text)
        pkg_env = dict(env, PKG_CONFIG_PATH=str(relocated))
    else:
        pkg_env = dict(env, PKG_CONFIG_PATH=str(pc_file.parent))
    pkg_config = tool("pkg-config")
    cflags = shlex.split(run([pkg_config, "--cflags", "retort"], temp, pkg_env))
    libs = shlex.split(run([pkg_config, "--libs", "retort"], temp, pkg_env))
    if any(flag.startswith("-isystem") for flag in cflags):
        raise SystemExit(f"FAIL: retort.pc gives -isystem flags, which hide the C library's headers: {cflags}")
    consumer = pathlib.Path(args.consumer).resolve()
    for source, extra, expected, what in (
            ("main.cpp", libs, args.expect, "the pkg-config consumer (library)"),
            ("headers_only.cpp", [], args.expect_headers, "the pkg-config consumer (headers only)")):
        program = temp / f"pkg-config-{pathlib.Path(source).stem}"
        run(args.compiler + ["-std=c++20"] + WARNINGS + cflags + [consumer / source, "-o", program] + extra,
            temp, env)
        expect_output(program, expected, run_env, what)

    # CMake: find_package(retort) from the installed config.
    cmake = tool("cmake")
    cmake_build = temp / "cmake-build"
    cmake_env = dict(env, CXX=shlex.join(args.compiler))
    run([cmake, "-S", pathlib.Path(args.cmake_consumer).resolve(), "-B", cmake_build, f"-DCMAKE_PREFIX_PATH={install_prefix}",
         f"-DCONSUMER_DIR={consumer}", "-DCMAKE_BUILD_TYPE=Release"], temp, cmake_env)
    run([cmake, "--build", cmake_build, "-j", "2"], temp, cmake_env)
    expect_output(cmake_build / "consumer", args.expect, run_env, "the CMake consumer (retort::retort)")
    expect_output(cmake_build / "headers_only", args.expect_headers, run_env,
                  "the CMake consumer (retort::headers)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["subproject", "headers-only", "git-wrap", "installed"])
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--consumer", required=True, help="test/consumer")
    parser.add_argument("--cmake-consumer", help="test/cmake_consumer (installed)")
    parser.add_argument("--build-dir", help="install this build (installed); else configure one here")
    parser.add_argument("--default-library", default="shared", choices=["shared", "static", "both"])
    parser.add_argument("--expect", required=True, help="the whole output of main.cpp")
    parser.add_argument("--expect-headers", required=True, help="the whole output of headers_only.cpp")
    parser.add_argument("compiler", nargs="+")
    args = parser.parse_args()
    if args.mode == "git-wrap" and not (pathlib.Path(args.source_root) / ".git").exists():
        if os.environ.get("CI") == "true":
            raise SystemExit("FAIL: the source root is not a git checkout; the git-wrap consumer clones it")
        print("SKIP: the source root is not a git checkout; the git-wrap consumer clones it")
        return 77
    if args.mode == "installed" and not args.cmake_consumer:
        parser.error("installed needs --cmake-consumer")

    env = dict(os.environ, CXX=shlex.join(args.compiler))
    with tempfile.TemporaryDirectory(prefix=f"retort-{args.mode}.") as temp:
        if args.mode == "installed":
            installed(args, env, temp)
        else:
            meson_consumer(args, env, temp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
