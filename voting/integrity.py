"""Support integrity: which counted votes of a Subject look like a burst someone arranged, and why.

Your Priorities' vote-fraud checks are the anchor. `load_supports` reads the counted votes asked for with their
voter's account and their trace (one query, however many votes); `detect` groups them by evidence, in memory:

- "same_day": at least INTEGRITY_SAME_DAY accounts created on the same (UTC) day;
- "network": at least INTEGRITY_NETWORK_SUPPORTS supports from the same network prefix hash within
  INTEGRITY_NETWORK_MINUTES minutes;
- "agent": at least INTEGRITY_AGENT_SUPPORTS supports with the same browser signature hash within
  INTEGRITY_AGENT_MINUTES minutes;
- "sandboxed": supports from accounts still in the new-member sandbox (trust level 0).

Traces are kept only for VOTE_TRACE_DAYS (voting.traces), so the network and browser checks see recent supports only.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, select

from app.extensions import db
from app.trust import settings
from app.trust.models import TrustLevel
from app.users.models import User
from voting.models import SupportTrace, Vote
from voting.queries import COUNTED
from voting.traces import INTEGRITY

SAME_DAY = settings.define("integrity_same_day_accounts", 5, label=_l(
    "Supports from accounts created on the same day that make a suspicious group"), group=INTEGRITY,
    minimum=2, maximum=1000)
NETWORK_SUPPORTS = settings.define("integrity_network_supports", 3, label=_l(
    "Supports from one network within the time window that make a suspicious group"), group=INTEGRITY,
    minimum=2, maximum=1000)
NETWORK_MINUTES = settings.define("integrity_network_minutes", 10, label=_l(
    "Time window for supports from one network (minutes)"), group=INTEGRITY, minimum=1, maximum=1440)
AGENT_SUPPORTS = settings.define("integrity_agent_supports", 3, label=_l(
    "Supports with one browser signature within the time window that make a suspicious group"), group=INTEGRITY,
    minimum=2, maximum=1000)
AGENT_MINUTES = settings.define("integrity_agent_minutes", 5, label=_l(
    "Time window for supports with one browser signature (minutes)"), group=INTEGRITY, minimum=1, maximum=1440)

KINDS = ("network", "agent", "same_day", "sandboxed")  # the order groups of equal size are shown in


@dataclass(frozen=True)
class Support:
    """One counted vote with what integrity looks at: the voter's account and the vote's hashed trace."""

    vote_id: int
    subject_id: int
    voter_id: int
    username: str
    display_name: str
    account_created_at: datetime
    trust_level: int
    supported_at: datetime
    network_hash: str
    agent_hash: str

    @property
    def short_network(self) -> str:
        """The first 8 hex digits of the network hash: enough to tell groups apart, never the address."""
        return self.network_hash[:8]

    @property
    def short_agent(self) -> str:
        return self.agent_hash[:8]


@dataclass(frozen=True)
class Group:
    """Supports that look arranged, with the evidence: its kind, their span of time, and the shared value (the
    accounts' day of creation, or a short form of the shared hash)."""

    kind: str
    supports: tuple[Support, ...]
    first: datetime
    last: datetime
    day: date | None = None
    key: str = ""

    @property
    def size(self) -> int:
        return len(self.supports)

    @property
    def minutes(self) -> int:
        """The span of the supports in whole minutes (rounded up)."""
        return -(-int((self.last - self.first).total_seconds()) // 60)


def load_supports(*conditions: ColumnElement[bool]) -> dict[int, list[Support]]:
    """The counted votes that meet `conditions` (on Vote), per subject id, oldest first: one query."""
    rows = db.session.execute(
        select(Vote.id, Vote.subject_id, Vote.voter_id, User.username, User.display_name, User.created_at,
               User.trust_level, Vote.created_at, SupportTrace.network_hash, SupportTrace.agent_hash)
        .join(User, User.id == Vote.voter_id).outerjoin(SupportTrace, SupportTrace.vote_id == Vote.id)
        .where(COUNTED, *conditions).order_by(Vote.subject_id, Vote.created_at, Vote.id)).all()
    found: dict[int, list[Support]] = defaultdict(list)
    for row in rows:
        found[row[1]].append(Support(*row[:8], network_hash=row[8] or "", agent_hash=row[9] or ""))
    return dict(found)


def detect(supports: Iterable[Support]) -> list[Group]:
    """The suspicious groups among one Subject's supports, the largest first."""
    supports = list(supports)
    groups = [
        *_bursts(supports, "network", lambda s: s.network_hash, settings.value(NETWORK_SUPPORTS),
                 timedelta(minutes=settings.value(NETWORK_MINUTES))),
        *_bursts(supports, "agent", lambda s: s.agent_hash, settings.value(AGENT_SUPPORTS),
                 timedelta(minutes=settings.value(AGENT_MINUTES))),
        *_same_day(supports, settings.value(SAME_DAY)),
    ]
    sandboxed = tuple(s for s in supports if s.trust_level == TrustLevel.SANDBOX)
    if sandboxed:
        groups.append(_group("sandboxed", sandboxed))
    return sorted(groups, key=lambda g: (-g.size, KINDS.index(g.kind), g.first))


def flagged(groups: Iterable[Group]) -> set[int]:
    """The ids of the votes in any of `groups`."""
    return {s.vote_id for group in groups for s in group.supports}


def _group(kind: str, supports: tuple[Support, ...], **evidence) -> Group:
    return Group(kind, supports, min(s.supported_at for s in supports), max(s.supported_at for s in supports),
                 **evidence)


def _same_day(supports: list[Support], size: int) -> list[Group]:
    by_day: dict[date, list[Support]] = defaultdict(list)
    for support in supports:
        by_day[support.account_created_at.date()].append(support)
    return [_group("same_day", tuple(found), day=day) for day, found in sorted(by_day.items()) if len(found) >= size]


def _bursts(supports: list[Support], kind: str, key: Callable[[Support], str], size: int,
            window: timedelta) -> list[Group]:
    """Per value of `key`: the runs of supports where `size` or more fall within `window` (overlapping windows
    joined into one group). Linear after sorting: two pointers over each value's supports."""
    by_key: dict[str, list[Support]] = defaultdict(list)
    for support in supports:
        if key(support):
            by_key[key(support)].append(support)
    groups = []
    for value, found in by_key.items():
        if len(found) < size:
            continue
        found.sort(key=lambda s: (s.supported_at, s.vote_id))
        runs: list[list[int]] = []
        end = 0
        for start in range(len(found)):
            end = max(end, start)
            while end + 1 < len(found) and found[end + 1].supported_at - found[start].supported_at <= window:
                end += 1
            if end - start + 1 < size:
                continue
            if runs and start <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], end)
            else:
                runs.append([start, end])
        groups += [_group(kind, tuple(found[a:b + 1]), key=value[:8]) for a, b in runs]
    return groups
