"""Demo moderation for `flask demo load`: reports waiting in the review queue, one reply hidden by a moderator with
its statement of reasons, and the author's appeal waiting for the other moderator.

Runs after the forums and ideas (it reports their content) and after the pages (the decision quotes the house
rules as they read when it was made). Everything goes through the moderation services, so the rows are what the
app would have made. Each scene is added once: a second run finds its post or report and adds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.extensions import db
from app.moderation import actions, appeals, reports
from app.moderation.models import Reason, Report, ReviewItem
from app.users.models import User
from app.users.services import find_by_username
from demo.timeline import written
from demo.users import DEMO_PASSWORD, add_accounts
from forums import services as forum_services
from forums.models import ForumCategory, Post, Thread
from ideas.models import Idea

# Two members who only the moderation demo needs (username, display name, locale, days since joining); e-mail
# <username>@example.org. The shop's account is two days old.
ACCOUNTS = (("kai", "Kai Krämer", "de", 110), ("ebike_outlet", "E-Bike Outlet Deals", "en", 2))

BOOKING_THREAD = ("verwaltung-digital", "Online-Terminbuchung: Erinnerung per E-Mail oder per SMS?")
BIKE_THREAD = ("mobilitaet", "Bike racks in the centre: where are spaces missing?")
WIFI_IDEA = "Free Wi-Fi in every public library"


@dataclass(frozen=True)
class Scene:
    """A reply someone wrote `hours_ago` and the reports it drew since: (reporter, reason, note)."""

    thread: tuple[str, str]  # (forum category slug, thread title)
    author: str
    body: str
    reports: tuple[tuple[str, Reason, str], ...]
    hours_ago: float


SPAM = Scene(
    BIKE_THREAD, "ebike_outlet",
    "**Bike parking solved!** Premium e-bikes and locks at 70 % off, this week only. Free delivery to Musterstadt: "
    "order now at ebike-outlet.example.com with the code WERKSTADT.",
    (("mitglied", Reason.SPAM, "Reine Werbung, das hat mit den Fahrradständen nichts zu tun."),
     ("member", Reason.SPAM, "An advertisement with a shop link, nothing to do with bike racks.")), 30)
OFF_TOPIC = Scene(
    BOOKING_THREAD, "tom",
    "Apropos Bürgerbüro: Die Parkgebühren am Rathausplatz sind seit letztem Jahr viel zu hoch. "
    "Wann ändert die Stadt das endlich?",
    (("lena", Reason.OFF_TOPIC, "Ein berechtigtes Anliegen, aber hier geht es um die Terminbuchung. "
                                "Vielleicht als eigenes Thema unter „Mobilität und Stadtraum“?"),), 70)
IDEA_REPORT = ("noah", Reason.OTHER, "The central library has had free Wi-Fi since last year. Is this idea still "
                                     "needed, or should it be about the branch libraries?")

# The reply a moderator hid: Kai answers Meg's wish for text messages, Meg answers him, Aylin reports it, Mira hides
# it under house rule 1, and Kai appeals; Milo, the other moderator, decides the appeal.
HIDDEN = Scene(
    BOOKING_THREAD, "kai",
    "SMS? Ernsthaft? Wer heute nicht einmal seine E-Mails liest, dem ist wirklich nicht mehr zu helfen. "
    "Solche Extrawünsche machen jedes Projekt der Stadt teuer und langsam.",
    (("aylin", Reason.INSULTING, "Abwertend gegenüber einer anderen Teilnehmerin statt sachlich."),), 30)
REPLIED_TO = ("member", "For me an SMS would be better")  # (author, start of the post Kai answers)
ANSWER_TO_HIDDEN = ("member", "Please keep it friendly. For some of us a text message is simply easier to read "
                              "than an e-mail, and that is why I asked.", 26)  # (author, text, hours ago)
HIDING = actions.Statement(
    reason=Reason.INSULTING, rule_number=1,
    facts="Der Beitrag geht nicht auf das Argument ein, sondern wertet die Person ab, die es vorgebracht hat "
          "(„dem ist wirklich nicht mehr zu helfen“). Kritik an SMS-Erinnerungen ist willkommen, wenn sie "
          "sachlich bleibt.")
DECIDER, APPEAL_HANDLER = "moderator", "moderator_en"
APPEAL_TEXT = ("Ich wollte niemanden persönlich angreifen. Mein Punkt ist ernst gemeint: Jeder zusätzliche Kanal "
               "kostet die Stadt Geld. Den ersten Satz hätte ich mir sparen können, ich streiche ihn gern, "
               "wenn der Beitrag dann wieder zu sehen ist.")


def load() -> list[str]:
    """Add the moderation scenes that are not there yet (a second run changes nothing); returns lines to print.

    Needs the demo users, forums and ideas; adds the two accounts it misses.
    """
    moderators = [find_by_username(name) for name in (DECIDER, APPEAL_HANDLER)]
    if None in moderators or _thread(BOOKING_THREAD) is None or _thread(BIKE_THREAD) is None:
        return ["Moderation:", "  skipped: the demo users or forum threads are missing"]
    accounts = add_accounts(ACCOUNTS)
    queued = _load_reported(SPAM) + _load_reported(OFF_TOPIC) + _load_idea_report()
    hidden = _load_hidden()
    decider, handler = moderators
    return ["Moderation:",
            f"  {accounts} accounts, {queued} reported items and {hidden} hidden reply with its appeal added",
            f"  {decider.email:<24} password {DEMO_PASSWORD}   (moderator: the queue; hid Kai's reply)",
            f"  {handler.email:<24} password {DEMO_PASSWORD}   (moderator: decides Kai's appeal)"]


def _thread(place: tuple[str, str]) -> Thread | None:
    slug, title = place
    return db.session.execute(select(Thread).join(ForumCategory, ForumCategory.id == Thread.category_id).where(
        ForumCategory.slug == slug, Thread.title == title)).scalars().first()


def _post(thread: Thread, author: User, start: str) -> Post | None:
    """`author`'s first post in `thread` that starts with `start`."""
    return db.session.execute(select(Post).where(
        Post.thread_id == thread.id, Post.author_id == author.id, Post.body_md.startswith(start, autoescape=True))
        .order_by(Post.id)).scalars().first()


def _write(scene: Scene, to: Post | None = None) -> Post | None:
    """The scene's reply, once, written `scene.hours_ago`: None when it is there already (from an earlier run)."""
    thread, author = _thread(scene.thread), find_by_username(scene.author)
    if _post(thread, author, forum_services.clean_body(scene.body)) is not None:
        return None
    return written(forum_services.reply(author, thread, scene.body, to=to), scene.hours_ago)



def _report_all(scene: Scene, post: Post) -> None:
    for reporter, reason, note in scene.reports:
        reports.report(find_by_username(reporter), post.subject, reason, note)


def _load_reported(scene: Scene) -> int:
    """A reply with its reports, waiting in the queue; 0 if it was added before."""
    post = _write(scene)
    if post is None:
        return 0
    _report_all(scene, post)
    return 1


def _load_idea_report() -> int:
    """A member's report of an idea, waiting in the queue; 0 if they reported it before (whatever came of it)."""
    idea = db.session.execute(select(Idea).where(Idea.title == WIFI_IDEA)).scalar_one_or_none()
    reporter, reason, note = IDEA_REPORT
    member = find_by_username(reporter)
    if idea is None or member is None or db.session.execute(select(Report.id).where(
            Report.subject_id == idea.subject_id, Report.reporter_id == member.id)).first() is not None:
        return 0
    reports.report(member, idea.subject, reason, note)
    return 1


def _load_hidden() -> int:
    """Kai's reply, Meg's answer to it, Aylin's report, Mira's decision to hide it, and Kai's open appeal."""
    thread = _thread(HIDDEN.thread)
    author, start = REPLIED_TO
    replied_to = _post(thread, find_by_username(author), start)
    post = _write(HIDDEN, to=replied_to)
    if post is None:
        return 0
    answerer, text, hours = ANSWER_TO_HIDDEN
    written(forum_services.reply(find_by_username(answerer), thread, text, to=post), hours)
    _report_all(HIDDEN, post)
    item = db.session.execute(select(ReviewItem).where(ReviewItem.subject_id == post.subject_id)).scalar_one()
    decision = actions.agree_and_hide(find_by_username(DECIDER), item, HIDING)
    appeals.file_appeal(find_by_username(HIDDEN.author), decision, APPEAL_TEXT)
    return 1
