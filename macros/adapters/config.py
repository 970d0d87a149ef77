"""The project's own settings, typed and read from mkdocs.yml in one place.

MkDocs has no room for a hook's options, so they sit under ``extra`` (``pqs_data``, ``pqs_schema``,
``pqs_branch``); :class:`PqsConfig` types and checks them as Material types its plugins' options, with
MkDocs' ``config_options``, and :func:`project` turns them and MkDocs' own settings into one
:class:`Project`. The MkDocs hook and ``pqs-render`` both read the build's settings from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from macros import routes
from macros.render import Settings
from macros.render.files import DATA_FILE


class PqsConfig(base.Config):
    """``extra.pqs_*`` in mkdocs.yml, paths relative to that file."""

    pqs_data = c.Type(str, default=DATA_FILE)  # the data the site is generated from
    pqs_schema = c.Optional(c.Type(str))  # its JSON Schema; by default pqs.schema.json beside the data
    pqs_branch = c.Type(str, default="main")  # the branch a generated page's edit link opens the data on


@dataclass(frozen=True)
class Project:
    """Where this build's data is and what the site is, from the configuration."""

    root: Path  # the folder of mkdocs.yml
    data_name: str  # the data file as mkdocs.yml names it (front matter and messages say this)
    schema_file: Path
    branch: str
    docs_dir: Path
    site_url: str | None
    repo_url: str | None

    @property
    def data_file(self) -> Path:
        return self.root / self.data_name

    def reserved_names(self) -> frozenset[str]:
        """The names the site uses at its top level: its own generated folders, and every hand-written page and folder."""
        docs = self.docs_dir
        written = {p.stem if p.is_file() else p.name for p in docs.iterdir()} if docs.is_dir() else set()
        return routes.RESERVED | written

    def settings(self) -> Settings:
        """What the renderer needs to know of the build."""
        return Settings(
            data_file=self.data_name,
            site_url=self.site_url,
            schema_text=self.schema_file.read_text("utf-8"),
            repo_url=self.repo_url,
            keep_compiled=True,
        )


def project(config: MkDocsConfig) -> Project:
    """The project's settings from a loaded mkdocs.yml; a wrong type under ``extra.pqs_*`` stops the build."""
    options = PqsConfig(config_file_path=config.config_file_path)
    options.load_dict({key: config.extra[key] for key in options if key in config.extra})
    errors, _warnings = options.validate()
    if errors:
        raise PluginError("; ".join(f"extra.{key} in mkdocs.yml: {err}" for key, err in errors))
    root = Path(config.config_file_path).resolve().parent
    data_name = options.pqs_data
    schema = root / options.pqs_schema if options.pqs_schema else (root / data_name).with_name("pqs.schema.json")
    return Project(
        root=root,
        data_name=data_name,
        schema_file=schema,
        branch=options.pqs_branch,
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url or None,
        repo_url=config.repo_url or None,
    )
