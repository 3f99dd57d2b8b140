"""Demo decisions for the month's transparency figures (`/transparency`), beyond the moderation demo's one hiding.

- A casino advert from an account made yesterday: the watched word "Casino" reports it, three established
  members report it as spam, and it is hidden automatically before anyone looked; Mira then hides it for good
  (house rule 2) and suspends the account for 30 days.
- Jonas' sharp criticism of the city, reported by Tom as insulting: Mira keeps it (criticism of the city is not
  an insult of a person), so the report is rejected.
- Meg's report of the pinned welcome post (a missing link): not a moderation matter, Milo closes it without a
  judgement (ignored).

Every step goes through the moderation services; only the posts and their reports are moved a few hours back (the
post before its reports), so the time to a decision is not zero. Each scene is added once: a second run finds its post or report and adds nothing.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.moderation import actions, reports
from app.moderation.models import ItemStatus, Reason, Report, ReviewItem, SanctionKind
from app.users.services import find_by_username
from demo.moderation import BIKE_THREAD, _post, _thread
from demo.timeline import written
from demo.users import create_demo_account
from forums import services as forum_services
from forums.models import Post, Thread

SPAMMER = ("spin_bonus", "Spin & Win Bonus")
SPAM = ("Kein freier Fahrradständer in Sicht? Dann lieber gleich gewinnen: Im **Casino** von "
        "spin-bonus.example.net gibt es heute 200 € Startguthaben ohne Einzahlung!")
SPAM_REPORTERS = (("lena", "Werbung für ein Online-Casino."), ("jonas", "Spam mit Link."),
                  ("noah", "Reine Werbung, hat mit Fahrradständern nichts zu tun."))
SPAM_HIDING = actions.Statement(
    reason=Reason.SPAM, rule_number=2,
    facts="Werbung für ein Online-Casino mit Werbelink, ohne Bezug zum Thema. Das Konto wurde am Vortag angelegt "
          "und hat nur diesen Beitrag geschrieben.")
SPAM_SANCTION = actions.SanctionOrder(SanctionKind.SUSPEND, 30)

CRITICISM = ("jonas", "Ganz ehrlich: Dass wir seit Monaten um ein paar Daten zu Fahrradständern bitten müssen, "
                      "ist für eine Stadt, die sich „digital“ nennt, ziemlich peinlich.")
CRITICISM_REPORT = ("tom", Reason.INSULTING, "Das ist respektlos gegenüber den Leuten in der Verwaltung.")
KEEPING = actions.Statement(
    facts="Scharfe Kritik an der Stadt, aber an niemanden persönlich gerichtet. Solche Kritik ist hier erlaubt.")

WELCOME = ("werkstatt", "Willkommen im Forum – bitte lesen")
WELCOME_REPORT = ("member", Reason.OTHER, "The welcome post mentions the house rules but does not link to them.")
IGNORING = actions.Statement(facts="No rule was broken; a missing link is not a matter for moderation. "
                                   "Ada will add it.")

# Hours each scene's reports came in before the decision.
SPAM_HOURS, CRITICISM_HOURS, WELCOME_HOURS = 2, 19, 7


def load() -> int:
    """Add the three scenes that are not there yet; returns how many decisions they made."""
    mira, milo = find_by_username("moderator"), find_by_username("moderator_en")
    thread = _thread(BIKE_THREAD)
    if mira is None or milo is None or thread is None:
        return 0
    return _load_kept(mira, thread) + _load_spam(mira, thread) + _load_ignored(milo)  # the older post first


def _item(subject_id: int) -> ReviewItem:
    return db.session.execute(select(ReviewItem).where(ReviewItem.subject_id == subject_id,
                                                       ReviewItem.status == ItemStatus.PENDING)).scalar_one()


def _earlier(subject_id: int, hours: float) -> None:
    """The subject's reports came in `hours` before now (a few minutes apart)."""
    found = db.session.execute(select(Report).where(Report.subject_id == subject_id).order_by(Report.id)
                               ).scalars().all()
    for number, report in enumerate(found):
        report.created_at = utcnow() - timedelta(hours=hours, minutes=10 * (len(found) - number))
    db.session.commit()


def _load_spam(mira, thread: Thread) -> int:
    """The casino advert: reported by the watched word and three members, hidden automatically, then by Mira."""
    username, name = SPAMMER
    spammer = find_by_username(username)
    if spammer is not None:
        return 0
    spammer = create_demo_account(username, name, "de")
    spammer.created_at = spammer.email_confirmed_at = utcnow() - timedelta(days=1)
    db.session.commit()
    post = written(forum_services.reply(spammer, thread, SPAM), SPAM_HOURS + 1)
    for reporter, note in SPAM_REPORTERS:
        reports.report(find_by_username(reporter), post.subject, Reason.SPAM, note)
    _earlier(post.subject_id, SPAM_HOURS)
    actions.agree_and_hide(mira, _item(post.subject_id), SPAM_HIDING, SPAM_SANCTION)
    return 3  # automatic hiding, Mira's hiding, the suspension


def _load_kept(mira, thread: Thread) -> int:
    """Jonas' criticism, Tom's report, Mira keeps it."""
    author, body = CRITICISM
    jonas = find_by_username(author)
    if _post(thread, jonas, forum_services.clean_body(body)) is not None:
        return 0
    post = written(forum_services.reply(jonas, thread, body), CRITICISM_HOURS + 2)
    reporter, reason, note = CRITICISM_REPORT
    reports.report(find_by_username(reporter), post.subject, reason, note)
    _earlier(post.subject_id, CRITICISM_HOURS)
    actions.disagree_and_keep(mira, _item(post.subject_id), KEEPING)
    return 1


def _load_ignored(milo) -> int:
    """Meg's report of the welcome post, closed by Milo without a judgement."""
    thread = _thread(WELCOME)
    reporter, reason, note = WELCOME_REPORT
    member = find_by_username(reporter)
    if thread is None or member is None:
        return 0
    first = db.session.execute(select(Post).where(Post.thread_id == thread.id).order_by(Post.id)).scalars().first()
    if db.session.execute(select(Report.id).where(Report.subject_id == first.subject_id,
                                                  Report.reporter_id == member.id)).first() is not None:
        return 0
    reports.report(member, first.subject, reason, note)
    _earlier(first.subject_id, WELCOME_HOURS)
    actions.ignore(milo, _item(first.subject_id), IGNORING)
    return 1
