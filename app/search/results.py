"""What the /search page lists: the backend's hits of one page, each shown as its source says now.

The index decides what matches; the database decides how it looks and whether the viewer may still see it. For
every kind on the page its source's `show(ids, viewer)` runs once (a fixed number of queries per kind, so the
page's statements do not grow with the data); a hit it leaves out is dropped (deleted or hidden since it was
indexed)."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from app.search import sources
from app.search.query import Hit
from app.search.snippets import highlighted_all, plain
from app.search.sources import Shown


@dataclass(frozen=True)
class Row:
    """One result as the page shows it."""

    hit: Hit
    shown: Shown
    label: object  # the kind's label
    title: Markup  # the shown title, with the matched words marked when the index's title is the same text
    snippet: Markup

    @property
    def hidden(self) -> bool:
        return self.hit.hidden or self.shown.hidden


def rows(hits: list[Hit], viewer) -> list[Row]:
    """The hits `viewer` (a User or the anonymous user) may see now, in the backend's order."""
    ids_by_kind: dict[str, list[int]] = {}
    for hit in hits:
        ids_by_kind.setdefault(hit.kind, []).append(hit.id)
    shown: dict[str, dict[int, Shown]] = {}
    labels: dict[str, object] = {}
    for kind, ids in ids_by_kind.items():
        try:
            source = sources.get(kind)
        except KeyError:  # a kind no longer registered: its documents wait for a rebuild
            continue
        labels[kind] = source.label
        shown[kind] = source.show(ids, viewer) if source.show is not None else {}
    kept = [(hit, current) for hit in hits if (current := shown.get(hit.kind, {}).get(hit.id)) is not None]
    texts = highlighted_all([text for hit, current in kept for text in (_title(hit, current), hit.snippet)])
    return [Row(hit, current, labels[hit.kind], texts[2 * i], texts[2 * i + 1]) for i, (hit, current) in enumerate(kept)]


def _title(hit: Hit, shown: Shown) -> str:
    """The index's marked title when it still reads as the shown title; the shown title otherwise."""
    if " ".join(plain(hit.title).split()) == " ".join(shown.title.split()):
        return hit.title
    return plain(shown.title)
