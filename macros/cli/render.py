"""pqs-render: the whole site as plain files, for a plain Material (or Zensical) project to build.

Usage: ``pqs-render OUT/ [--config mkdocs.yml] [--site-url URL]``

Writes ``OUT/docs/`` (the hand-written pages with their macros expanded, every generated page and
file, the site's assets), ``OUT/overrides/`` and ``OUT/mkdocs.yml`` (the project's configuration
without the hook and the macros plugin, with the full navigation and the edition banner written
in). ``mkdocs build`` in OUT/ then makes the same site with no code of ours, page for page
(tests/test_render_cli.py), but for one thing: the first mark of a glossary term on a page is not a
link to its entry, which takes a Markdown extension of ours (macros/adapters/terms.py). The benchmark builds this as its plain twin; it is also where a move to
another builder (Zensical, say) would start.

Exit status: 0 when written, 1 when the data has problems (listed), 2 when called wrongly.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined
from mkdocs.exceptions import PluginError

from macros.adapters.macros_plugin import macro_functions
from macros.adapters.mkdocs import Build, generate
from macros.render.pages import glossary as glossary_page
from macros.render.parts import FILTERS
from macros.routes import Page

_FRONT = "---\n"


def _split_front_matter(text: str) -> tuple[str, str]:
    """(front matter with its fences, body) of a Markdown page; the first is '' when there is none."""
    if text.startswith(_FRONT):
        end = text.find("\n---\n", len(_FRONT) - 1)
        if end != -1:
            return text[: end + 5], text[end + 5 :]
    return "", text


def expand_macros(text: str, here: Page, build: Build, config: Any) -> str:
    """A hand-written page with its macros expanded, as mkdocs-macros does during a build."""
    front, body = _split_front_matter(text)
    if "render_macros: false" in front:
        return text
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    env.globals.update(macro_functions(build.renderer, lambda: here.src))
    return front + env.from_string(body).render(config=config)


def _plain_config(config_path: Path, made: Build, hand_nav: list[Any], site_url: str | None) -> dict[str, Any]:
    """The project's mkdocs.yml as data, without our hook and the macros plugin."""

    class _EnvLoader(yaml.SafeLoader):
        pass

    def env_tag(loader_: yaml.SafeLoader, node: yaml.Node) -> Any:
        if isinstance(node, yaml.SequenceNode):
            names = [str(n) for n in loader_.construct_sequence(node)]
        else:
            assert isinstance(node, yaml.ScalarNode)
            names = [str(loader_.construct_scalar(node))]
        variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
        return next((os.environ[v] for v in variables if v in os.environ), default)

    _EnvLoader.add_constructor("!ENV", env_tag)
    data = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_EnvLoader)
    data.pop("hooks", None)
    data.pop("watch", None)
    data["plugins"] = [p for p in data.get("plugins", []) if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    site = made.site
    data["nav"] = site.nav(hand_nav)
    abbrs = glossary_page.abbreviations(made.framework)
    if abbrs:  # every abbreviation marked as in the real build; only its first mark's link needs our code
        data["markdown_extensions"] = [*data.get("markdown_extensions", []), {"abbr": {"glossary": abbrs}}]
    data.setdefault("extra", {}).update(made.extra())
    data["copyright"] = site.copyright
    data["not_in_nav"] = "\n".join([*str(data.get("not_in_nav") or "").splitlines(), *site.not_in_nav])
    if site_url is not None:
        data["site_url"] = site_url
    return data


def render_project(out: Path, config_file: Path, site_url: str | None = None) -> int:
    """Write the plain project into ``out``; the number of files written."""
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_url=site_url)
    made = generate(config)
    site, data_name = made.site, made.project.data_name

    docs_out = out / "docs"
    if out.exists():
        shutil.rmtree(out)
    docs = Path(config.docs_dir)
    written = 0
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        target = docs_out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".md"):
            target.write_text(expand_macros(path.read_text(encoding="utf-8"), Page(rel), made, config), encoding="utf-8")
        else:
            shutil.copyfile(path, target)
        written += 1
    for rel, content in site.files.items():
        target = docs_out / rel
        if target.exists():
            raise FileExistsError(f"docs/{rel} exists, but the site generates that page from {data_name}: delete docs/{rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written += 1
    overrides = made.project.root / "overrides"
    if overrides.is_dir():
        shutil.copytree(overrides, out / "overrides")
    hand_nav = yaml.safe_load(yaml.safe_dump(config.nav or []))
    plain = _plain_config(config_file, made, hand_nav, site_url)
    (out / "mkdocs.yml").write_text(
        "# Written by pqs-render: the PQS site as plain files, built without the project's hook or macros.\n"
        + yaml.safe_dump(plain, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return written + 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pqs-render", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", metavar="OUT", help="the folder to write (replaced if it exists)")
    parser.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--site-url", default=None, help="the site's address, for absolute links in exports and print")
    args = parser.parse_args(argv)
    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"pqs-render: no such file: {config_file}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.resolve() in (config_file.resolve().parent, Path.cwd().resolve()):
        print("pqs-render: OUT must be a folder of its own (it is replaced)", file=sys.stderr)
        return 2
    try:
        count = render_project(out, config_file, args.site_url)
    except PluginError as err:
        print(f"pqs-render: {err}", file=sys.stderr)
        return 1
    print(f"pqs-render: wrote {count} files to {out}/ (build them with: mkdocs build -f {out}/mkdocs.yml)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
