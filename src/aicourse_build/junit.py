"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): one test case per
manuscript file with problems, a failure per error (and per warning under --strict); notes are
never failures."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from aicourse_build.diagnostics import Diagnostic

SUITE = "aicourse check"


def junit_xml(diagnostics: list[Diagnostic], strict: bool) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.span.path].append(d)
    suite = ET.Element("testsuite", {"name": SUITE})
    failures = 0
    for path in sorted(by_file):
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": path})
        notes = []
        for d in by_file[path]:
            where = f"{path}:{d.span.line}:{d.span.col}"
            text = f"{where}: {d.severity.value}[{d.code}]: {d.message}"
            text += f"\nhint: {d.hint}" if d.hint else ""
            if d.is_error or (strict and d.is_warning):
                failures += 1
                failure = ET.SubElement(case, "failure", {"type": d.code, "message": d.message})
                failure.text = text
            else:
                notes.append(text)
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    if not by_file:
        ET.SubElement(suite, "testcase", {"classname": SUITE, "name": "all manuscripts"})
    tests = max(len(by_file), 1)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ET.Element("testsuites", {"tests": str(tests), "failures": str(failures)})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
