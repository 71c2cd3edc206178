#!/usr/bin/env python3
"""The `docs` test: every C++ block of README.md and docs/*.md compiles, and every error it
shows is the compiler's.

    check_docs.py --source-root DIR [-I DIR]... [--only FILE.md]... [--self-test] -- COMPILER [ARGS...]

How a block is read (```cpp fences; other languages are not C++ and are left alone):
  - A block with an `#include` is a program: its includes, declarations and statements are
    compiled as they stand. Any other block is a fragment, compiled in the company of the
    blocks above it in the same file and of test/docs/context.hpp: the shared tables (users,
    posts, votes, tags, employees, jobs, messages; a file that declares its own uses those) and
    the objects fragments take for granted (engine, conn, tx, ...).
  - Declarations (struct, class, using, constexpr, static_assert, functions...) go to
    namespace scope, where the blocks below see them; statements go into one function per
    block, so each block may declare its own `conn`. An expression shown without its `;`
    (`select(...)` followed by the SQL it renders) is compiled as a statement.
  - A statement followed by a comment `// error: MESSAGE` must fail to compile with MESSAGE
    (the static_assert text: anything after "static assertion failed: " is what is matched),
    reported at that statement's line. It is left out of the block's compile and compiled
    apart, with the other erroneous statements of its file.
  - `<!-- docs: synopsis -->` on the line before a fence marks a block that shows a signature
    and is not compiled (it would redeclare the library's own function).

One translation unit per file (plus one for its errors), compiled with -fsyntax-only, two at
a time. Diagnostics point at the Markdown file and line (#line directives).
"""

import argparse
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(\s*)```\s*([^\s`]*)")
CPP_LANGUAGES = {"cpp", "c++", "cxx"}
MARKER = re.compile(r"<!--\s*docs:\s*(\w[\w-]*)\s*-->")
ERROR_COMMENT = re.compile(r"^\s*//\s*error:\s*(.*)$")
NAMESPACE_SCOPE = re.compile(
    r"^(struct|class|union|enum|template|namespace|inline|constexpr|consteval|typedef|using|static_assert|extern)\b")
FUNCTION_DEFINITION = re.compile(
    r"^(?!(?:for|if|while|switch|return|try|do|else|catch|co_return|throw|delete)\b)"
    r"[\w:<>,]+(?:[\s*&]+[\w:<>,]+)*[\s*&]+[\w:~]+\s*\([^;]*\)\s*(?:const\s*)?(?:noexcept\s*)?(?:->\s*[\w:<>]+\s*)?\{?\s*$")
CONTINUATION = re.compile(r"^(\.|\)|\]|\}|,|->|<<|>>|\+|-|\*|/|&&|\|\||\?|:|catch\b|else\b|while\b)")
COMPILE_TIMEOUT_SECONDS = 600


class Block:
    def __init__(self, path, line, lines, marker):
        self.path = path          # relative to the source root
        self.line = line          # 1-based line of the first body line
        self.lines = lines        # body lines, fence indentation removed
        self.marker = marker      # text of a <!-- docs: ... --> marker, or None
        self.is_program = any(re.match(r"^\s*#\s*include\b", text) for text in lines)


class Item:
    """One top-level declaration or statement of a block."""

    def __init__(self, first_line):
        self.first_line = first_line
        self.lines = []           # (markdown line, text)
        self.error = None         # expected message when the item must not compile

    def code(self):
        return "\n".join(text for _, text in self.lines)

    def first_code(self):
        for _, text in self.lines:
            stripped = strip_comment(text).strip()
            if stripped:
                return stripped
        return ""


def extract_blocks(path, relative):
    blocks = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, language = m.group(1), m.group(2).lower()
        marker = None
        if i > 0:
            mm = MARKER.search(lines[i - 1])
            marker = mm.group(1) if mm else None
        body = []
        j = i + 1
        while j < len(lines) and not re.match(r"^\s*```\s*$", lines[j]):
            text = lines[j]
            body.append(text[len(indent):] if text.startswith(indent) else text.lstrip())
            j += 1
        if j == len(lines):
            raise SystemExit(f"{relative}:{i + 1}: a code block that is never closed")
        if language in CPP_LANGUAGES:
            blocks.append(Block(relative, i + 2, body, marker))
        i = j + 1
    return blocks


def strip_comment(text):
    """The line without a trailing // comment (outside string and character literals)."""
    out, i, quote = [], 0, None
    while i < len(text):
        c = text[i]
        if quote:
            out.append(c)
            if c == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            # R"(...)" raw strings on one line: copied whole.
            raw = re.match(r'R"([^(\s]*)\((.*?)\)\1"', text[i - 1:] if i and text[i - 1] == "R" else "")
            if raw:
                out.append(raw.group(0)[1:])
                i += len(raw.group(0)) - 1
                continue
            quote = c
            out.append(c)
        elif text.startswith("//", i):
            break
        else:
            out.append(c)
        i += 1
    return "".join(out)


def depth_change(code):
    """Bracket depth change of a line of code (literals skipped, // comments already gone)."""
    depth, quote, i = 0, None, 0
    while i < len(code):
        c = code[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            # a digit separator (1'000) is not a quote
            if c == "'" and i and code[i - 1].isalnum() and i + 1 < len(code) and code[i + 1].isalnum() \
                    and not re.search(r"[uUL8]$", code[:i]):
                pass
            else:
                quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1
    return depth


def split_items(block):
    """The block's top-level items, each with its Markdown lines."""
    items, current, depth = [], None, 0
    for offset, text in enumerate(block.lines):
        number = block.line + offset
        code = strip_comment(text).rstrip()
        error = ERROR_COMMENT.match(text)
        if depth == 0 and error:
            target = current if current is not None and current.first_code() else (items[-1] if items else None)
            if target is None:
                raise SystemExit(f"{block.path}:{number}: `// error:` with no statement above it")
            target.error = error.group(1).strip()
            target.lines.append((number, text))
            continue
        if depth == 0 and current is not None and current.first_code() and code.strip():
            # A new line of code at depth 0 either continues the item or starts the next one.
            previous = next((strip_comment(t).rstrip() for _, t in reversed(current.lines) if strip_comment(t).strip()), "")
            if CONTINUATION.match(code.strip()):
                pass
            elif previous.endswith((";", "}")):
                items.append(current)
                current = None
            elif not text[:1].isspace() and not current.first_code().startswith("template") \
                    and not re.search(r"([=,(<+\-*/&|]|\bco_await|\breturn)$", previous):
                items.append(current)   # an expression shown without its `;`
                current = None
        if current is None:
            current = Item(number)
        current.lines.append((number, text))
        depth += depth_change(code)
    if current is not None:
        items.append(current)
    return [item for item in items if item.first_code() or item.error]


def item_kind(item):
    first = item.first_code()
    if not first:
        return "comment"
    if first.startswith("#"):
        return "include" if re.match(r"#\s*include\b", first) else "preprocessor"
    if NAMESPACE_SCOPE.match(first) or FUNCTION_DEFINITION.match(first) or re.match(r"^[A-Z][A-Z0-9_]*\(", first):
        return "declaration"
    return "statement"


def with_lines(item, path, terminate=False):
    out = []
    for index, (number, text) in enumerate(item.lines):
        out.append(f'#line {number} "{path}"')
        out.append(text)
    if terminate:
        # an expression shown without its `;`
        last_code = max((k for k, (_, text) in enumerate(item.lines) if strip_comment(text).strip()), default=None)
        if last_code is not None:
            number, text = item.lines[last_code]
            code = strip_comment(text).rstrip()
            if not code.endswith((";", "}")):
                out.append(";")
    return out


DECLARED_NAME = [
    re.compile(r"^(?:template\s*<[^>]*>\s*)?(?:struct|class|union|enum(?:\s+class)?)\s+(\w+)"),
    re.compile(r"^(?:inline\s+|static\s+|extern\s+)*(?:constexpr|const)\s+[\w:<>, ]+?[\s*&]+(\w+)\s*(?:=|\{|\(|;)"),
    re.compile(r"^(?:inline\s+|extern\s+)*[\w:<>, ]+?\s+(\w+)\s*(?:;|=)"),
    re.compile(r"^using\s+(\w+)\s*="),
    re.compile(r"^using\s+[\w:]+::(\w+)\s*;"),
    re.compile(r"^(?:inline\s+|static\s+)*(?:[\w:<>,]+[\s*&]+)+(\w+)\s*\("),
]


def declared_names(code_lines):
    names = set()
    for line in code_lines:
        if line.strip().startswith("using namespace"):
            continue
        for pattern in DECLARED_NAME:
            m = pattern.match(line.strip())
            if m:
                names.add(m.group(1))
                break
    return names


def context_names(context_header):
    """The names test/docs/context.hpp declares in namespace retort_docs."""
    text = context_header.read_text()
    inside = text[text.index("namespace retort_docs {"):text.index("}  // namespace retort_docs")]
    return declared_names(line for line in inside.split("\n") if not line.startswith((" ", "\t", "}", "//")))


def translation_unit(path, blocks, errors_wanted, shared):
    """C++ text for one Markdown file: its blocks in order, with or without the erroneous items.

    The file's declarations are at global scope (BOOST_HANA_ADAPT_STRUCT needs it); of the
    shared names of context.hpp, those the file does not declare itself are brought in."""
    includes, body, own = [], [], set()
    error_items = []
    for index, block in enumerate(blocks):
        statements = []
        for item in split_items(block):
            kind = item_kind(item)
            if item.error is not None:
                error_items.append(item)
                if not errors_wanted:
                    continue
            if kind == "include":
                includes += with_lines(item, path)
            elif kind in ("declaration", "preprocessor", "comment"):
                own |= declared_names([item.first_code()])
                body += with_lines(item, path)
            else:
                statements.append(item)
        if errors_wanted:
            # Each erroneous statement in a function of its own, after the block's statements
            # above it (which compile: the block's own compile says so).
            for k, item in enumerate(statements):
                if item.error is None:
                    continue
                body.append(f"inline void error_at_line_{item.first_line}(RETORT_DOCS_CONTEXT) {{")
                body.append("{")
                for earlier in statements[:k]:
                    if earlier.error is None:
                        body += with_lines(earlier, path, terminate=True)
                body += with_lines(item, path, terminate=True)
                body.append("}")
                body.append("}")
        elif statements:
            body.append(f"inline void block_at_line_{block.line}(RETORT_DOCS_CONTEXT) {{")
            body.append("{")
            for item in statements:
                body += with_lines(item, path, terminate=True)
            body.append("}")
            body.append("}")
    text = ["// Generated from " + path + " by test/docs/check_docs.py",
            "#include <retort/retort.hpp>",
            '#include "context.hpp"'] + includes + [
            "using namespace retort;"] + [
            f"using retort_docs::{name};" for name in sorted(shared - own)] + body
    return "\n".join(text) + "\n", error_items


def expected_text(message):
    return re.sub(r"^static assertion failed:\s*", "", message)


def compile_unit(compiler, flags, source):
    result = subprocess.run(compiler + flags + ["-fsyntax-only", "-x", "c++", str(source)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=COMPILE_TIMEOUT_SECONDS)
    return result.returncode, result.stdout


def check_documents(doc_root, documents, compiler, flags, shared, jobs_at_once):
    """Compiles the C++ blocks of `documents` (paths below doc_root). Returns (failures, summary)."""
    jobs, counts = [], {"blocks": 0, "programs": 0, "fragments": 0, "synopses": 0, "errors": 0}
    failures = []
    with tempfile.TemporaryDirectory(prefix="retort-docs.") as temp:
        for document in documents:
            relative = document.relative_to(doc_root).as_posix()
            blocks = extract_blocks(document, relative)
            counts["blocks"] += len(blocks)
            counts["synopses"] += sum(1 for b in blocks if b.marker == "synopsis")
            unknown = [b for b in blocks if b.marker not in (None, "synopsis")]
            if unknown:
                raise SystemExit(f"{relative}:{unknown[0].line - 2}: unknown marker <!-- docs: {unknown[0].marker} -->")
            compiled = [b for b in blocks if b.marker != "synopsis"]
            counts["programs"] += sum(1 for b in compiled if b.is_program)
            counts["fragments"] += sum(1 for b in compiled if not b.is_program)
            if not compiled:
                continue
            stem = re.sub(r"\W", "_", relative)
            text, error_items = translation_unit(relative, compiled, errors_wanted=False, shared=shared)
            source = pathlib.Path(temp) / f"{stem}.cpp"
            source.write_text(text)
            jobs.append((relative, source, []))
            if error_items:
                counts["errors"] += len(error_items)
                text, _ = translation_unit(relative, compiled, errors_wanted=True, shared=shared)
                source = pathlib.Path(temp) / f"{stem}.errors.cpp"
                source.write_text(text)
                jobs.append((relative, source, error_items))

        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs_at_once) as pool:
            results = pool.map(lambda job: (job, compile_unit(compiler, flags, job[1])), jobs)
            for (relative, source, error_items), (status, output) in results:
                if not error_items:
                    if status != 0:
                        failures.append(f"{relative}: its C++ blocks do not compile:\n{output}")
                    else:
                        print(f"ok: {relative}")
                    continue
                if status == 0:
                    failures.append(f"{relative}: the statements marked `// error:` all compile")
                    continue
                for item in error_items:
                    message = expected_text(item.error)
                    lines = {number for number, _ in item.lines}
                    here = any(f"{relative}:{number}:" in output for number in lines)
                    if message not in output:
                        failures.append(f"{relative}:{item.first_line}: expected the error {message!r}; the compiler said:\n{output}")
                    elif not here:
                        failures.append(f"{relative}:{item.first_line}: {message!r} is reported, but not at this statement:\n{output}")
                    else:
                        print(f"ok: {relative}:{item.first_line} fails with {message!r}")
    summary = (f"{counts['blocks']} C++ blocks in {len(documents)} files: {counts['programs']} programs, "
               f"{counts['fragments']} fragments, {counts['synopses']} synopses (not compiled), "
               f"{counts['errors']} statements that must not compile; {len(jobs)} translation units")
    return failures, summary


SELF_TEST_BLOCK = """\
struct notes_table : table<notes_table, "notes"> { RETORT_COLUMN(id, integer, primary_key); };
inline constexpr notes_table notes;
constexpr auto by_id = select(notes.id)
    .where(notes.id == 1);
select(users.username)
// SELECT ...
auto engine = create_engine("sqlite://");
try {
    conn.execute(by_id);
} catch (const error&) {
}
conn.execute(update(users).set(users.age = 3));
// error: retort: UPDATE without WHERE; add .where(...) or say .all_rows()
"""

SELF_TEST_DOCUMENT = """\
A fragment with a name nobody declared, and an `// error:` that compiles.

```cpp
undeclared_in_the_docs(users);
```

```cpp
select(users.id).where(users.age > 3);
// error: retort: the statement never fails
```

```sh
not C++ at all {
```
"""


def self_test(compiler, flags, shared):
    """The reading of blocks, and that the check fails when it should."""
    block = Block("self-test.md", 10, SELF_TEST_BLOCK.split("\n"), None)
    items = split_items(block)
    kinds = [(item.first_line, item_kind(item), item.error is not None) for item in items]
    expected = [(10, "declaration", False), (11, "declaration", False), (12, "declaration", False),
                (14, "statement", False), (16, "statement", False), (17, "statement", False),
                (21, "statement", True)]
    problems = []
    if kinds != expected:
        problems.append(f"items read as {kinds}, expected {expected}")
    text, errors = translation_unit("self-test.md", [block], errors_wanted=False, shared=shared)
    if 'select(users.username)\n#line 15 "self-test.md"\n// SELECT ...\n;' not in text:
        problems.append("an expression shown without `;` is not made a statement:\n" + text)
    if "set(users.age = 3)" in text or len(errors) != 1:
        problems.append("the erroneous statement is compiled with the block")
    if "using retort_docs::users;" not in text or "using retort_docs::notes;" in text:
        problems.append("shared names are not brought in as they should be")

    with tempfile.TemporaryDirectory(prefix="retort-docs-self-test.") as temp:
        document = pathlib.Path(temp) / "self-test.md"
        document.write_text(SELF_TEST_DOCUMENT)
        failures, summary = check_documents(pathlib.Path(temp), [document], compiler, flags, shared, 2)
    if not any("self-test.md: its C++ blocks do not compile" in f and "undeclared_in_the_docs" in f for f in failures):
        problems.append(f"a block that does not compile passed: {failures}")
    if not any("`// error:` all compile" in f for f in failures):
        problems.append(f"an `// error:` statement that compiles passed: {failures}")
    if "2 C++ blocks in 1 files" not in summary:
        problems.append(f"not C++ blocks were counted: {summary}")
    if problems:
        print("FAIL: " + "\n".join(problems))
        return 1
    print("PASS: blocks are read as written, and broken blocks and silent errors fail the check")
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--only", action="append", default=[], help="check only these files (relative paths)")
    parser.add_argument("-I", dest="include_dirs", action="append", default=[])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("compiler", nargs="+")
    args = parser.parse_args()

    root = pathlib.Path(args.source_root).resolve()
    flags = ["-std=c++20", "-I", str(root / "test" / "docs"), "-I", str(root / "test"), "-I", str(root / "include")]
    for directory in args.include_dirs:
        flags += ["-I", directory]
    shared = context_names(root / "test" / "docs" / "context.hpp")
    if args.self_test:
        return self_test(args.compiler, flags, shared)

    documents = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    if args.only:
        documents = [root / name for name in args.only]
    failures, summary = check_documents(root, documents, args.compiler, flags, shared, args.jobs)
    if failures:
        print("\n\n".join(failures))
        print(f"FAIL: {len(failures)} problems. {summary}")
        return 1
    print(f"PASS: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
