"""The transparency figures: what moderation did, per calendar month of the site's time zone, computed from the
stored rows with GROUP BY queries (a constant number, however many months and rows), never typed in.

Months are the site's calendar months (`BABEL_DEFAULT_TIMEZONE`): their starts are computed here and a CASE
expression puts every row into its month, so SQLite and PostgreSQL bucket alike. The median time to a decision is
`percentile_cont(0.5)` on PostgreSQL and the same median in Python on SQLite (which has no percentile).

Definitions (the page explains them in plain words):
- reports received by reason, notices received: by the month they arrived;
- decisions by action and by source, automatic (`Decision.automated`) or manual: by the month of the decision;
- time to a decision: from the first report or notice a decision answered (those whose `decision_id` is the
  decision) to the decision; decisions taken without a report or notice are not measured;
- appeals received (month filed), decided (month handled, upheld or reversed), decisions reversed (`reversed_at`);
- sanctions by kind: by the month they started; supports set aside: by the month they were set aside.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import and_, case, extract, func, literal, select, union_all

from app.extensions import db
from app.models import utcnow
from app.moderation.models import (Action, Appeal, AppealStatus, Decision, Notice, Reason, Report, Sanction,
                                   SanctionKind, Source)
from app.transparency.sources import set_aside_sources


@dataclass
class Month:
    """The figures of one calendar month."""

    year: int
    number: int
    reports: Counter = field(default_factory=Counter)  # Reason -> reports received
    notices: int = 0
    by_action: Counter = field(default_factory=Counter)  # Action -> decisions
    by_source: Counter = field(default_factory=Counter)  # Source -> decisions
    automated: int = 0
    manual: int = 0
    measured: int = 0  # decisions with a time from the first report or notice
    median_seconds: float | None = None
    appeals_received: int = 0
    appeals_upheld: int = 0
    appeals_reversed: int = 0
    reversed: int = 0  # decisions reversed this month
    sanctions: Counter = field(default_factory=Counter)  # SanctionKind -> sanctions started
    set_aside: int = 0

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def reports_total(self) -> int:
        return sum(self.reports.values())

    @property
    def decisions(self) -> int:
        return self.automated + self.manual

    @property
    def appeals_decided(self) -> int:
        return self.appeals_upheld + self.appeals_reversed

    @property
    def sanctions_total(self) -> int:
        return sum(self.sanctions.values())

    def as_dict(self) -> dict:
        """The month as plain data (the open-data copy)."""
        return {
            "month": self.key,
            "reports_by_reason": {reason.value: self.reports[reason] for reason in Reason},
            "notices": self.notices,
            "decisions_by_action": {action.value: self.by_action[action] for action in Action},
            "decisions_by_source": {source.value: self.by_source[source] for source in Source},
            "decisions_automated": self.automated,
            "decisions_manual": self.manual,
            "decisions_measured": self.measured,
            "median_hours_to_decision": None if self.median_seconds is None else round(self.median_seconds / 3600, 2),
            "appeals_received": self.appeals_received,
            "appeals_upheld": self.appeals_upheld,
            "appeals_reversed": self.appeals_reversed,
            "decisions_reversed": self.reversed,
            "sanctions_by_kind": {kind.value: self.sanctions[kind] for kind in SanctionKind},
            "supports_set_aside": self.set_aside,
        }


@dataclass
class Year:
    """The months of one year that have begun, newest first, and the years there are figures for."""

    year: int
    months: list[Month]
    first_year: int
    last_year: int


def site_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")


def month_starts(year: int, zone: ZoneInfo) -> list[datetime]:
    """The starts of the twelve months of `year` in `zone` and of the next year's January, in UTC (13 moments)."""
    starts = [datetime(year, month, 1, tzinfo=zone) for month in range(1, 13)]
    starts.append(datetime(year + 1, 1, 1, tzinfo=zone))
    return [moment.astimezone(timezone.utc) for moment in starts]


def current_year(now: datetime | None = None) -> int:
    return (now or utcnow()).astimezone(site_zone()).year


def year_figures(year: int, *, now: datetime | None = None) -> Year:
    """Every figure of `year`'s months that have begun by `now` (site time), newest first. A constant number of
    queries: one per figure, plus one per registered source of supports set aside."""
    zone = site_zone()
    now = (now or utcnow()).astimezone(zone)
    last = 12 if year < now.year else (now.month if year == now.year else 0)
    starts = month_starts(year, zone)
    months = {number: Month(year, number) for number in range(1, last + 1)}

    def put(number, apply) -> None:
        if number in months:
            apply(months[number])

    for (number, reason), count in _grouped(Report.created_at, starts, Report.reason).items():
        put(number, lambda m: m.reports.update({Reason(reason): count}))
    for (number,), count in _grouped(Notice.created_at, starts).items():
        put(number, lambda m: setattr(m, "notices", count))
    for (number, action, source, automated), count in _grouped(
            Decision.created_at, starts, Decision.action, Decision.source, Decision.automated).items():
        put(number, lambda m: _add_decisions(m, Action(action), Source(source), bool(automated), count))
    for number, (measured, median) in _medians(starts).items():
        put(number, lambda m: (setattr(m, "measured", measured), setattr(m, "median_seconds", median)))
    for (number,), count in _grouped(Appeal.created_at, starts).items():
        put(number, lambda m: setattr(m, "appeals_received", count))
    for (number, status), count in _grouped(Appeal.handled_at, starts, Appeal.status).items():
        put(number, lambda m: _add_appeals(m, AppealStatus(status), count))
    for (number,), count in _grouped(Decision.reversed_at, starts).items():
        put(number, lambda m: setattr(m, "reversed", count))
    for (number, kind), count in _grouped(Sanction.starts_at, starts, Sanction.kind).items():
        put(number, lambda m: m.sanctions.update({SanctionKind(kind): count}))
    for moments in set_aside_sources():
        at = moments().subquery().c.at
        for (number,), count in _grouped(at, starts).items():
            put(number, lambda m: setattr(m, "set_aside", m.set_aside + count))
    first = _first_year(zone) or now.year
    return Year(year, [months[n] for n in sorted(months, reverse=True)], min(first, now.year), now.year)


def _add_decisions(month: Month, action: Action, source: Source, automated: bool, count: int) -> None:
    month.by_action[action] += count
    month.by_source[source] += count
    if automated:
        month.automated += count
    else:
        month.manual += count


def _add_appeals(month: Month, status: AppealStatus, count: int) -> None:
    if status is AppealStatus.UPHELD:
        month.appeals_upheld += count
    elif status is AppealStatus.REVERSED:
        month.appeals_reversed += count


def month_of(column, starts: list[datetime]):
    """A CASE expression: the month number (1-12) of `column` among the `starts` of one year (NULL outside)."""
    whens = [(column >= starts[number - 1], literal(number)) for number in range(12, 0, -1)]
    return case(*whens, else_=None)


def _within(column, starts: list[datetime]):
    return and_(column.is_not(None), column >= starts[0], column < starts[12])


def _grouped(column, starts: list[datetime], *keys) -> dict[tuple, int]:
    """(month, *key values) -> number of rows whose `column` falls in that month of the year: one query."""
    bucket = month_of(column, starts).label("month")
    rows = db.session.execute(
        select(bucket, *keys, func.count()).where(_within(column, starts)).group_by(bucket, *keys)
    ).all()
    return {tuple(row[:-1]): row[-1] for row in rows}


def _first_moments():
    """For each decision: the first report or notice it answered."""
    answered = union_all(
        select(Report.decision_id.label("decision_id"), Report.created_at.label("at"))
        .where(Report.decision_id.is_not(None)),
        select(Notice.decision_id.label("decision_id"), Notice.created_at.label("at"))
        .where(Notice.decision_id.is_not(None)),
    ).subquery()
    return (select(answered.c.decision_id, func.min(answered.c.at).label("first_at"))
            .group_by(answered.c.decision_id).subquery())


def _medians(starts: list[datetime]) -> dict[int, tuple[int, float]]:
    """month -> (decisions measured, median seconds from the first report or notice to the decision): one query."""
    first = _first_moments()
    bucket = month_of(Decision.created_at, starts).label("month")
    joined = select(bucket).join_from(Decision, first, first.c.decision_id == Decision.id) \
        .where(_within(Decision.created_at, starts))
    if db.session.get_bind().dialect.name == "postgresql":
        seconds = extract("epoch", Decision.created_at - first.c.first_at)
        rows = db.session.execute(joined.add_columns(
            func.count(), func.percentile_cont(0.5).within_group(seconds)).group_by(bucket)).all()
        return {number: (count, float(median)) for number, count, median in rows}
    waits: dict[int, list[float]] = {}
    for number, decided, first_at in db.session.execute(joined.add_columns(Decision.created_at, first.c.first_at)):
        waits.setdefault(number, []).append((decided - _aware(first_at)).total_seconds())
    return {number: (len(values), float(statistics.median(values))) for number, values in waits.items()}


def _first_year(zone: ZoneInfo) -> int | None:
    """The year of the earliest report, notice or decision (one query), or None before the first."""
    earliest = union_all(
        select(func.min(Report.created_at).label("at")),
        select(func.min(Notice.created_at).label("at")),
        select(func.min(Decision.created_at).label("at")),
    ).subquery()
    moment = db.session.execute(select(func.min(earliest.c.at))).scalar()
    if moment is None:
        return None
    return _aware(moment).astimezone(zone).year


def _aware(moment: datetime | str) -> datetime:
    """A moment read from an aggregate over a union, which SQLite may hand back as text or without a zone (UTC)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
