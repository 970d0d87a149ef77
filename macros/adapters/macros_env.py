"""Macros for hand-written pages (mkdocs-macros ``module_name: macros`` calls ``define_env``).

Only registration: each macro in :data:`macros.render.parts.MACROS` is called with this build's
renderer (made by the hook before mkdocs-macros runs) and the page being rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.adapters.mkdocs import build
from macros.render import parts
from macros.routes import Page


def define_env(env: Any) -> None:
    def bind(part: Callable[..., Any]) -> Callable[..., Any]:
        def macro(*args: Any, **kwargs: Any) -> Any:
            return parts.escaped(part(build(env.conf).renderer, Page(env.page.file.src_uri), *args, **kwargs))

        macro.__doc__ = part.__doc__
        return macro

    for name, part in parts.MACROS.items():
        env.macro(bind(part), name)
    for name, function in parts.FILTERS.items():
        env.filter(function, name)
