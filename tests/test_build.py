"""Builds of changed copies of the project: bad input stops the build, data text is inert."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
import sitecheck
from conftest import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_data_stops_the_build_with_every_problem_and_writes_nothing(project, tmp_path):
    data = project / "data" / "pqs.yaml"
    edit(data, "- id: 3.2 D2", "- id: 3.3 D2")
    edit(data, 'ref: cafcass-response-2025, at: "Question 9"', 'ref: cafcas, at: "Question 9"')
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    # The renumbering also breaks every reference to 3.2 D2 (crosswalk, feedback, example programme).
    assert "5 problems in data/pqs.yaml; nothing was built." in result.stderr
    assert "crosswalks[0].links[14].to: '3.2 D2' is not an ID of edition 'draft-2025'" in result.stderr
    assert "feedback[2].about[1]: '3.2 D2' is not an ID of the current edition" in result.stderr
    line = next(i for i, text in enumerate(data.read_text().splitlines(), 1) if "- id: 3.3 D2" in text)
    assert (
        f"data/pqs.yaml:{line}: editions[0].domains[2].outcomes[1].statements[0].id: statement 3.3 D2 is listed under outcome 3.2"
        in result.stderr
    )
    assert "unknown source 'cafcas'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_malformed_yaml_stops_the_build(project, tmp_path):
    edit(project / "data" / "pqs.yaml", "title: Intervention", "title: Intervention: and more")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "this is not valid YAML" in result.stderr
    assert "fix:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_id_in_a_macro_fails_the_build(project, tmp_path):
    edit(project / "docs" / "citing.md", '{{ pqs("3.2 D2") }}', '{{ pqs("3.2 D9") }}')
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "pqs('3.2 D9') names no domain, outcome or statement" in result.stderr


def test_a_page_in_docs_cannot_shadow_a_generated_one(project, tmp_path):
    (project / "docs" / "outcomes").mkdir()
    (project / "docs" / "outcomes" / "3.2.md").write_text("# hand-written\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "delete docs/outcomes/3.2.md" in result.stderr


def test_markup_and_templates_in_the_data_show_as_text(project, tmp_path):
    hostile = "<script>alert(1)</script> *bold* [link](https://x.test) {{ 7 * 7 }} { #evil } & done"
    edit(
        project / "data" / "pqs.yaml",
        "text: thresholds define the boundaries of the role and function of statutory social work",
        f"text: '{hostile}'",
    )
    edit(project / "data" / "pqs.yaml", "text: Actively contribute to quality assurance and practice improvement.", f"text: '{hostile}'")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for path in ("outcomes/5.2", "outcomes/6.3", "domains/6", ""):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        info = sitecheck.parse(site / path / "index.html")
        assert "<script>alert(1)" not in html
        assert "https://x.test" not in [url for _, url in info.links]
        assert 'id="evil"' not in html
        assert hostile in info.text, path


def test_edit_link_points_at_the_yaml_when_the_repository_is_known(project, tmp_path):
    site = tmp_path / "out"
    result = mkdocs_build(project, site, env={"PQS_REPO_URL": "https://github.com/example/pqs"})
    assert result.returncode == 0, result.stderr
    html = (site / "outcomes" / "2.5" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/pqs/edit/main/data/pqs.yaml"' in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch_until(url: str, needle: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def test_serve_picks_up_edits_to_the_data_and_the_code(project):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    try:
        url = f"http://127.0.0.1:{port}/outcomes/2.1/"
        _fetch_until(url, "Communicate effectively, to help build impactful relationships.")
        edit(project / "data" / "pqs.yaml", "Communicate effectively, to help build", "Communicate EDITED, to help build")
        _fetch_until(url, "Communicate EDITED, to help build")
        # A template, and a module that no list names: both are read afresh on the next build.
        edit(
            project / "macros" / "render" / "templates" / "outcome.md",
            "No {{ kind }} statements for this outcome",
            "TEMPLATE EDITED: no {{ kind }} statements",
        )
        _fetch_until(url, "TEMPLATE EDITED: no knows statements")
        edit(project / "macros" / "render" / "standards.py", 'return "no statements recorded"', 'return "CODE EDITED: none recorded"')
        _fetch_until(f"http://127.0.0.1:{port}/domains/2/", "CODE EDITED: none recorded")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def test_ids_script_lists_only_recorded_ids(built_site):
    script = (built_site / "assets" / "javascripts" / "pqs-ids.js").read_text(encoding="utf-8")
    payload = re.fullmatch(r"window\.PQS_IDS=(.*);\n", script).group(1)
    assert '"3.2":["D2"]' in payload
    assert '"3.1":[]' in payload


def test_a_retired_id_keeps_its_permalink_which_says_where_it_went(project, tmp_path):
    """A later edition drops 6.2 D1: its short link still works and points to its new home."""
    import copy

    import yaml

    path = project / "data" / "pqs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    final = copy.deepcopy(data["editions"][0])
    final.update(key="final-test", status="final", short_title="Final (test)")
    final.pop("superseded_by")
    outcome = final["domains"][5]["outcomes"][1]
    outcome["statements"], outcome["coverage"] = [], "none"
    data["editions"].append(final)
    data["current_edition"] = "final-test"
    data["retired_ids"] = [
        {"id": "6.2 D1", "edition": "draft-2025", "status": "moved", "to": "6.2", "note": "Test: folded into the outcome."}
    ]
    data["feedback"] = [f for f in data["feedback"] if "6.2 D1" not in f["about"]]
    for crosswalk in data["crosswalks"]:
        crosswalk["to"] = "final-test"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    retired = sitecheck.parse(site / "id" / "6.2-D1" / "index.html")
    assert "6.2 D1 is no longer used" in retired.text
    assert "Test: folded into the outcome. It is now 6.2." in retired.text
    assert "../../outcomes/6.2/" in [url for _, url in retired.links]
    assert '"retired":{"6.2 D1":"id/6.2-D1/"}' in (site / "assets" / "javascripts" / "pqs-ids.js").read_text(encoding="utf-8")
    assert sitecheck.broken_links(site) == []
