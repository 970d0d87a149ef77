"""Reading a built site's HTML: ids, links and text, with the standard library only."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class PageInfo:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.info.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.info.ids.add(a["name"])
        for name in ("href", "src"):
            if a.get(name) is not None and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.info.links.append((tag, a[name]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self._chunks.append(data)

    def close(self):
        super().close()
        self.info.text = " ".join("".join(self._chunks).split())


def parse(path: Path) -> PageInfo:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.info


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Texts:
    """What a page shows as its heading and, for each element with an id, the words of the first
    ``.pqs-text`` inside it (a statement's words), whitespace folded as a reader sees it."""

    h1: str = ""
    words: dict[str, str] = field(default_factory=dict)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts = Texts()
        self._open: list[tuple[str, str | None, list[str] | None]] = []  # tag, id, the words of a .pqs-text or h1
        self._h1_done = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        collect = "pqs-text" in (a.get("class") or "").split() or (tag == "h1" and not self._h1_done)
        self._open.append((tag, a.get("id"), [] if collect else None))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _, words = self._open.pop()
            if words is not None:
                text = " ".join("".join(words).split())
                if open_tag == "h1" and not self._h1_done:
                    self.texts.h1, self._h1_done = text, True
                else:
                    owner = next((i for _, i, _ in reversed(self._open) if i), None)
                    if owner is not None:
                        self.texts.words.setdefault(owner, text)
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, _, words in self._open:
            if words is not None:
                words.append(data)


def texts(path: Path) -> Texts:
    parser = _TextParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.texts


def text_start(text: str, length: int = 40) -> str:
    """The first `length` characters of a text, its whitespace folded: what a page must show of it."""
    return " ".join(text.split())[:length]


def permalink_target(kind: str, item_id: str, item) -> tuple[str, str | None, str]:
    """Where the permalink of an item of ``framework.index`` (of ``kind``: domain, outcome or statement) lands, and
    the start of the words it must show there: (its page, such as "outcomes/3.2/"; the statement's anchor, or None
    for the page's heading; the words)."""
    if kind == "statement":
        return f"outcomes/{item.outcome_id}/", item.anchor, text_start(item.text)
    return f"{'outcomes' if kind == 'outcome' else 'domains'}/{item_id}/", None, text_start(item.text if kind == "outcome" else item.title)


def shows(shown: str, wanted: str) -> bool:
    """Whether the words shown include the words wanted; a slip in the source is marked [sic], the words are the source's."""
    return wanted in " ".join(shown.replace("[sic]", " ").split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to, or None for external links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = "" if parts.path.startswith("/") else posixpath.dirname(page.relative_to(site).as_posix())
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    path = site / target
    if url.split("#")[0].endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the site that does not resolve."""
    cache: dict[Path, PageInfo] = {}

    def info(path: Path) -> PageInfo:
        if path not in cache:
            cache[path] = parse(path)
        return cache[path]

    broken = []
    for page in html_pages(site):
        for tag, url in info(page).links:
            target = resolve(site, page, url)
            if target is None:
                continue
            path, fragment = target
            where = f"{page.relative_to(site)}: <{tag}> {url}"
            if not path.exists():
                broken.append(f"{where} (no file {path.relative_to(site) if path.is_relative_to(site) else path})")
            elif fragment and path.suffix == ".html" and fragment not in info(path).ids:
                broken.append(f"{where} (no id {fragment!r})")
    return broken


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.S)


def _words(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("¶", " ").split())


def heading_problems(site: Path) -> list[str]:
    """Pages whose content has a second-level heading with nothing under it before the next one, or two such
    headings with the same words (a reader scanning the headings, or a screen reader's list of them, cannot tell them apart)."""
    problems = []
    for page in html_pages(site):
        found = _ARTICLE.search(page.read_text(encoding="utf-8"))
        if not found:
            continue
        article = re.sub(r'<(p|div|details) class="pqs-generated".*?</\1>', "", found.group(1), flags=re.S)
        heads = list(_H2.finditer(article))
        where = page.relative_to(site).as_posix()
        seen: set[str] = set()
        for i, head in enumerate(heads):
            words = _words(head.group(1))
            if words in seen:
                problems.append(f"{where}: two headings “{words}”")
            seen.add(words)
            end = heads[i + 1].start() if i + 1 < len(heads) else len(article)
            under = article[head.end() : end]
            if not _words(under) and ' id="' not in under:  # an element with an id is a place a script fills in
                problems.append(f"{where}: nothing under “{words}”")
    return problems
