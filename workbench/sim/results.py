"""The JUnit XML files test runners write (cocotb's ``results.xml``, pytest's ``--junitxml``), read once.

A file that is missing or does not parse is no evidence at all (the run crashed before or while
writing it): the reader says so with None, and each caller decides what that means for its verdict.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Failure:
    """A testcase's ``<failure>`` (or, without one, its ``<error>``)."""

    message: str | None  # the element's attribute, as written
    kind: str | None  # its ``type`` attribute
    text: str  # its body: the traceback, for pytest


@dataclass(frozen=True)
class JunitCase:
    name: str | None
    skipped: bool
    failure: Failure | None


def read_testcases(path: Path) -> list[JunitCase] | None:
    """Every ``<testcase>`` of the JUnit file ``path``, in order; None when it is missing or unreadable."""
    if not path.is_file():
        return None
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError:
        return None
    return [_testcase(case) for case in root.iter("testcase")]


def _testcase(case: ElementTree.Element) -> JunitCase:
    problem = case.find("failure")
    if problem is None:
        problem = case.find("error")
    failure = None if problem is None else Failure(problem.get("message"), problem.get("type"), problem.text or "")
    return JunitCase(name=case.get("name"), skipped=case.find("skipped") is not None, failure=failure)
