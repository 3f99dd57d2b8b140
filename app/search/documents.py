"""What the index holds: one Document per searchable thing, named by its kind and id.

A Document is plain data a source (app.search.sources) builds from the database and a backend stores; it
carries everything a query filters on, so a search never needs the database to decide what matches, and nothing
a page shows that may change without the document (supports, names): the results page loads those fresh.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

Key = tuple[str, int]  # (kind, id): ("idea", 12), ("post", 340), ("person", 7)


@dataclass(frozen=True)
class Document:
    """One searchable thing.

    - `kind`, `id`: its source's kind and the id of its row (the key);
    - `title`, `body`: plain text (no Markdown, no HTML); the title weighs more than the body;
    - `language`: the content language ("de", "en", ...), which picks the analyser (stemming, stop words);
    - `created_at`: when it was published (the "newest" order and the date filter);
    - `category`: the category key it files under ("forum:<slug>", "idea:<slug>"), or None;
    - `status`: the idea status ("new", "accepted", ...) or None;
    - `author_id`: who wrote it, or None;
    - `hidden`: hidden by moderation: found only by moderators and by the accounts in `visible_to`, marked hidden.

    Drafts, content withdrawn before publication and deleted content have no Document at all (the source returns
    none, and the indexer removes the key).
    """

    kind: str
    id: int
    title: str
    body: str
    language: str
    created_at: datetime
    category: str | None = None
    status: str | None = None
    author_id: int | None = None
    hidden: bool = False
    visible_to: frozenset[int] = field(default_factory=frozenset)

    @property
    def key(self) -> Key:
        return (self.kind, self.id)


def visible_to(*pairs: tuple[bool, int | None]) -> frozenset[int]:
    """Who besides moderators sees something behind several hidden-or-not Subjects, each with its author: the
    one account that wrote every hidden one (a hidden Subject shows to its author, as the features' policies say)."""
    hidden_authors = {author for hidden, author in pairs if hidden}
    if len(hidden_authors) != 1 or None in hidden_authors:
        return frozenset()
    return frozenset(hidden_authors)
