"""A local stand-in for GitHub Pages: a built site served gzipped, with Pages' caching and 404 page (and a plain server).

Lighthouse's scores depend on how a page is served: sent uncompressed (as `http.server` sends it) an
outcome page scores performance 84 on mobile; gzipped, as GitHub Pages sends it, 99. So the quality
gate measures the site the way Pages serves it:

- text (HTML, CSS, JavaScript, JSON, SVG, XML, plain text) gzipped when the browser accepts gzip,
  with `Vary: Accept-Encoding`, as Pages does; images and fonts as they are;
- `Cache-Control: max-age=600` and an `ETag` and `Last-Modified` on every file, answering a
  matching `If-None-Match` with 304, as Pages does;
- a folder address without its closing slash redirected (301) to the one with it; a folder
  served by its index.html; anything missing answered 404 with the site's own 404.html (for a
  project site served under /pqs/, /pqs/404.html, as Pages does).
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import hashlib
import http.server
import mimetypes
import posixpath
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")
TYPES = {
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
}


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in TYPES.values() else kind


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """Serves `self.server.root` (a built site) as GitHub Pages would."""

    server: PagesServer
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host: one connection for a page's requests

    def log_message(self, format, *args):
        pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def answer(self, body: bool) -> None:
        root = self.server.root
        path = unquote(urlsplit(self.path).path)
        rel = posixpath.normpath(path).lstrip("/")
        file = root / rel if rel not in ("", ".") else root
        if ".." in Path(rel).parts or not file.resolve().is_relative_to(root.resolve()):
            file = root / "does-not-exist"
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            file = file / "index.html"
        status = 200
        if not file.is_file():
            status, file = 404, self.not_found_page(rel)
        if not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_file(file, status, body)

    def not_found_page(self, rel: str) -> Path:
        """A project site's own 404.html (/pqs/404.html for /pqs/…), else the host's."""
        root = self.server.root
        first = rel.split("/", 1)[0]
        own = root / first / "404.html"
        return own if first and own.is_file() else root / "404.html"

    def send_file(self, file: Path, status: int, body: bool) -> None:
        data = file.read_bytes()
        kind = content_type(file)
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        gzipped = kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if gzipped:
            data = self.server.gzip(file, data)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(file.stat().st_mtime, usegmt=True))
        if kind.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class PagesServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path) -> None:
        super().__init__(("127.0.0.1", 0), PagesHandler)
        self.root = root
        self._gzipped: dict[tuple[Path, str], bytes] = {}
        self._lock = threading.Lock()

    def gzip(self, file: Path, data: bytes) -> bytes:
        key = (file, hashlib.sha1(data).hexdigest())
        with self._lock:
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(data, compresslevel=6, mtime=0)
            return self._gzipped[key]


@contextlib.contextmanager
def serve_like_pages(root: Path) -> Iterator[str]:
    """Serve a built site at http://127.0.0.1:PORT/ as GitHub Pages would; yields that base URL."""
    with _running(PagesServer(root)) as url:
        yield url


# Where a project site sits on GitHub Pages (https://OWNER.github.io/REPOSITORY/): the site is built for it.
SUB_PATH = "pqs/"


@contextlib.contextmanager
def pages_at_sub_path(root: Path) -> Iterator[tuple[str, Path]]:
    """A local GitHub Pages serving ``root``, and the sub-path a project site is published at: yields the site's
    address (http://127.0.0.1:PORT/pqs/) and the folder to build it into (``root``/pqs), to build with that address."""
    with serve_like_pages(root) as url:
        yield url + SUB_PATH, root / SUB_PATH.rstrip("/")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder plainly (no compression, no 404 page) on 127.0.0.1 on a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with _running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url


@contextlib.contextmanager
def _running(server: http.server.HTTPServer) -> Iterator[str]:
    """A server answering on a thread of its own while the block runs; yields its base URL."""
    thread = threading.Thread(target=server.serve_forever, name="pages-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
