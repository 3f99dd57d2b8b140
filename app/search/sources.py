"""Registry of what is searched: each feature registers its kinds of documents here, so the core indexes ideas,
threads or people without importing the packages that own them.

A source says how to build its documents from the database and which writes make a document stale: the outbox
(app.search.outbox) watches the ORM flushes for those and records the keys to index again, in the same
transaction as the change.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, event

from app.search.documents import Document, Key

KeysOf = Callable[[Any], Iterable[Key]]


@dataclass(frozen=True)
class Watch:
    """Writes to `model` that make documents stale: a new or deleted row, or a change to one of `attributes`
    (every column when None); `keys(obj)` names the documents to index again."""

    model: type
    keys: KeysOf
    attributes: frozenset[str] | None = None


@dataclass(frozen=True)
class Shown:
    """How a result looks on /search, loaded fresh from the database: its title, link, and a few short facts
    (already translated: "12 supports", "Accepted", "Forum: Mobility", the author's name, the date)."""

    title: str
    url: str
    facts: tuple[str, ...] = ()
    hidden: bool = False  # hidden by moderation (only its author and moderators get it at all)


@dataclass(frozen=True)
class Source:
    """One kind of document.

    - `kind`: the key's kind ("idea"), also the `kind` filter of /search;
    - `label`: what the filter and the results call it (a lazy translation, plural: "Ideas");
    - `load(ids)`: the documents of those ids that belong in the index, by id, in a fixed number of queries;
      an id it leaves out (draft, deleted, gone) is removed from the index;
    - `all_ids()`: a SELECT of every id that may have a document, for a rebuild (ordered by id);
    - `watches`: the writes that make its documents stale;
    - `subject_kind`: the Subject kind its rows own (app.subjects), so hiding a Subject re-indexes it; None for
      rows without a Subject (people);
    - `show(ids, viewer)`: how the results of those ids look, by id, in a fixed number of queries; it leaves out
      every id `viewer` (a User or the anonymous user) may not see now, whatever the index says;
    - `related(ids)`: the keys of other documents that carry something of these rows (a thread's replies carry
      its title, category and visibility), indexed again with them; a fixed number of queries; None for none;
    - `shown_with(subject_ids)`: the keys of its documents that are shown with other Subjects (a translation
      with its original), for the ids of Subjects hidden or shown again; a fixed number of queries; None for
      none.
    """

    kind: str
    label: Any
    load: Callable[[list[int]], dict[int, Document]]
    all_ids: Callable[[], Select]
    watches: tuple[Watch, ...] = field(default_factory=tuple)
    subject_kind: str | None = None
    show: Callable[[list[int], Any], dict[int, Shown]] | None = None
    related: Callable[[list[int]], Iterable[Key]] | None = None
    shown_with: Callable[[list[int]], Iterable[Key]] | None = None


_registry: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add or replace (one app per test) the source of `source.kind`; watched attributes load their old value
    before a write replaces it, so setting the same value again (a form saved unchanged) makes nothing stale."""
    _registry[source.kind] = source
    for watch in source.watches:
        for name in sorted(watch.attributes or ()):
            attribute = getattr(watch.model, name, None)
            if attribute is not None and not event.contains(attribute, "set", _keep_old_value):
                event.listen(attribute, "set", _keep_old_value, active_history=True)
    return source


def _keep_old_value(target, value, oldvalue, initiator):
    """Nothing to do: listening with active_history makes SQLAlchemy load the value a write replaces."""


def get(kind: str) -> Source:
    """The source of `kind`; raises KeyError for an unknown one."""
    return _registry[kind]


def find(kind: str) -> Source | None:
    """The source of `kind`, or None."""
    return _registry.get(kind)


def all_sources() -> list[Source]:
    """Every registered source, in kind order."""
    return [_registry[kind] for kind in sorted(_registry)]


def kinds() -> list[str]:
    return sorted(_registry)


def by_subject_kind(subject_kind: str) -> Source | None:
    """The source whose rows own Subjects of `subject_kind`, or None."""
    for source in _registry.values():
        if source.subject_kind == subject_kind:
            return source
    return None


def watches() -> list[Watch]:
    return [watch for source in _registry.values() for watch in source.watches]
