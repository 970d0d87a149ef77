"""The promise that adding an edition needs no code, kept for the tests too: the data, site and export tests
run, unchanged, on a copy of the project whose data file has the rehearsal edition added as
docs/maintainers.md says (a text edit: tests/editions.py), and pass.

The tests read the project through conftest.py's PROJECT and SEEDS, which PQS_PROJECT and PQS_SEEDS point at
the copy and at the sources with the rehearsal's invented document added.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, copy_project
from editions import rehearsal_seeds, write_rehearsal

SUITES = [
    "tests/test_data.py",
    "tests/test_site.py",
    "tests/test_exports.py",
    "tests/test_references.py",
    "tests/test_moodle.py",
    "tests/test_changes.py",
    "tests/test_grid.py",
]


@pytest.mark.build
def test_the_data_site_and_export_tests_pass_with_the_final_edition_added(tmp_path):
    project = copy_project(tmp_path / "project")
    write_rehearsal(project)
    seeds = rehearsal_seeds(tmp_path / "seeds", SEEDS)
    env = {**os.environ, "PQS_PROJECT": str(project), "PQS_SEEDS": str(seeds)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "tmp"), *SUITES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, summary
