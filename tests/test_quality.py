"""Quality bars a public body would accept: Lighthouse on every page kind, the W3C Nu HTML Checker on every page.

- **Lighthouse** (npm `lighthouse`, pinned in package-lock.json), in headless Debian Chromium, offline, on
  one page of every kind the site has, as a phone (mobile) and as a desktop: accessibility, best
  practices and SEO at 100. Performance (target: at least 95) is a timing, so it is reported by the
  benchmark, scripts/benchmark.py --lighthouse, with the same functions; the fixture test below shows
  a slow page reported. The site is built for a sub-path (/pqs/) and served
  as GitHub Pages serves it, gzipped (tools/pagesserver.py): the mobile scores depend on compression.
- **The Nu HTML Checker** (npm `vnu-jar`, run on Debian's headless Java) over every HTML file of the built
  site in one run: no error, except those the theme's own templates make, listed in ALLOWED with their
  reasons. An allowed error is matched by its message and by the exact markup it points at, which must
  be in the theme's template and may occur once a page: the same error in markup of ours is reported.

Each gate is a function that returns the problems it finds, and each is first run on a small fixture
with deliberate defects, where it must report them.

How Lighthouse is run, and why a slow run is measured again, is in tools/lighthouse.py.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
import sitecheck
from conftest import ROOT

from tools import lighthouse
from tools.lighthouse import (  # the Lighthouse machinery, shared with the benchmark
    DESKTOP_SAMPLE,
    KIND_NAMES,
    Measured,
    chromium_for_lighthouse,
    gated,
    kind_of,
    kind_pages,
    measure_untimed,
    need,
    score_problems,
    score_table,
    tool,
)
from tools.pagesserver import serve_like_pages

pytestmark = pytest.mark.quality

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
THEME_TEMPLATES = Path(material.__file__).parent / "templates"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_the_site_is_served_as_github_pages_serves_it(tmp_path):
    """Gzipped text with Vary, images as they are, 304 for a known ETag, 301 to the closing slash, the site's 404 page."""
    site = tmp_path / "pqs"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text("<!doctype html><title>Page</title>" + "<p>Words.</p>" * 200, encoding="utf-8")
    (site / "404.html").write_text("<!doctype html><title>Not found</title>", encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    redirect = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a: None}))
    with serve_like_pages(tmp_path) as url:
        status, headers, body = fetch(url + "pqs/page/", {"Accept-Encoding": "gzip"})
        assert (status, headers["Content-Encoding"], headers["Vary"]) == (200, "gzip", "Accept-Encoding")
        assert gzip.decompress(body).decode("utf-8").startswith("<!doctype html><title>Page</title>")
        assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Cache-Control"] == "max-age=600"
        assert "Content-Encoding" not in fetch(url + "pqs/page/")[1], "gzip only for a browser that accepts it"
        assert "Content-Encoding" not in fetch(url + "pqs/logo.png", {"Accept-Encoding": "gzip"})[1]
        assert fetch(url + "pqs/page/", {"If-None-Match": headers["ETag"]})[0] == 304
        with pytest.raises(urllib.error.HTTPError) as moved:
            redirect.open(url + "pqs/page", timeout=30)
        with moved.value:
            assert (moved.value.code, moved.value.headers["Location"]) == (301, "/pqs/page/")
        status, _, body = fetch(url + "pqs/no/such/page/")
        assert (status, body) == (404, (site / "404.html").read_bytes())


# == gate 1: the W3C Nu HTML Checker ================================================================


@dataclass(frozen=True)
class Allowed:
    """An error the theme's own template makes on every page: its message and the exact markup it points at."""

    message: str
    markup: str
    template: str  # under material/templates/
    reason: str
    every_page: bool = True  # made on every page the theme lays out, or only on some


AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, “hidden”,"
    " “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)
TOGGLE_REASON = (
    'Material for MkDocs writes autocomplete="off" on the hidden checkbox that opens its {what}, so that a browser'
    " (Firefox) does not restore the box checked, and the {what} open, when a page is reloaded or revisited. HTML allows"
    " autocomplete only on inputs that take text; on a checkbox browsers ignore it, and nothing changes for a reader or"
    " for assistive technology. It is in the theme's base.html, which we extend rather than copy."
)
ALLOWED = (
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        "base.html",
        TOGGLE_REASON.format(what="navigation drawer"),
    ),
    Allowed(
        AUTOCOMPLETE,
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        "base.html",
        TOGGLE_REASON.format(what="search box"),
    ),
    Allowed(
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        '<label class="md-nav__title" for="__toc">',
        "partials/toc.html",
        "Material titles a page's table of contents with a label for the hidden checkbox (__toc) that opens the contents"
        " on a phone, and writes that checkbox in the navigation beside the page's own link. A section's index page"
        " (navigation.indexes: the edition's home, domains/) is reached through the section's title and has no such link,"
        " so the checkbox is not written and the label points at nothing. The label still reads as the title of the"
        " contents, which are a plain list of links; the theme's partials/toc.html and nav-item.html, which we do not copy.",
        every_page=False,
    ),
)


@dataclass(frozen=True)
class Finding:
    """One error the checker reports: the page (relative to the site), its line, the message and the markup it points at."""

    page: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        markup = self.markup if len(self.markup) <= 160 else self.markup[:160] + "…"
        return f"{self.page}:{self.line}: {self.message} [{markup}]"


@dataclass
class NuReport:
    checked: list[str]  # pages the checker read, relative to the site
    errors: list[Finding]
    warnings: list[Finding]


def nu_check(site: Path) -> NuReport:
    """Every HTML file under `site`, through the Nu HTML Checker in one Java run (JSON out, other files skipped)."""
    java = tool("java", "default-jre-headless")
    jar = need(VNU_JAR, "vnu-jar")
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--skip-non-html", "--verbose", str(site)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(f"the Nu HTML Checker gave no JSON report (exit {result.returncode}): {result.stderr[-2000:]}") from error
    root = site.resolve().as_posix()

    def page(url: str) -> str:
        path = url.removeprefix("file:")
        return path[len(root) + 1 :] if path.startswith(root + "/") else path

    report = NuReport([page(Path(line).resolve().as_posix()) for line in result.stdout.splitlines() if line.strip()], [], [])
    for m in messages:
        extract, start = m.get("extract", ""), m.get("hiliteStart", 0)
        finding = Finding(page(m.get("url", "")), m.get("lastLine", 0), m["message"], extract[start : start + m.get("hiliteLength", 0)])
        if m["type"] in ("error", "non-document-error"):
            report.errors.append(finding)
        elif m.get("subType") == "warning" and not m["message"].startswith("File was not checked.") and not checker_artifact(finding):
            report.warnings.append(finding)
    return report


CSP_RESOURCE = re.compile(r"Resource violates Content Security Policy \(meta tag\): external \w+ “([^”]*)” blocked by “[\w-]+” directive\.")
CSP_INLINE = "Inline script violates Content Security Policy (meta tag): "
DATA_BLOCK = re.compile(r'<script\b[^>]*\btype="application/(?:ld\+)?json"[^>]*>')


def checker_artifact(finding: Finding) -> bool:
    """A warning about our Content-Security-Policy that is true of how the checker reads a page, not of a browser.

    The checker reads each page as a file: address, whose origin is opaque, so `'self'` matches none of the site's own
    stylesheets and scripts; served over HTTP, as GitHub Pages serves them, they are the page's own origin (the browser
    test in test_hostile.py loads every page that way and sees no violation). A resource addressed with a scheme or
    `//` is a third party's and stays a problem. A JSON data block (the theme's `__config`) is never run, and HTML
    stops before asking the policy about it; an inline script that runs stays a problem.
    """
    resource = CSP_RESOURCE.fullmatch(finding.message)
    if resource:
        return not re.match(r"[a-z][a-z0-9+.-]*:|//", resource[1], re.IGNORECASE)
    # The checker's highlight may take in the blank before the tag (it did once check.md's text moved the line).
    return finding.message.startswith(CSP_INLINE) and bool(DATA_BLOCK.fullmatch(finding.markup.strip()))


def html_problems(site: Path, report: NuReport, allowed: tuple[Allowed, ...] = ALLOWED) -> tuple[list[str], Counter[Allowed]]:
    """(problems, how often each allowed error was seen): every page checked, and no error but the theme's, once a page."""
    problems = [
        f"{p}: not checked" for p in sorted({f.relative_to(site).as_posix() for f in sitecheck.html_pages(site)} - set(report.checked))
    ]
    seen: Counter[tuple[str, Allowed]] = Counter()
    for finding in report.errors:
        entry = next((a for a in allowed if a.message == finding.message and a.markup == finding.markup), None)
        if entry is not None and seen[finding.page, entry] == 0:
            seen[finding.page, entry] += 1
        else:
            problems.append(str(finding) + (" (allowed once a page, where the theme writes it: this is another)" if entry else ""))
    return sorted(problems), Counter(entry for _, entry in seen.elements())


@pytest.fixture(scope="module")
def nu_report(pages_site) -> NuReport:
    return nu_check(pages_site.site)


THEME_TOGGLES = '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off"><input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'


def test_html_gate_reports_our_errors_and_lets_through_only_the_themes_own(tmp_path):
    site = tmp_path / "site"
    pages = {
        # the theme's two toggles, as base.html writes them: allowed
        "index.html": f'<!doctype html><html lang="en"><head><title>Home</title></head>{THEME_TOGGLES}<h1>Home</h1></body></html>',
        # the same error in markup of ours, and a skipped heading level
        "ours/index.html": (
            f'<!doctype html><html lang="en"><head><title>Ours</title></head>{THEME_TOGGLES}'
            '<h1>Ours</h1><h3>Skipped</h3><input type="checkbox" id="mine" autocomplete="off" aria-label="Mine"></body></html>'
        ),
        # a theme toggle written a second time on one page, and a duplicate id
        "twice/index.html": (
            f'<!doctype html><html lang="en"><head><title>Twice</title></head>{THEME_TOGGLES}<h1 id="a">Twice</h1><p id="a">Again.</p>'
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off"></body></html>'
        ),
    }
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    (site / "notes.txt").write_text("not HTML: skipped", encoding="utf-8")

    report = nu_check(site)
    problems, used = html_problems(site, report)
    assert [re.sub(r" \[.*", "", p) for p in problems] == [
        f"ours/index.html:1: {AUTOCOMPLETE}",
        "ours/index.html:1: The heading “h3” (with computed level 3) follows the heading “h1” (with computed level 1), skipping 1 heading level.",
        f"twice/index.html:1: {AUTOCOMPLETE}",
        "twice/index.html:1: Duplicate ID “__drawer”.",
        "twice/index.html:1: Duplicate ID “a”.",
    ]
    assert problems[0].endswith('[<input type="checkbox" id="mine" autocomplete="off" aria-label="Mine">]')
    assert problems[2].endswith("(allowed once a page, where the theme writes it: this is another)")
    assert used == Counter({ALLOWED[0]: 3, ALLOWED[1]: 3})

    # A page the checker never read is a problem too.
    problems, _ = html_problems(site, NuReport([c for c in report.checked if c != "index.html"], [], []))
    assert problems == ["index.html: not checked"]


def test_csp_warnings_are_kept_for_third_parties_and_running_scripts_and_dropped_for_the_sites_own_files(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'\">"
        '<title>CSP</title><link rel="stylesheet" href="../assets/site.css"><link rel="stylesheet" href="https://fonts.example.org/f.css">'
        '</head><body><h1>CSP</h1><script id="__config" type="application/json">{"base": "."}</script>'
        '<script src="assets/site.js"></script><script src="//cdn.example.org/track.js"></script><script>document.title = "x"</script>'
        "</body></html>",
        encoding="utf-8",
    )
    report = nu_check(site)
    assert report.errors == []
    assert sorted(f.markup for f in report.warnings) == [
        '<link rel="stylesheet" href="https://fonts.example.org/f.css">',
        '<script src="//cdn.example.org/track.js">',
        "<script>",
    ]


def test_every_allowed_error_is_the_themes_own_markup():
    """Each allowed markup is in the theme's template, word for word, and in none of our templates."""
    ours = [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "macros").rglob("*.html"), *(ROOT / "macros").rglob("*.md")]
    for entry in ALLOWED:
        assert entry.markup in (THEME_TEMPLATES / entry.template).read_text(encoding="utf-8"), entry
        assert not [p for p in ours if entry.markup in p.read_text(encoding="utf-8")], entry
        assert entry.reason


def test_the_nu_html_checker_finds_no_error_of_ours_on_any_page(nu_report, pages_site):
    problems, _ = html_problems(pages_site.site, nu_report)
    assert len(nu_report.checked) == len(sitecheck.html_pages(pages_site.site))
    assert problems == []
    assert nu_report.warnings == []


def test_every_allowed_error_is_still_made(nu_report, pages_site):
    """An allowance the site no longer needs goes: the list says only what is true of the site now."""
    _, used = html_problems(pages_site.site, nu_report)
    pages = len(themed(pages_site.site))  # each page the theme lays out has its two toggles; the /id/ redirects have none
    for entry in ALLOWED:
        assert used[entry] == pages if entry.every_page else 0 < used[entry] < pages, (entry.markup, used[entry], pages)


# == gate 2: Lighthouse ==============================================================================


INACCESSIBLE_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fixture</title></head>
<body>
<main><h1>A page with a defect in every gated category</h1>
<p>It has no description for search engines, an image with no text alternative, and an error in the console.</p>
<img src="pixel.png" width="40" height="40">
</main>
<script>console.error("a deliberate error");</script>
</body>
</html>
"""

PIXEL_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def processes_of(profile: Path) -> list[str]:
    """The command lines of running processes that name this Chromium profile."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
        except OSError:
            continue  # it ended meanwhile
        if str(profile).encode() in command:
            found.append(command.replace(b"\0", b" ").decode(errors="replace"))
    return found


def test_the_lighthouse_chromium_leaves_no_process_behind(tmp_path):
    """Debian's chromium-headless-shell is a shell script that runs the browser as its child: stopping the script
    alone left the browser, and every run of the suite left two or three more of them busy (37 after an afternoon)."""
    profile = tmp_path / "profile"
    with chromium_for_lighthouse(profile):
        running = processes_of(profile)
        assert any("--remote-debugging-port" in command for command in running), running
    assert processes_of(profile) == []


def test_lighthouse_gate_reports_an_inaccessible_page_in_every_gated_category(tmp_path):
    site = tmp_path / "root" / "fixture"
    site.mkdir(parents=True)
    (site / "index.html").write_text(INACCESSIBLE_PAGE, encoding="utf-8")
    (site / "pixel.png").write_bytes(PIXEL_PNG)
    with serve_like_pages(tmp_path / "root") as url:
        measured = measure_untimed(url + "fixture/", {"fixture": ""}, tmp_path / "work", pairs=[("fixture", "mobile")])
    problems = score_problems(measured)
    assert [p.split(",")[0].split(":")[:2] for p in problems] == [
        ["fixture (mobile)", " accessibility " + str(measured[0].score("accessibility"))],
        ["fixture (mobile)", " best-practices " + str(measured[0].score("best-practices"))],
        ["fixture (mobile)", " seo " + str(measured[0].score("seo"))],
    ], problems
    assert len(measured[0].runs) == 1, "what does not depend on timing is measured once"
    assert "image-alt:" in problems[0]
    assert "errors-in-console:" in problems[1]
    assert "meta-description:" in problems[2]


def _run_scoring(performance: int) -> dict:
    """A Lighthouse run as tools/lighthouse-runner.mjs reports it, with this performance score."""
    metrics = {"first-contentful-paint": 900, "largest-contentful-paint": 2500, "total-blocking-time": 700, "speed-index": 1200}
    return {"scores": {"performance": performance}, "failing": {"performance": []}, "metrics": {**metrics, "cumulative-layout-shift": 0}}


def test_a_page_under_the_performance_target_is_measured_again_and_its_best_run_counts(monkeypatch, tmp_path):
    """The timing machinery the benchmark uses, with the runs stood in for: a slow page is measured twice more
    (noise only slows a run), its best run counts, and the report gives every run's figures and the load."""
    made: list[list[str]] = []
    scores = {"slow": iter([60, 70, 80]), "fast": iter([99]), "lucky": iter([90, 97])}

    def runs(port, jobs, work):
        made.append([job["url"] for job in jobs])
        return [_run_scoring(next(scores[job["url"]])) for job in jobs]

    monkeypatch.setattr(lighthouse, "lighthouse", runs)
    measured = lighthouse.measure(0, "", {k: k for k in scores}, tmp_path, forms=("mobile",), categories=("performance",))
    assert made == [["slow", "fast", "lucky"], ["slow", "lucky"], ["slow"]]
    assert [(m.kind, len(m.runs), m.score("performance")) for m in measured] == [("slow", 3, 80), ("fast", 1, 99), ("lucky", 2, 97)]
    (problem,) = score_problems(measured)
    assert problem.startswith("slow (mobile): performance 80, under 95, best of 3 runs: 60 (FCP 0.9 s, LCP 2.5 s, TBT 700 ms"), problem
    assert "load average" in problem


def test_every_page_kind_is_measured(built_site, framework):
    pages = kind_pages(framework)
    assert tuple(pages) == KIND_NAMES
    for kind, path in pages.items():
        file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        assert file.is_file(), f"{kind}: the page measured for it, /{path}, is not in the built site"
        assert kind_of(path, framework) == kind
    kinds = {kind_of(path, framework) for path in themed(built_site)}
    assert kinds <= set(KIND_NAMES), f"pages of a kind Lighthouse does not measure: {sorted(kinds - set(KIND_NAMES))}"
    # A page of a kind not listed (a retired ID's own page, say) would be caught.
    assert kind_of("id/9.9-K1/", framework) == "unknown (id/9.9-K1/)"
    # Every kind as a phone, and the desktop sample is of kinds that exist.
    pairs = gated(KIND_NAMES)
    assert {kind for kind, form in pairs if form == "mobile"} == set(KIND_NAMES)
    assert {kind for kind, form in pairs if form == "desktop"} == set(DESKTOP_SAMPLE) and set(DESKTOP_SAMPLE) <= set(KIND_NAMES)


def themed(site: Path) -> list[str]:
    """Site-relative URLs of the site's pages (not the /id/ redirects)."""
    paths = []
    for file in sitecheck.html_pages(site):
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8")[:2000]:
            continue
        rel = file.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


@pytest.fixture(scope="module")
def lighthouse_scores(pages_site, framework, tmp_path_factory) -> list[Measured]:
    work = tmp_path_factory.mktemp("lighthouse")
    started = time.monotonic()
    measured = measure_untimed(pages_site.base, kind_pages(framework), work)
    runs = sum(len(m.runs) for m in measured)
    (work / "runs.json").write_text(json.dumps([m.__dict__ for m in measured], indent=1), encoding="utf-8")
    print(f"\nLighthouse: {runs} runs in {time.monotonic() - started:.0f} s (every run: {work / 'runs.json'})\n{score_table(measured)}")
    return measured


@pytest.mark.parametrize(("kind", "form"), gated(KIND_NAMES))
def test_lighthouse_scores_on_every_page_kind(lighthouse_scores, kind, form):
    (measured,) = [m for m in lighthouse_scores if (m.kind, m.form) == (kind, form)]
    assert score_problems([measured]) == []


# == what the accessibility statement says of these tools ===========================================


def test_the_accessibility_statement_names_the_versions_the_tests_run():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    statement = " ".join((ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8").split())
    for name, said in (
        ("axe-core", "axe-core** (version {},"),
        ("lighthouse", "Lighthouse** (version {},"),
        ("vnu-jar", "Nu HTML Checker (version {})"),
    ):
        version = lock[f"node_modules/{name}"]["version"]
        assert said.format(version) in statement, f"docs/accessibility.md should name {name} {version}, the version package-lock.json pins"


def test_a_json_data_block_is_dropped_with_blanks_around_the_checkers_highlight_and_a_running_script_is_not():
    message = CSP_INLINE + "blocked by the “script-src” directive (missing “‘unsafe-inline’” or nonce/hash)."
    for markup in (
        '<script id="__config" type="application/json">',
        ' <script id="__config" type="application/json">',
        '\n<script type="application/json">',
    ):
        assert checker_artifact(Finding("check/index.html", 1, message, markup)), markup
    for markup in ("<script>", " <script>", '\n<script id="x">'):
        assert not checker_artifact(Finding("check/index.html", 1, message, markup)), markup
