"""pqs-render: the whole site as plain files that a plain Material project builds with no code of ours.

The benchmark's plain twin is this output, and it is what a move to another builder would start from
(the README's Benchmark section and macros/cli/render.py say so): built with plain `mkdocs build`, it
must give the same pages as the real build, byte for byte.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_rendered_project_builds_the_same_site_without_our_code(built_site, tmp_path):
    out = tmp_path / "plain"
    rendered = subprocess.run([sys.executable, "-m", "macros.cli.render", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rendered.returncode == 0, rendered.stderr
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config  # no code of ours
    assert [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])] == ["search"]
    assert not (out / "macros").exists()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=out,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    ours, plain = files(built_site), files(tmp_path / "site")
    assert sorted(plain) == sorted(ours)
    # The one difference, which needs our Markdown extension: a page's first mark of each glossary term links to its entry.
    linked = re.compile(rb'<a class="pqs-term" href="[^"]*">(<abbr [^>]*>[^<]*</abbr>)</a>')
    assert any(linked.search(ours[name]) for name in ours if name.endswith(".html"))
    differ = [name for name in ours if name.endswith(".html") and linked.sub(rb"\1", ours[name]) != plain[name]]
    assert differ == [], differ[:10]


def test_the_theme_overrides_use_only_what_zensicals_templates_read():
    """The README's record of the Zensical trial: its template engine has no dict.get, so the overrides look values up by index."""
    for path in sorted((ROOT / "overrides").rglob("*.html")):
        assert ".get(" not in path.read_text(encoding="utf-8"), path
