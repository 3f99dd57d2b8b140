"""Demo trust and administration for `flask demo load`: a new member in the sandbox whose introduction waits for
review, the watched words Ada keeps, a burst of supports for support integrity (demo/support_burst.py), and a
few more moderation decisions for the month's transparency figures (demo/decisions.py).

Runs after the moderation demo. Paula joined today: she is in the sandbox (trust level 0), and her reply in the
pre-moderated "Introduce yourself" category waits in the review queue ("Waiting for review" for her), so Mira
sees what a sandboxed member's first post looks like. Everything goes through the services (the watched words
through `app.trust.watched`, the reply through the forums and the gate); each part is added once.
"""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.trust import watched
from app.trust.models import ALL_LANGUAGES, WordAction
from app.users.services import find_by_email, find_by_username
from demo.timeline import days_ago, move_posts
from demo.users import DEMO_PASSWORD, create_demo_account, joined
from forums import services as forum_services
from forums.categories import CategoryInput, find_category, save_category
from forums.models import Post, Thread

NEWCOMER = ("paula@example.org", "paula", "Paula Neumann", "de")
NEWCOMER_REPLY = (
    "Hallo zusammen! Ich bin Paula und vor drei Wochen aus Leipzig hergezogen. Mich interessiert vor allem, wie "
    "die Stadtbibliothek digitaler werden kann – beim Testen der neuen Online-Ausleihe helfe ich gern mit.")

INTRODUCTIONS = ("vorstellen", "#9a4a00", "Neu hier? Stellen Sie sich vor", "New here? Introduce yourself",
                 "Wer sind Sie, und was möchten Sie in der Stadt verbessern? Beiträge neuer Mitglieder erscheinen "
                 "nach einer kurzen Prüfung durch die Moderation.",
                 "Who are you, and what would you like to improve in the city? Posts by new members appear after "
                 "a short review by the moderators.")
WELCOME_THREAD = (
    "admin", "Willkommen! Wer ist neu in der WerkSTADT?",
    "Schön, dass Sie da sind! Erzählen Sie kurz, wer Sie sind und welches Thema Ihnen in der Stadt am Herzen "
    "liegt.\n\nIn Ihren ersten Tagen prüft die Moderation neue Beiträge in dieser Kategorie, bevor sie erscheinen. "
    "Das schützt vor Werbung und dauert meist nur ein paar Stunden.")
WELCOME_DAYS_AGO = 90  # the welcome thread opened then; Lena and Sofia answered (days ago), Paula today
WELCOME_REPLIES = (
    (88, "lena", "Ich bin Lena aus dem Westend und setze mich für sichere Radwege ein. Ich freue mich auf gute Ideen!"),
    (60, "sofia", "Hi, I'm Sofia. I moved here for work two years ago and mostly write in English – "
              "I'm glad the platform speaks both languages."),
)

# The words Ada watches (word, language or ALL_LANGUAGES, action, replacement): spam and insults of a city forum.
WORDS = (
    ("Casino", ALL_LANGUAGES, WordAction.REPORT, ""),
    ("Viagra", ALL_LANGUAGES, WordAction.BLOCK, ""),
    ("Kredit ohne Schufa", "de", WordAction.BLOCK, ""),
    ("buy followers", "en", WordAction.BLOCK, ""),
    ("Vollidiot", "de", WordAction.HOLD, ""),
    ("moron", "en", WordAction.HOLD, ""),
    ("Scheiße", "de", WordAction.REPLACE, "Mist"),
    ("crap", "en", WordAction.REPLACE, "rubbish"),
)


def load() -> list[str]:
    """Add the trust demo's parts that are not there yet (a second run changes nothing); returns lines to print.

    Needs the demo users, forums, ideas and moderation; adds the accounts it misses.
    """
    from demo import decisions, support_burst

    admin = find_by_username("admin")
    if admin is None or find_by_username("lena") is None or find_by_username("moderator") is None:
        return ["Trust:", "  skipped: the demo users, ideas or moderation are missing"]
    words = _load_words(admin)
    newcomer, held = _load_newcomer(admin)
    burst = support_burst.load()
    decided = decisions.load()
    return ["Trust:",
            f"  {words} watched words, {held} reply waiting for review, {burst} idea with a burst of supports "
            f"and {decided} decisions added",
            f"  {newcomer.email:<24} password {DEMO_PASSWORD}   (new member in the sandbox: her introduction "
            "waits for review)"]


def _load_words(admin) -> int:
    added = 0
    for word, locale, action, replacement in WORDS:
        data = watched.WordInput(word, locale, action, replacement)
        if watched.duplicate_of(data) is None:
            watched.add_word(admin, data)
            added += 1
    return added


def _load_newcomer(admin):
    """The pre-moderated introductions category with its welcome thread, and Paula's reply held for review."""
    email, username, name, locale = NEWCOMER
    newcomer = find_by_email(email)
    if newcomer is None:  # she signed up today: the sandbox, not an operator's established account
        newcomer = create_demo_account(username, name, locale, email=email)
        joined(newcomer, 0)  # confirmed in the same moment
    thread = _welcome_thread(admin)
    if db.session.execute(select(Post.id).where(Post.thread_id == thread.id, Post.author_id == newcomer.id)
                          ).first() is not None:
        return newcomer, 0
    forum_services.reply(newcomer, thread, NEWCOMER_REPLY)
    return newcomer, 1


def _welcome_thread(admin) -> Thread:
    slug, colour, name_de, name_en, text_de, text_en = INTRODUCTIONS
    category = find_category(slug)
    if category is None:
        category = save_category(None, CategoryInput(slug, {"de": name_de, "en": name_en},
                                                     {"de": text_de, "en": text_en}, colour, premoderated=True))
    author, title, body = WELCOME_THREAD
    thread = db.session.execute(select(Thread).where(Thread.category_id == category.id, Thread.title == title)
                                ).scalars().first()
    if thread is not None:
        return thread
    thread = forum_services.create_thread(find_by_username(author), category, title=title, body_md=body)
    forum_services.set_pinned(admin, thread, True)
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id)).scalar_one()
    thread.created_at = opening.created_at = days_ago(WELCOME_DAYS_AGO)
    replies = [forum_services.reply(find_by_username(name), thread, text) for _days, name, text in WELCOME_REPLIES]
    move_posts(thread, replies, [days_ago(days) for days, _name, _text in WELCOME_REPLIES])
    db.session.commit()
    return thread

