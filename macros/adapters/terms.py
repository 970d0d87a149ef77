"""A Markdown extension: the first mark of each glossary term on a page links to its entry.

Python-Markdown's ``abbr`` extension, given the glossary's abbreviations, marks every one in a page
as ``<abbr title="…">``; that shows the full form on hover, but not to a keyboard or a screen reader.
So the first mark of each term on a page (outside a link or a heading) also becomes a link to the
term's entry on the glossary page. The adapter adds a reference definition to each page's Markdown,
``[pqs-glossary]: ../glossary.md``, relative to that page, which this extension reads and MkDocs then
turns into the page's URL and checks, as it does every link between pages.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

REFERENCE = "pqs-glossary"  # the reference definition that holds the glossary page's address
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "abbr"}


class TermLinks(Treeprocessor):
    def __init__(self, md: Markdown, anchors: dict[str, str]):
        super().__init__(md)
        self.anchors = anchors  # term -> anchor on the glossary page

    def run(self, root: etree.Element) -> None:
        ref = self.md.references.get(REFERENCE)
        if not ref:
            return  # the glossary page itself, or a page the adapter did not see
        href = ref[0]
        seen: set[str] = set()
        # Walk the tree in document order, without recursion, keeping each element's parent.
        stack: list[tuple[etree.Element, etree.Element | None, bool]] = [(root, None, False)]
        while stack:
            el, parent, inside = stack.pop()
            if el.tag == "abbr" and parent is not None and not inside:
                term = el.text or ""
                if term in self.anchors and term not in seen:
                    seen.add(term)
                    _wrap(parent, el, f"{href}#{self.anchors[term]}")
                continue
            inside = inside or el.tag in _SKIP
            stack.extend((child, el, inside) for child in reversed(list(el)))


def _wrap(parent: etree.Element, abbr: etree.Element, href: str) -> None:
    link = etree.Element("a", {"href": href, "class": "pqs-term"})
    index = list(parent).index(abbr)
    parent.remove(abbr)
    link.tail, abbr.tail = abbr.tail, None
    link.append(abbr)
    parent.insert(index, link)


class TermLinksExtension(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {"anchors": [{}, "term -> anchor of its entry on the glossary page"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After abbr (7) has marked the terms, before toc (5) reads the headings and MkDocs (0) the links.
        md.treeprocessors.register(TermLinks(md, self.getConfig("anchors")), "pqs-term-links", 6)


def makeExtension(**kwargs: Any) -> TermLinksExtension:
    return TermLinksExtension(**kwargs)
