"""Registry of Subject kinds: which model owns a kind, how to title and link it, what it can do."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Subject


class UnknownKind(LookupError):
    """Raised for a kind that no package registered."""


@dataclass(frozen=True)
class Moderation:
    """How moderation (app/moderation) handles objects of one kind, without importing its package.

    - `author_id(obj)`: the account the object belongs to (who is told, sanctioned, may appeal), or None;
    - `content(obj)`: what it says, as a dict of short labels to text ({"title": ..., "body": ...}): kept with a
      report as it was reported, and with a decision before and after;
    - `redact(obj, actor, fields)`: replace the texts named in `fields` (same keys as `content`), flushing only;
    - `delete(obj, actor)`: remove it as the package removes it (a post leaves a placeholder), flushing only;
    - `restore(obj, actor)`: bring a deleted object back when an appeal reverses the deletion (None: cannot);
    - `category(obj)`: a short key the queue filters by (e.g. "forum:<slug>"), or None;
    - `hidden_with(obj)`: other Subjects hidden and shown again together with this one (a thread's Subject goes
      with its opening post), so lists that show those need no second look;
    - `on_visibility(obj, hidden)`: called (flush only) when the object's Subject is hidden or shown again, so the
      package moves the counters its lists show (a forum category's threads and posts), or None.
    """

    author_id: Callable[[Any], int | None]
    content: Callable[[Any], dict[str, str]]
    redact: Callable[[Any, Any, dict[str, str]], None]
    delete: Callable[[Any, Any], None] | None = None
    restore: Callable[[Any, Any], None] | None = None
    category: Callable[[Any], str | None] = field(default=lambda obj: None)
    hidden_with: Callable[[Any], list[Subject]] = field(default=lambda obj: [])
    on_visibility: Callable[[Any, bool], None] | None = None


@dataclass(frozen=True)
class SubjectKind:
    """What the core knows about one kind of Subject, without importing its package."""

    kind: str
    model: type
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    capabilities: frozenset[str] = field(default_factory=frozenset)
    visible: Callable[[Any, Any], bool] = field(default=lambda user, obj: True)  # may `user` see `obj`?
    moderation: Moderation | None = None  # set for kinds people can report ("reportable")
    # How the forums name a discussion about an object of the kind: a (lazy) text with a %(title)s placeholder,
    # "Discussion of the idea %(title)s"; None for a generic wording.
    discussion_label: Any = None

    def can(self, capability: str) -> bool:
        return capability in self.capabilities


_registry: dict[str, SubjectKind] = {}


def register(kind: str, model: type, *, title: Callable[[Any], str], url: Callable[[Any], str],
             visible: Callable[[Any, Any], bool] | None = None, moderation: Moderation | None = None,
             discussion_label: Any = None, **capabilities: bool) -> SubjectKind:
    """Register `model` as the owner of Subjects of `kind`; `visible(user, obj)` says who may see an object
    (everyone when not given), so the core never shows, follows or notifies what the page would hide.
    With `moderation`, objects of the kind can be reported (the "reportable" capability) and moderated.
    `discussion_label` names a discussion about one of them in the forums ("Discussion of the idea %(title)s").

    Registering the same kind again with the same model replaces it (one app per test);
    with another model it raises ValueError.
    """
    existing = _registry.get(kind)
    if existing is not None and existing.model is not model:
        raise ValueError(f"subject kind {kind!r} is already registered by {existing.model.__name__}")
    if moderation is not None:
        capabilities["reportable"] = True
    entry = SubjectKind(kind, model, title, url, frozenset(k for k, on in capabilities.items() if on),
                        moderation=moderation, discussion_label=discussion_label)
    if visible is not None:
        entry = replace(entry, visible=visible)
    _registry[kind] = entry
    return entry


def unregister(kind: str) -> None:
    """Forget a kind (for tests that register throwaway kinds)."""
    _registry.pop(kind, None)


def get(kind: str) -> SubjectKind:
    """The registration of `kind`; raises UnknownKind."""
    try:
        return _registry[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def kinds(capability: str | None = None) -> list[str]:
    """Registered kinds, optionally only those with `capability` (e.g. "votable")."""
    return sorted(k for k, entry in _registry.items() if capability is None or entry.can(capability))


def new_subject(kind: str) -> Subject:
    """A fresh Subject row for a registered kind (added to the session by its owner)."""
    get(kind)
    return Subject(kind=kind)


def resolve(subject: Subject) -> Any | None:
    """The object that owns `subject`, loaded with one query; None if it is gone."""
    model = get(subject.kind).model
    return db.session.execute(select(model).where(model.subject_id == subject.id)).scalar_one_or_none()


def resolve_many(subject_ids: list[int]) -> dict[int, Any]:
    """subject id -> owning object for many Subjects: one query for the Subjects, then one per kind present.

    The Subject rows stay in the session, so `obj.subject` (whether it is hidden) costs no further query.
    """
    if not subject_ids:
        return {}
    loaded = db.session.execute(select(Subject).where(Subject.id.in_(subject_ids))).scalars().all()
    by_id = {subject.id: subject for subject in loaded}
    by_kind: dict[str, list[int]] = {}
    for subject in loaded:
        by_kind.setdefault(subject.kind, []).append(subject.id)
    found: dict[int, Any] = {}
    for kind, ids in by_kind.items():
        if kind not in _registry:
            continue
        model = _registry[kind].model
        for obj in db.session.execute(select(model).where(model.subject_id.in_(ids))).scalars():
            found[obj.subject_id] = obj
            if "subject" not in obj.__dict__ and "subject" in sa_inspect(model).relationships:
                set_committed_value(obj, "subject", by_id[obj.subject_id])
    return found


def kind_of(obj: Any) -> SubjectKind:
    """The registration of `obj`'s model, without loading its Subject row; raises UnknownKind."""
    for entry in _registry.values():
        if isinstance(obj, entry.model):
            return entry
    raise UnknownKind(type(obj).__name__)


def author_id_of(obj: Any) -> int | None:
    """The account `obj` belongs to, as its kind's moderation says (an idea's author, a solution's owner); None
    for a kind without moderation."""
    moderation = kind_of(obj).moderation
    return moderation.author_id(obj) if moderation is not None else None


def title_of(obj: Any) -> str:
    """The display title of a registered object."""
    return get(obj.subject.kind).title(obj)


def url_of(obj: Any) -> str:
    """The canonical URL path of a registered object."""
    return get(obj.subject.kind).url(obj)
