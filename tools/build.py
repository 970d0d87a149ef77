"""A strict MkDocs build of a project folder, in a process of its own, as a maintainer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on a project folder into ``site_dir``; ``env`` adds to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )
