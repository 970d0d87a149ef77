"""The site's page kinds, one module each: the module builds the page's whole context in one place and
renders it with its one template (macros/render/templates/<kind>.md); what several kinds really share
is in :mod:`macros.render.pages.items`.

Adding a page kind is a module here with a ``page(r, …) -> str``, its template, its path in
:mod:`macros.routes`, and a line in :func:`macros.render.render_site` that adds it at that path.
"""
