"""The page of an ID whose meaning is not the same in every edition, or cannot be compared (id/3.2-D2/): each
edition's item, where it came from and what became of it. Template: id-history.md."""

from __future__ import annotations

from markupsafe import Markup

from macros.core import ids
from macros.core.history import Appearance, History, words
from macros.render.context import Helpers, Renderer
from macros.render.editions import CHANGE_WORDS, join, targets


def page(r: Renderer, story: History) -> str:
    """The page of an ID whose meaning is not the same in every edition, or cannot be compared: each edition's
    item (or that it is not recorded here), where it came from, and what became of it."""
    here = r.routes.short_page(story.id)
    h = Helpers(r, here)
    keys = list(r.fw.editions)
    rows = []
    for i, appearance in enumerate(story.appearances):
        came = []
        for change in appearance.came:
            older = r.fw.editions[keys[i - 1]]
            if change.source == story.id:
                continue
            source = older.ids.get(change.source)
            label = h.link_to(r.routes.target(source), change.source) if source is not None else Markup(h.md(change.source))
            came.append(join(h.md("It carries"), label, h.md(f"of the {older.short_title}, which was {CHANGE_WORDS[change.change]}.")))
        before = story.appearances[i - 1] if i else None
        if before is not None and _reused(before, appearance):
            came.append(h.md(f"The {before.edition.short_title} used this number for another {kind_word(story.id)}."))
        went = appearance.went
        became = Markup("")
        if went is not None and i + 1 < len(keys):
            newer = r.fw.editions[keys[i + 1]]
            if went.change in ("withdrawn", "not-recorded", "reworded"):
                became = h.md(f"In the {newer.short_title}, it was {CHANGE_WORDS[went.change]}. {went.rationale}")
            else:
                became = join(
                    h.md(f"In the {newer.short_title}, it was {CHANGE_WORDS[went.change]}: it became"),
                    targets(h, r, went, newer) + Markup("."),
                    h.md(went.rationale),
                )
        rows.append(
            (
                appearance,
                appearance.edition.key == r.fw.current.key,
                r.routes.versioned(appearance.edition.key, story.id),
                join(*came),
                became,
            )
        )
    unsure = [a.edition.short_title for a in story.appearances if a.item is None and a.unrecorded]
    return r.render(
        "id-history.md",
        here,
        story=story,
        rows=rows,
        unsure=" and the ".join(unsure),
        data_file=r.settings.data_file,
        title=f"{story.id} in each edition",
        description=f"What {story.id} means in each edition of the standards, and what became of it.",
        extra={"pqs_id": story.id},
    )


def _reused(before: Appearance, now: Appearance) -> bool:
    """The earlier edition had this ID for something else: other words, and not a rewording."""
    if before.item is None or now.item is None or words(before.item) == words(now.item):
        return False
    return not (before.went and before.went.change == "reworded")


def kind_word(item_id: str) -> str:
    return {"domain": "domain", "outcome": "outcome"}.get(ids.kind_of(item_id), "statement")
