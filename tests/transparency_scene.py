"""A year of moderation activity for the transparency tests, made with the real services and then dated into
2025 (Europe/Berlin months), and the same figures computed independently: plain Python over the rows."""
from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.extensions import db
from app.moderation import actions, appeals, notices, profiles, reports, sanctioning
from app.moderation.actions import SanctionOrder, Statement
from app.moderation.models import (Action, Appeal, AppealStatus, Decision, ItemStatus, Notice, Reason, Report,
                                   ReviewItem, Sanction, SanctionKind, Source)
from app.models import Subject, utcnow
from app.users.models import Role
from factories import add_supporters, make_idea, make_user
from voting.models import Vote

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = 2025
NOW = datetime(2026, 2, 10, 12, 0, tzinfo=timezone.utc)  # "now" for the figures: 2025 is a whole past year


def member(name: str):
    """A member old enough to count as established for automatic hiding."""
    return make_user(name, created_at=utcnow() - timedelta(days=30))


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def _item(subject_id: int) -> ReviewItem:
    return db.session.execute(select(ReviewItem).where(
        ReviewItem.subject_id == subject_id, ReviewItem.status == ItemStatus.PENDING)).scalar_one()


def _decision(subject_id: int, action: Action, automated: bool = False) -> Decision:
    return db.session.execute(select(Decision).where(
        Decision.subject_id == subject_id, Decision.action == action, Decision.automated == automated)).scalar_one()


def build_scene() -> dict:
    """Reports (three established members hide a profile automatically), notices, manual decisions of every kind
    of source, a sanction on its own and one with a decision, appeals upheld and reversed, supports set aside."""
    mia, moritz = make_user("mia", roles=(Role.MODERATOR,)), make_user("moritz", roles=(Role.MODERATOR,))
    r1, r2, r3 = member("rita"), member("rolf"), member("ruth")
    a1, a2, a3, a4, a5 = (make_user(name) for name in ("anna", "ben", "cem", "dora", "emil"))
    rule = Statement(reason=Reason.SPAM, facts="Advertises a shop.", rule_number=2)

    # a1: three established reports hide it automatically; Mia then hides it; Anna appeals; Moritz reverses.
    for reporter, reason in ((r1, Reason.SPAM), (r2, Reason.SPAM), (r3, Reason.INSULTING)):
        reports.report_profile(reporter, a1, reason)
    hide = actions.agree_and_hide(mia, _item(a1.subject_id), rule)
    appeal = appeals.file_appeal(a1, hide, "It is my own repair café.")
    appeals.decide_appeal(moritz, appeal, reverse=True, response="A neighbourhood project, not spam.")
    # a2: one report, kept.
    reports.report_profile(r1, a2, Reason.OFF_TOPIC)
    actions.disagree_and_keep(mia, _item(a2.subject_id))
    # a3: a notice of illegal content, closed without a judgement.
    notices.submit(location="/u/cem", explanation="This profile shows stolen pictures of me.", name="Nina",
                   email="nina@example.org", good_faith=True, locale="de", subject=profiles.subject_of(a3))
    actions.ignore(moritz, _item(a3.subject_id))
    # a notice about an address only: received, not decided.
    notices.submit(location="/somewhere", explanation="A page that names my neighbours.", name="Olaf",
                   email="olaf@example.org", good_faith=True, locale="en")
    # a4: silenced on the moderators' own initiative.
    sanctioning.sanction_account(mia, a4, SanctionKind.SILENCE, ends_at=utcnow() + timedelta(days=7),
                                 facts="Insults in replies.", rule_number=1)
    # a5: reported, hidden with a suspension; the appeal against the hide is upheld.
    reports.report_profile(r2, a5, Reason.OTHER)
    reports.report_profile(r3, a5, Reason.ILLEGAL)
    hide5 = actions.agree_and_hide(mia, _item(a5.subject_id), rule, SanctionOrder(SanctionKind.SUSPEND, 3))
    appeal5 = appeals.file_appeal(a5, hide5, "Please look again.")
    appeals.decide_appeal(moritz, appeal5, reverse=False, response="The decision stands.")
    # an idea with three supports; staff set two aside (the set-aside use case is another part's).
    idea = make_idea(make_user("ida"))
    add_supporters(idea, 3)
    votes = db.session.execute(select(Vote).where(Vote.subject_id == idea.subject_id).order_by(Vote.id)).scalars().all()

    # Dated into 2025: most in March, the edges on purpose (Berlin's month starts one or two hours before UTC's).
    when = {
        "a1": [utc(2025, 3, 3, 9, 0), utc(2025, 3, 3, 10, 30), utc(2025, 3, 4, 8, 0)],  # reports
        "a1_auto": utc(2025, 3, 4, 8, 0), "a1_hide": utc(2025, 3, 5, 9, 0),
        "a1_appeal": utc(2025, 3, 6, 12, 0), "a1_handled": utc(2025, 3, 31, 22, 30),  # = 1 April, Berlin
        "a2": [utc(2025, 2, 28, 23, 15)],  # = 1 March 00:15, Berlin
        "a2_keep": utc(2025, 3, 1, 2, 15),
        "n3": utc(2025, 3, 10, 8, 0), "a3_ignore": utc(2025, 3, 12, 8, 0),
        "n_loose": utc(2024, 12, 31, 23, 30),  # = 1 January 2025, Berlin
        "a4_silence": utc(2025, 1, 20, 15, 0),
        "a5": [utc(2025, 6, 1, 6, 0), utc(2025, 6, 2, 7, 0)], "a5_hide": utc(2025, 6, 2, 19, 0),
        "a5_appeal": utc(2025, 6, 3, 9, 0), "a5_handled": utc(2025, 7, 1, 9, 0),
        "set_aside": [utc(2025, 3, 20, 10, 0), utc(2025, 12, 31, 23, 5)],  # the second is 2026 in Berlin
    }
    for user, key in ((a1, "a1"), (a2, "a2"), (a5, "a5")):
        rows = db.session.execute(select(Report).where(Report.subject_id == user.subject_id)
                                  .order_by(Report.id)).scalars().all()
        for row, moment in zip(rows, when[key], strict=True):
            row.created_at = moment
    _decision(a1.subject_id, Action.HIDE, automated=True).created_at = when["a1_auto"]
    hide.created_at, hide.reversed_at = when["a1_hide"], when["a1_handled"]
    appeal.created_at, appeal.handled_at = when["a1_appeal"], when["a1_handled"]
    _decision(a2.subject_id, Action.KEEP).created_at = when["a2_keep"]
    n3, loose = db.session.execute(select(Notice).order_by(Notice.id)).scalars().all()
    n3.created_at, loose.created_at = when["n3"], when["n_loose"]
    _decision(a3.subject_id, Action.IGNORE).created_at = when["a3_ignore"]
    silence = db.session.execute(select(Decision).where(Decision.action == Action.SILENCE)).scalar_one()
    silence.created_at = when["a4_silence"]
    hide5.created_at = when["a5_hide"]
    suspend = _decision(a5.subject_id, Action.SUSPEND)
    suspend.created_at = when["a5_hide"]
    for sanction in db.session.execute(select(Sanction)).scalars():
        sanction.starts_at = when["a4_silence"] if sanction.kind is SanctionKind.SILENCE else when["a5_hide"]
    appeal5.created_at, appeal5.handled_at = when["a5_appeal"], when["a5_handled"]
    for vote, moment in zip(votes, when["set_aside"]):
        vote.set_aside_at, vote.set_aside_reason = moment, "Accounts made the same day."
    db.session.commit()
    return {"idea": idea, "votes": votes}


def _month(moment: datetime | None) -> tuple[int, int] | None:
    if moment is None:
        return None
    local = moment.astimezone(BERLIN)
    return local.year, local.month


def expected(year: int, last_month: int = 12) -> list[dict]:
    """The figures of `year`, newest month first, computed in Python from every row (no GROUP BY)."""
    months = [(year, number) for number in range(last_month, 0, -1)]
    all_of = lambda model: db.session.execute(select(model)).scalars().all()  # noqa: E731
    reports_, notices_, decisions_ = all_of(Report), all_of(Notice), all_of(Decision)
    appeals_, sanctions_ = all_of(Appeal), all_of(Sanction)
    votes_ = db.session.execute(select(Vote).join(Subject, Subject.id == Vote.subject_id)
                                .where(Subject.kind == "idea")).scalars().all()
    firsts: dict[int, datetime] = {}
    for row in (*reports_, *notices_):
        if row.decision_id is not None:
            firsts[row.decision_id] = min(row.created_at, firsts.get(row.decision_id, row.created_at))
    result = []
    for key in months:
        in_month = [d for d in decisions_ if _month(d.created_at) == key]
        waits = [(d.created_at - firsts[d.id]).total_seconds() for d in in_month if d.id in firsts]
        reasons = Counter(r.reason for r in reports_ if _month(r.created_at) == key)
        actions_ = Counter(d.action for d in in_month)
        sources = Counter(d.source for d in in_month)
        handled = Counter(a.status for a in appeals_ if _month(a.handled_at) == key)
        kinds = Counter(s.kind for s in sanctions_ if _month(s.starts_at) == key)
        result.append({
            "month": f"{key[0]:04d}-{key[1]:02d}",
            "reports_by_reason": {reason.value: reasons[reason] for reason in Reason},
            "notices": sum(1 for n in notices_ if _month(n.created_at) == key),
            "decisions_by_action": {action.value: actions_[action] for action in Action},
            "decisions_by_source": {source.value: sources[source] for source in Source},
            "decisions_automated": sum(1 for d in in_month if d.automated),
            "decisions_manual": sum(1 for d in in_month if not d.automated),
            "decisions_measured": len(waits),
            "median_hours_to_decision": round(statistics.median(waits) / 3600, 2) if waits else None,
            "appeals_received": sum(1 for a in appeals_ if _month(a.created_at) == key),
            "appeals_upheld": handled[AppealStatus.UPHELD],
            "appeals_reversed": handled[AppealStatus.REVERSED],
            "decisions_reversed": sum(1 for d in decisions_ if _month(d.reversed_at) == key),
            "sanctions_by_kind": {kind.value: kinds[kind] for kind in SanctionKind},
            "supports_set_aside": sum(1 for v in votes_ if _month(v.set_aside_at) == key),
        })
    return result
