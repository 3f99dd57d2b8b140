"""The kinds of notification: each feature package registers its own, with its wording and e-mail default."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.notifications.models import DELIVERIES


@dataclass(frozen=True)
class NoticeKind:
    """One kind of notification: `label` names it on the settings page, `sentence(notice)` says what happened
    in the current language, `excerpt(notice)` gives the stored sanitised HTML an e-mail quotes (or None), and
    `default` is how it is e-mailed to someone who never chose.

    A kind with `grouped(entry)` is groupable: several notifications of it about one thing become one entry of
    the inbox and of a digest (app.notifications.entries), which that callable words ("5 new replies in …").
    """

    name: str
    label: Any
    sentence: Callable[[Any], str]
    default: str = "immediately"
    excerpt: Callable[[Any], str | None] | None = None
    grouped: Callable[[Any], str] | None = None

    def __post_init__(self) -> None:
        if self.default not in DELIVERIES:
            raise ValueError(f"unknown delivery {self.default!r}")


_kinds: dict[str, NoticeKind] = {}
_removed: dict[str, tuple[Any, Any]] = {}


class UnknownNoticeKind(LookupError):
    """Raised for a notification kind no package registered."""


def register(kind: NoticeKind) -> NoticeKind:
    """Make `kind` known (registering a name again replaces it: one app per test)."""
    _kinds[kind.name] = kind
    return kind


def register_all(registered: Iterable[NoticeKind]) -> None:
    """Register each of a package's kinds, in order (the settings page's order)."""
    for kind in registered:
        register(kind)


def get(name: str) -> NoticeKind:
    """The registration of `name`; raises UnknownNoticeKind."""
    try:
        return _kinds[name]
    except KeyError:
        raise UnknownNoticeKind(name) from None


def known(name: str) -> bool:
    return name in _kinds


def all_kinds() -> list[NoticeKind]:
    """Every registered kind, in the order of registration (the settings page's order)."""
    return list(_kinds.values())


def groupable() -> list[str]:
    """The names of the kinds whose notifications about one thing are told as one entry."""
    return [kind.name for kind in _kinds.values() if kind.grouped is not None]


def register_removed(subject_kind: str, one: Any, several: Any | None = None) -> None:
    """How the inbox says that an object of the Subject kind `subject_kind` was removed (deleted, or hidden by
    moderation): `one` for a single notification ("This post was removed."), `several` for a grouped entry whose
    every member was removed ("These posts were removed.")."""
    _removed[subject_kind] = (one, several if several is not None else one)


def removed_sentence(subject_kind: str | None, *, several: bool = False) -> str:
    """The registered wording for a removed object of `subject_kind`, else a general one."""
    one, many = _removed.get(subject_kind or "", (_l("This content was removed."), _l("This content was removed.")))
    return str(many if several else one)
