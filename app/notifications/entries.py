"""Entries of the inbox and of digests: a notification on its own, or several replies in one thread told as one.

What groups, and why (what someone used to Discourse expects; Discourse folds a topic's unread "replied" and
"posted" notifications into one "N replies" that opens at the first unread post):

- The kinds that register `grouped` (app.notifications.kinds) group: in the forums, "replied to you" and "new
  reply in a discussion you follow", in forum threads and in the discussions of ideas and solutions alike.
  Several of one kind about one thread are one entry: "5 new replies in “Benches” by Anna, Ben and 3 others",
  which opens at the first of them (the first unread reply). Replies to you and the rest of a thread's news stay
  two entries: what answers you personally should not drown in the rest.
- Everything addressed to you alone, or carrying news of its own, stays single: a mention, the city's answer, a
  status change, a merge, a support goal reached, a support set aside, a new idea or discussion in a followed
  category, a solution's milestones and updates, offers to help. Each is worth its line, as Discourse never
  folds mentions, quotes or messages either.
- In the inbox, what was unread together is one entry: the unread notifications of a kind about one thread since
  the last visit. Opening or marking the entry marks all of them read at one moment, and they stay one entry
  (the moment they were read is part of what makes it); a reply arriving later starts a new entry. A digest
  holds only news, so all of a kind's notifications about one thread in it are one entry.
- The header counts unread entries, the lines the inbox shows as unread, not the notifications behind them.
- An entry's number counts every notification it holds, also those whose post was removed since (it was written,
  and the thread keeps its placeholder); the link goes to the first one still there, and the names are of those
  who wrote what is still there. When all of them were removed the entry says so, without a link.
"""
from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list
from flask_babel import get_locale, ngettext

from app import subjects
from app.notifications import kinds
from app.notifications.models import Notification
from app.notifications.notices import Notice

NAMED = 2  # people named in a grouped entry; the rest are counted ("and 3 others")


@dataclass(frozen=True)
class Entry:
    """One line: `members` are its notices, oldest first (in the inbox the first few and the newest, removed
    ones included); `count` how many notifications it holds, `people` how many different people wrote them
    (0: count them in `members`)."""

    members: list[Notice]
    count: int
    people: int = 0

    @property
    def notification(self) -> Notification:
        """The newest notification: the entry's address (open, mark read) and its time."""
        return self.members[-1].notification

    @property
    def kind(self) -> kinds.NoticeKind:
        return self.members[-1].kind

    @property
    def grouped(self) -> bool:
        return self.count > 1 and self.kind.grouped is not None

    @property
    def present(self) -> list[Notice]:
        """The members still there, oldest first."""
        return [notice for notice in self.members if not notice.gone]

    @property
    def gone(self) -> bool:
        return not self.present

    @property
    def gone_sentence(self) -> str:
        """What the inbox says instead of a link when nothing of it is left: "This post was removed.", for a
        grouped entry "These posts were removed.", or "This discussion was removed." when the thread went."""
        newest = self.members[-1]
        if not self.grouped or not self.gone:
            return newest.gone_sentence
        thread_went = newest.removed_kind == subjects.kind_of(newest.about).kind
        return kinds.removed_sentence(newest.removed_kind, several=not thread_went)

    @property
    def sentence(self) -> str:
        return self.kind.grouped(self) if self.grouped else self.members[-1].sentence

    @property
    def url(self) -> str:
        """Where opening it goes: the first notification still there (the first unread reply)."""
        return self.present[0].url

    @property
    def title(self) -> str:
        return self.members[-1].title

    @property
    def names(self) -> str:
        """Who wrote what is still there, newest first: "Anna", "Anna and Ben", "Anna, Ben and 3 others"."""
        named: dict[int | None, str] = {}
        for notice in reversed(self.present):
            named.setdefault(notice.notification.actor_id, notice.actor_name)
        people, names = max(self.people + (None in named), len(named)), list(named.values())
        shown = names[:NAMED + 1] if people == NAMED + 1 else names[:NAMED]  # never "and 1 other": their name
        if people > len(shown):
            shown.append(ngettext("%(num)d other", "%(num)d others", people - len(shown)))
        return format_list(shown, locale=get_locale())


def group(notices: list[Notice]) -> list[Entry]:
    """`notices` as entries, newest entry first: those of a groupable kind about one thing together, each other
    one alone. For a digest, where every notice is news and all of them are loaded."""
    groupable = set(kinds.groupable())
    found: dict[tuple, list[Notice]] = {}
    for notice in sorted(notices, key=lambda n: (n.notification.created_at, n.notification.id)):
        n = notice.notification
        key = (n.kind, n.subject_id) if n.kind in groupable else ("", n.id)
        found.setdefault(key, []).append(notice)
    entries = [Entry(members, len(members)) for members in found.values()]
    return sorted(entries, key=lambda e: (e.notification.created_at, e.notification.id), reverse=True)
