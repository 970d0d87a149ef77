"""Units: the ID grammar, the escaping every template applies, links between pages."""

from __future__ import annotations

import html
import io
import json
import re
import tokenize
from pathlib import Path

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from macros import routes
from macros.core import ids
from macros.render import templating


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("3.2 D2", "3.2 D2"),
        ("3.2D2", "3.2 D2"),
        ("3.2-d2", "3.2 D2"),
        ("3.2 d2", "3.2 D2"),
        ("  4.2 K13 ", "4.2 K13"),
        ("PQS 3.2", "3.2"),
        ("3.2", "3.2"),
        ("3.10 K1", "3.10 K1"),
    ],
)
def test_usual_written_forms_are_recognised(written, canonical):
    assert ids.canonical(written) == canonical


@pytest.mark.parametrize("written", ["3", "3.2 X2", "3.2 D", "0.1", "3.2 D0", "D2", "3.2.1", ""])
def test_other_text_is_not_an_id(written):
    assert ids.canonical(written) is None


def test_slug_and_order():
    assert ids.slug("4.2 K13") == "4.2-K13"
    assert sorted(["3.10", "3.2", "3.2 D1", "3.2 K13", "3.2 K2"], key=ids.sort_key) == ["3.2", "3.2 K2", "3.2 K13", "3.2 D1", "3.10"]


def _shown(value: str) -> str:
    """The text a reader sees when ``value`` goes through a Markdown template and the site's extensions."""
    rendered = markdown.markdown(str(templating.md_text(value)), extensions=["attr_list", "tables", "md_in_html"])
    return html.unescape(rendered.removeprefix("<p>").removesuffix("</p>"))


@pytest.mark.parametrize(
    "hostile",
    ["*bold* _it_ `code`", "[a](https://x.test)", "<b>x</b> & y", "# not a heading", "1. not a list", "a | b", "x { #id }", "\\ back"],
)
def test_escaped_text_renders_literally(hostile):
    assert _shown(hostile) == hostile


# Text built from the characters that mean something to Markdown, HTML, attr_list and Jinja, and any other.
_SPECIAL = st.sampled_from([*"\\`*_{}[]()#+-.!|<>&\"'=:;/ ", "{{", "}}", "{%", "%}", "<script>", "](", "![", "&amp;", "&#", "\n"])
_TEXT = st.lists(st.one_of(_SPECIAL, st.text(min_size=1, max_size=4)), min_size=1, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_renders_as_itself_in_markdown(value):
    """Whatever the data holds, a Markdown template shows it as text: no markup, no link, no script."""
    squashed = templating.squash(value)
    rendered = markdown.markdown(str(templating.md_text(value)), extensions=["attr_list", "tables", "md_in_html"])
    assert "<script" not in rendered and "<a " not in rendered and "<em" not in rendered and "<strong" not in rendered
    if squashed and not squashed.lstrip().startswith(("#", "-", "+", "*", ">", "=")):
        assert _shown(value) == squashed


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_is_inert_in_html_and_attributes(value):
    """In raw HTML (element text or a quoted attribute) data text cannot open a tag or leave its quotes."""
    for escaped in (templating.attr(value), templating.label(value)):
        assert "<" not in escaped and ">" not in escaped and '"' not in escaped and "'" not in escaped
    assert "{" not in templating.label(value) and "}" not in templating.label(value)
    assert html.unescape(templating.attr(value)) == templating.squash(value)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_templates_escape_by_default(value):
    """The environment itself escapes: {{ value }} in a .md template, and in an .html one."""
    env = templating.environment()
    md = env.from_string("{{ v }}").render(v=value)
    assert md == str(templating.md_text(value))
    page = env.get_template("parts/cite.html")  # an .html template: Jinja's autoescape
    assert page.environment.autoescape("x.html") and not page.environment.autoescape("x.md")
    assert env.from_string("{{ v }}").render(v=Markup("<b>kept</b>")) == "<b>kept</b>"


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a b", 'https://example.org/"onmouseover="x', "https://example.org/<script>", "https://example.org/(x)"],
)
def test_urls_are_encoded_for_attributes_and_markdown(url):
    for encoded in (templating.url_html(url), templating.url_md(url)):
        assert not any(c in encoded for c in ' "<>()'), encoded


def test_links_between_pages_are_relative_sources():
    here, there = routes.Page("about.md"), routes.Target(routes.Page("outcomes/3.2.md"), "3.2-D2")
    assert routes.md_href(here, there) == "outcomes/3.2.md#3.2-D2"
    assert routes.md_href(routes.Page("outcomes/3.1.md"), there) == "3.2.md#3.2-D2"
    assert routes.html_href(routes.Page("outcomes/3.1.md"), "id/3.2-D2/") == "../../id/3.2-D2/"
    assert routes.html_href(routes.Page("index.md"), "outcomes/3.2/#3.2-D2") == "outcomes/3.2/#3.2-D2"


_SEGMENT = st.sampled_from(["a", "b", "3.2", "id", "3.2-D2", "index.html", ".", "..", ""])
_PATH = st.lists(_SEGMENT, min_size=1, max_size=5).map("/".join).filter(bool)


@settings(max_examples=500)
@given(_PATH, _PATH)
def test_relative_links_are_what_posixpath_gives(path, start):
    """routes.relpath (no os.getcwd) agrees with posixpath.relpath on any two paths, in the site or not."""
    import posixpath

    assert routes.relpath(path, start) == posixpath.relpath(path, start)


@pytest.mark.parametrize(("value", "shown"), [("2025-03-20", "20 March 2025"), ("2027-09", "September 2027"), ("2025", "2025")])
def test_dates_read_as_people_write_them(value, shown):
    assert templating.format_date(value) == shown


# -- one grammar, shared with the browser and the schema ------------------------------------------------


def test_the_data_schema_uses_the_grammar_of_ids_py():
    """The JSON Schema's patterns for IDs and keys are ids.py's: the grammar is written once."""
    import json
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parent.parent / "data" / "pqs.schema.json").read_text(encoding="utf-8"))
    patterns = {json.dumps(v) for v in _walk(schema) if isinstance(v, dict) and "pattern" in v}
    written = {p for p in patterns if "[1-9]" in p or "a-z0-9" in p}
    allowed = {f"^{p}$" for p in (ids.DOMAIN_PATTERN, ids.OUTCOME_PATTERN, ids.STATEMENT_PATTERN, ids.KEY_PATTERN)}
    allowed |= {f"^({ids.DOMAIN_PATTERN}|{ids.OUTCOME_PATTERN}|{ids.STATEMENT_PATTERN})$"}
    for text in written:
        assert json.loads(text)["pattern"] in allowed, text


def _walk(node):
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


_ID_FORMS = st.builds(
    lambda d, o, sep, letter, n, pqs, pad: f"{pad}{pqs}{d}.{o}{sep}{letter}{n}{pad}",
    st.integers(0, 12),
    st.integers(0, 30),
    st.sampled_from(["", " ", "-", "_", " - ", "  ", "\t", "\u00a0", ".", "\n"]),
    st.sampled_from(["K", "D", "k", "d", "X", "", "KK"]),
    st.sampled_from(["1", "2", "13", "0", "02", "", "999"]),
    st.sampled_from(["", "PQS ", "pqs", "PQS\t"]),
    st.sampled_from(["", " ", "\n"]),
)


@settings(max_examples=1, deadline=None)
@given(st.lists(st.one_of(_ID_FORMS, st.text(max_size=12)), min_size=400, max_size=400))
def test_the_browser_reads_ids_as_python_does(inputs):
    """pqs.js, loaded in Node with the grammar the build writes, gives the same canonical ID as ids.py for every input."""
    from pathlib import Path

    from jsrun import run

    root = Path(__file__).resolve().parent.parent
    payload = "window.PQS_IDS = " + json.dumps({"grammar": ids.browser_grammar(), "urls": {}, "outcomes": {}, "retired": {}}) + ";"
    got = run(
        [payload, root / "docs" / "assets" / "javascripts" / "pqs.js"],
        "input.map(t => { const c = window.PQS.canonical(t); return c && c.id; })",
        inputs,
    )
    assert got == [ids.canonical(t) for t in inputs]


# -- one place for URLs --------------------------------------------------------------------------

# A path of the site written as text: a parent step, a page or file of the site's layout, an anchor on a Markdown page.
_SITE_PATH = re.compile(r"\.\./|index\.html|\bexports/|\boutcomes/|\bdomains/|(?<![\w.])id/|\bchanges/|\.md#")


def _literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a Python file that are not docstrings or help text, with their lines."""
    out = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)) and not token.string.startswith(('"""', "'''")):
            out.append((token.start[0], token.string))
    return out


def test_no_module_but_routes_writes_a_path_of_the_site():
    """Every path and link comes from macros/routes.py: no other module, template or script writes one."""
    found = []
    for path in sorted((ROOT / "macros").rglob("*.py")):
        if path.name == "routes.py":
            continue
        for line, text in _literals(path):
            bare = text.strip("\"'")
            # Sentences that name a path as an example are help; docs/… is a file of the repository, not of the site.
            if _SITE_PATH.search(text) and " " not in bare and not bare.startswith("docs/"):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    for path in sorted((ROOT / "overrides").rglob("*.html")) + sorted((ROOT / "macros" / "render" / "templates").rglob("*")):
        if path.is_file():
            for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for literal in re.findall(r"""(?:'|")([^'"]*)(?:'|")\s*\|\s*url""", text):
                    if literal and not literal.startswith("assets/"):
                        found.append(f"{path.relative_to(ROOT)}:{line}: {literal}")
    assert not found, "build these paths in macros/routes.py:\n" + "\n".join(found)


def test_a_template_edited_between_builds_is_compiled_again(tmp_path, monkeypatch):
    """Builds keep compiled templates (templating.bytecode_cache); an edit still shows in the next build, as under ./dev serve."""
    import shutil

    import jinja2

    folder = tmp_path / "templates"
    shutil.copytree(templating.TEMPLATES, folder)
    monkeypatch.setattr(templating, "TEMPLATES", folder)
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (folder / "probe.md").write_text("before {{ 1 + 1 }}\n", encoding="utf-8")
    assert templating.environment(cache=cache).get_template("probe.md").render() == "before 2\n"
    assert list((tmp_path / "cache").iterdir()), "the compiled template was kept"
    (folder / "probe.md").write_text("after {{ 2 + 2 }}\n", encoding="utf-8")
    assert templating.environment(cache=cache).get_template("probe.md").render() == "after 4\n"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_in_an_html_partial_stays_text_in_the_markdown_page_around_it(value):
    """Every HTML partial ends up inside a Markdown page (a slip marked [sic] in an outcome's heading, a cell
    of the grid in a paragraph): what the data says in it is neither HTML nor Markdown there."""
    env = templating.environment()
    inline = str(env.get_template("parts/sic.html").render(words=value))  # an .html partial, as an outcome's heading has it
    for context in (f"# Outcome {inline} {{ #o }}", f"A paragraph {inline} and more.", f"| a | {inline} |\n| --- | --- |\n| x | y |"):
        rendered = markdown.markdown(context, extensions=["toc", "attr_list", "tables", "md_in_html"])
        for tag in ("<a ", "<em", "<strong", "<code", "<img", "<script"):
            assert tag not in rendered, (value, context, rendered)
    shown = html.unescape(
        re.sub(r"<[^>]+>", "", markdown.markdown(f"Before {inline.strip()} after.", extensions=["attr_list", "md_in_html"]))
    )
    assert " ".join(shown.split()) == " ".join(f"Before {templating.squash(value)} [sic] after.".split())


def test_a_slip_with_markdown_in_it_stays_text_in_the_outcomes_heading():
    """The case a reviewer found: the [sic] words went into the heading unescaped, and a link in them went live."""
    from macros.core.model import Outcome, Provenance, Source
    from macros.render.context import Helpers

    slip = "[a link](https://x.test) **bold**"
    source = Source("s", "S", "P", official=True, seed="x")
    outcome = Outcome("1.1", f"Do {slip} now.", Provenance(source, "here"), "none", "1", "e", sic=(slip,))
    words = str(Helpers.words(_FakeHelpers(), outcome))  # type: ignore[arg-type]
    rendered = markdown.markdown(f"# 1.1 {words} {{ #x }}", extensions=["toc", "attr_list", "md_in_html"])
    assert "<a " not in rendered and "<strong" not in rendered
    assert slip in html.unescape(re.sub(r"<[^>]+>", "", rendered))


class _FakeHelpers:
    """Just enough of Helpers for words(): the renderer's fragment."""

    def _words(self, item, escape, limit):
        from macros.render.context import Helpers

        return Helpers._words(self, item, escape, limit)  # type: ignore[arg-type]

    def __init__(self):
        env = templating.environment()

        class _R:
            @staticmethod
            def fragment(template, here=None, **context):
                return Markup(env.get_template(template).render(**context).strip("\n"))

        self.renderer = _R()
        self.here = None
