"""The kinds of notification: each feature package registers its own, with its wording and e-mail default."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.notifications.models import DELIVERIES


@dataclass(frozen=True)
class NoticeKind:
    """One kind of notification: `label` names it on the settings page, `sentence(notice)` says what happened
    in the current language, `excerpt(notice)` gives the stored sanitised HTML an e-mail quotes (or None), and
    `default` is how it is e-mailed to someone who never chose."""

    name: str
    label: Any
    sentence: Callable[[Any], str]
    default: str = "immediately"
    excerpt: Callable[[Any], str | None] | None = None

    def __post_init__(self) -> None:
        if self.default not in DELIVERIES:
            raise ValueError(f"unknown delivery {self.default!r}")


_kinds: dict[str, NoticeKind] = {}


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
