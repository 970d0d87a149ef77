"""``mkdocs serve`` on a project folder, on a free port, stopped as Ctrl+C stops it: the tests' check that
serve shows an edit, and the benchmark's time from an edit to the page showing it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    """A page's text, or '' while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def fetch_until(url: str, needle: str, seconds: float = 30) -> str:
    """The page at ``url`` once it holds ``needle``; an AssertionError if it does not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if needle in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def stop(process: subprocess.Popen, grace: float = 30) -> None:
    """Stop a server as Ctrl+C would; if it has not ended after `grace` seconds (a busy machine), kill it.
    Either way wait for it, so no process outlives its caller (in the tests, Python warns of one and the suite fails)."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def mkdocs_serve(
    project: Path, env: dict[str, str] | None = None, python: str = sys.executable, stderr: Any = subprocess.DEVNULL, grace: float = 30
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``mkdocs serve`` in ``project`` on a free port of 127.0.0.1, with ``env`` as its whole environment (by default
    this one); yields the site's address and the process, and stops it on leaving."""
    port = free_port()
    server = subprocess.Popen(
        [python, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
        env=env if env is not None else {**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        stop(server, grace)
