"""What the hook does on each build: load, check, and add the generated files."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros import changes, pages
from macros.core import ids, loader
from macros.core.model import Framework

CONFIG_KEY = "pqs_framework"


class _Loaded:
    """Holds this build's framework in the config. mkdocs-macros serialises the whole config
    for a debug message on every build; this prints as one line instead of the whole data."""

    __slots__ = ("framework",)

    def __init__(self, fw: Framework):
        self.framework = fw

    def __repr__(self) -> str:
        return f"<PQS data from {self.framework.path}>"


def data_path(config: MkDocsConfig) -> Path:
    """The data file, from ``extra.pqs_data`` in mkdocs.yml, relative to that file."""
    return Path(config.config_file_path).resolve().parent / config.extra.get("pqs_data", pages.DATA_FILE)


def schema_path(config: MkDocsConfig) -> Path:
    """The data's JSON Schema, from ``extra.pqs_schema`` in mkdocs.yml (default: beside the data file)."""
    configured = config.extra.get("pqs_schema")
    if configured:
        return Path(config.config_file_path).resolve().parent / configured
    return data_path(config).with_name("pqs.schema.json")


def framework(config: MkDocsConfig) -> Framework:
    return config[CONFIG_KEY].framework


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    path = data_path(config)
    try:
        fw = loader.load(path, config.extra.get("pqs_data", pages.DATA_FILE), schema_path(config))
    except loader.DataError as err:
        raise PluginError(str(err)) from None
    config[CONFIG_KEY] = _Loaded(fw)
    config.extra["pqs_banner"] = pages.banner(fw)
    config.nav = _nav(fw, config.nav or [])
    return config


def _nav(fw: Framework, hand_written: list) -> list:
    """Hand-written pages from mkdocs.yml, with the standards section after the home page."""
    standards = []
    for domain in fw.current.domains:
        # Nav titles reach the HTML unescaped, so escape the data text in them.
        children = [{f"Domain {domain.id} overview": pages.domain_src(domain.id)}]
        children += [{pages.attr(pages.nav_title_outcome(o)): pages.outcome_src(o.id)} for o in domain.outcomes]
        standards.append({pages.attr(f"{domain.id} {domain.title}"): children})
    change = [
        {pages.attr(f"What changed since the {c.old.title}"): changes.changes_src(c.crosswalk.key)} for c in changes.all_comparisons(fw)
    ]
    change += [{pages.attr(b.short_title): changes.baseline_src(b.key)} for b in fw.baselines.values()]
    if fw.feedback:
        change.append({"Consultation feedback": changes.FEEDBACK_SRC})
    nav = list(hand_written)
    nav.insert(1 if nav else 0, {"The standards": standards})
    if change:
        nav.insert(2 if len(nav) > 1 else len(nav), {"Changes and feedback": change})
    return nav


def on_files(files: Files, config: MkDocsConfig) -> Files:
    fw = framework(config)
    site_url = config.site_url or None

    def add(src_uri: str, content: str) -> None:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} exists, but the site generates that page from {pages.DATA_FILE}: delete docs/{src_uri}")
        files.append(File.generated(config, src_uri, content=content))

    for domain in fw.current.domains:
        add(pages.domain_src(domain.id), pages.domain_page(fw, domain))
        for outcome in domain.outcomes:
            add(pages.outcome_src(outcome.id), pages.outcome_page(fw, outcome))
    for item_id, item in fw.index.items():
        add(f"id/{ids.slug(item_id)}/index.html", pages.redirect_html(item, item_id, site_url))
    for retired in fw.retired:
        add(f"id/{ids.slug(retired.id)}.md", pages.retired_page(fw, retired))
    for comparison in changes.all_comparisons(fw):
        add(changes.changes_src(comparison.crosswalk.key), changes.changes_page(fw, comparison))
    for baseline in fw.baselines.values():
        add(changes.baseline_src(baseline.key), changes.baseline_page(fw, baseline))
    if fw.feedback:
        add(changes.FEEDBACK_SRC, changes.feedback_page(fw))
    add("assets/javascripts/pqs-ids.js", pages.ids_script(fw))
    add("schema/pqs.schema.json", schema_path(config).read_text(encoding="utf-8"))
    from macros import exports, print_page  # tools for people who cite the standards (issue 4)

    add(exports.JSON_PATH, exports.export_json(fw))
    add(exports.CSV_PATH, exports.statements_csv(fw))
    add(exports.SCHEMA_PATH, exports.schema_json())
    from macros.checker import browser  # the checker's rules for the browser, generated from macros/checker/rules.py

    add(browser.SCRIPT_PATH, browser.rules_script(fw))
    add(print_page.SRC, print_page.print_page(fw, site_url))
    return files


def on_page_context(context, page, config: MkDocsConfig, nav):
    if page.meta.get("pqs_source") and config.repo_url:
        branch = config.extra.get("pqs_branch", "main")
        page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{branch}/{pages.DATA_FILE}"
    return context
