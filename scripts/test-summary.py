#!/usr/bin/env python3
"""Counts the results of one `meson test` run: test-summary.py BUILD_DIR GTEST_XML_DIR

GoogleTest executables are counted by their test cases (from the XML reports GTEST_OUTPUT asked
for); other tests (compile-fail cases, the consumer build) count once each. A test executable
that failed outside its cases (a crash, a sanitizer report at exit) counts as one more failure.
Prints "PASSED FAILED SKIPPED" on one line.
"""

import collections
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

PASSING = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}


def gtest_counts(path):
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.get("result") == "skipped" or case.get("status") == "notrun":
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    build_dir = pathlib.Path(sys.argv[1])
    xml_dir = pathlib.Path(sys.argv[2])
    reports = collections.defaultdict(list)  # executable name -> its XML reports (foo.xml, foo_1.xml...)
    for path in sorted(xml_dir.glob("*.xml")):
        reports[re.sub(r"_\d+$", "", path.stem)].append(path)
    used = set()
    passed = failed = skipped = 0
    log = build_dir / "meson-logs" / "testlog.json"
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        result = entry["result"]
        executable = pathlib.Path(entry["command"][0]).name if entry.get("command") else ""
        report = next((p for p in reports.get(executable, []) if p not in used), None)
        if report is not None:
            used.add(report)
            p, f, s = gtest_counts(report)
            if result not in PASSING | SKIPPED and f == 0:
                f = 1
            passed, failed, skipped = passed + p, failed + f, skipped + s
        elif result in PASSING:
            passed += 1
        elif result in SKIPPED:
            skipped += 1
        else:
            failed += 1
    print(passed, failed, skipped)


if __name__ == "__main__":
    main()
