"""Demo support integrity for `flask demo load`: an idea whose supports jumped by ten in three minutes.

Felix asks for free parking in the old town on Saturdays. A few members support it over some days; then, last
night, ten accounts made on the same evening two days ago support it within three minutes, from one network and
one browser. `/ideas/integrity` lists the idea with that evidence (same network, same browser, same day of
creation, sandboxed accounts). Sven (city staff) has set one of the ten supports aside already: its owner wrote
that someone else had made the account in his name (house rule 6). The other nine wait for staff to look.

The supports go through `ideas.services.support` with traces from `voting.traces.fingerprint`, so the hashes are
the app's own; then the times are moved back to the story's. Added once: a second run finds the idea.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.users.services import find_by_username
from demo.users import add_accounts, create_demo_account
from ideas import services
from ideas.categories import find_category
from ideas.models import Idea, IdeaStatusChange
from voting.models import SupportTrace, Vote
from voting.traces import fingerprint

AUTHOR = ("felix", "Felix Hofmann", "de", 300)
TITLE = "Samstags kostenlos parken in der Altstadt"
BODY = ("Seit die Parkgebühren gestiegen sind, kommen samstags spürbar weniger Kundinnen und Kunden in die "
        "Altstadt.\n\n**Vorschlag:** Samstags bis 14 Uhr kostenlos parken in den städtischen Parkhäusern am "
        "Rathausplatz und am Stadtmuseum, zunächst als Versuch für ein Jahr.")
CATEGORY = "mobilitaet"
PUBLISHED_DAYS_AGO = 6

PHONE = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
         "Mobile Safari/537.36")
# Members who support it now and then: (username, hours ago, address, browser).
REGULARS = (
    ("tom", 5 * 24 + 3, "203.0.113.54", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"),
    ("kai", 4 * 24 + 20, "2001:db8:4a1::17",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.4 Mobile Safari/604.1"),
    ("jonas", 3 * 24 + 1, "192.0.2.200", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                                         "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
)
LATE_REGULAR = ("noah", 5, "2001:db8:77::3", "Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0")
# The ten accounts of the burst (username, display name): signed up two days ago between 19:40 and 20:07 UTC.
BURST = (("anna_w85", "Anna W."), ("k_brandl", "K. Brandl"), ("sepp1972", "Sepp"), ("maxi_r", "Maxi R."),
         ("lisa_m_91", "Lisa M."), ("tobi_h", "Tobi H."), ("vroni82", "Vroni"), ("flo_b", "Flo B."),
         ("resi_k", "Resi K."), ("hans_g61", "Hans G."))
BURST_NETWORK = "198.51.100.{}"  # one /24: the addresses differ, the network does not
SIGNED_UP_AT, SUPPORTED_AT = time(19, 40), time(20, 14)
SET_ASIDE = ("stadt", "hans_g61",
             "Der Inhaber dieses Kontos hat uns geschrieben, dass jemand anderes das Konto in seinem Namen angelegt "
             "hat (Hausregel 6: ein Konto pro Person). Die übrigen neun Unterstützungen prüfen wir noch.")


def load() -> int:
    """Add the idea with its supports and the one support set aside; 0 if it is there already."""
    if db.session.execute(select(Idea.id).where(Idea.title == TITLE)).first() is not None:
        return 0
    category = find_category(CATEGORY)
    if category is None or find_by_username("stadt") is None:
        return 0
    add_accounts((AUTHOR,))
    now = utcnow()
    burst_day = (now - timedelta(days=2)).date()
    burst = _burst_accounts(burst_day)
    idea = services.create_idea(find_by_username(AUTHOR[0]), services.IdeaInput(
        title=TITLE, body_md=BODY, category=category, language="de"), publish=True)
    moments: dict[int, datetime] = {}
    for username, hours, address, agent in REGULARS:
        moments[_support(idea, username, address, agent)] = now - timedelta(hours=hours)
    start = datetime.combine(burst_day + timedelta(days=1), SUPPORTED_AT, tzinfo=timezone.utc)
    for number, user in enumerate(burst):
        vote_id = _support(idea, user.username, BURST_NETWORK.format(17 + 13 * number), PHONE)
        moments[vote_id] = start + timedelta(seconds=19 * number)
    username, hours, address, agent = LATE_REGULAR
    moments[_support(idea, username, address, agent)] = now - timedelta(hours=hours)
    _backdate(idea, moments, now - timedelta(days=PUBLISHED_DAYS_AGO))
    staff, voter, reason = SET_ASIDE
    vote = db.session.execute(select(Vote.id).where(Vote.subject_id == idea.subject_id,
                                                    Vote.voter_id == find_by_username(voter).id)).scalar_one()
    services.set_aside_supports(find_by_username(staff), idea, [vote], reason)
    return 1


def _burst_accounts(day) -> list:
    """The ten accounts, signed up on `day` a few minutes apart (still in the sandbox)."""
    accounts = []
    for number, (username, name) in enumerate(BURST):
        user = find_by_username(username) or create_demo_account(username, name, "de")
        user.created_at = user.email_confirmed_at = (
            datetime.combine(day, SIGNED_UP_AT, tzinfo=timezone.utc) + timedelta(minutes=3 * number))
        accounts.append(user)
    db.session.commit()
    return accounts


def _support(idea: Idea, username: str, address: str, agent: str) -> int:
    """`username` supports the idea from `address` with browser `agent`; returns the vote's id."""
    user = find_by_username(username)
    services.support(user, idea, fingerprint(address, agent))
    return db.session.execute(select(Vote.id).where(Vote.subject_id == idea.subject_id,
                                                    Vote.voter_id == user.id)).scalar_one()


def _backdate(idea: Idea, moments: dict[int, datetime], published: datetime) -> None:
    """Move the idea's publication, its supports and their traces, and its answer clock to the story's times."""
    idea.created_at = idea.updated_at = idea.published_at = idea.status_changed_at = published
    idea.discussion.created_at = idea.discussion.last_posted_at = published
    first = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                               .order_by(IdeaStatusChange.id)).scalars().first()
    first.created_at = published
    for vote in db.session.execute(select(Vote).where(Vote.id.in_(list(moments)))).scalars():
        vote.created_at = moments[vote.id]
    for trace in db.session.execute(select(SupportTrace).where(SupportTrace.vote_id.in_(list(moments)))).scalars():
        trace.created_at = moments[trace.vote_id]
    if idea.threshold_reached_at is not None:  # the threshold-th support started the clock
        reached = sorted(moments.values())[idea.category.support_threshold - 1]
        idea.threshold_reached_at, idea.answer_due_at = reached, idea.due_date_for(reached)
    db.session.commit()
