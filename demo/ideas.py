"""Demo ideas for `flask demo load`: categories, ideas in German and English, supports, a discussion, answers.

Each idea says when things happened in days before now (demo.timeline): its publication, when its supports met
the threshold, until when it was discussed, and the city's steps. Supporters and repliers joined before.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.users.services import find_by_username
from demo.timeline import days_ago, move_posts, spread
from demo.users import add_accounts
from forums import services as forum_services
from forums.models import Post, Stance
from ideas import services
from ideas.categories import CategoryInput, find_category, save_category
from ideas.models import Idea, IdeaStatusChange, Status
from voting.models import Vote

CATEGORIES = (
    ("verwaltung-digital", 5, 30, "Verwaltung digital", "Digital administration",
     "Anträge, Termine und Auskünfte der Stadt: online, einfach und barrierefrei.",
     "The city's applications, appointments and information: online, simple and accessible."),
    ("mobilitaet", 5, 21, "Mobilität", "Mobility",
     "Digitale Dienste für Bus, Rad und Fußwege.", "Digital services for buses, bikes and walking."),
    ("offene-daten", 3, 30, "Offene Daten", "Open data",
     "Daten der Stadt, frei nutzbar für alle.", "The city's data, free for everyone to use."),
)

# Extra members who support the demo ideas (username, display name, locale, days since joining); e-mail
# <username>@example.org. Each joined before the ideas they support and discuss.
SUPPORTERS = (("lena", "Lena Lindner", "de", 260), ("jonas", "Jonas Becker", "de", 200),
              ("aylin", "Aylin Kaya", "de", 130), ("tom", "Tom Fischer", "de", 80), ("sofia", "Sofia Rossi", "en", 100),
              ("noah", "Noah Schmidt", "de", 70))


@dataclass(frozen=True)
class DemoIdea:
    """One demo idea: who wrote it where, who supports it, what happened to it and when (days ago)."""

    category: str
    author: str
    language: str
    title: str
    body: str
    supporters: tuple[str, ...]
    published_days_ago: int
    replies: tuple[tuple[str, int | None, Stance | None, str], ...] = ()  # (author, index replied to, stance, text)
    reached_days_ago: int | None = None  # None: when the supports came in, i.e. now
    talked_until_days_ago: float = 0  # the replies come in evenly after the publication, the last one then
    moves: tuple[tuple[Status, str, float], ...] = ()  # the city's steps (status, explanation, days ago), in order


IDEAS = (
    DemoIdea(
        "verwaltung-digital", "mitglied", "de", "Termine im Bürgerbüro online buchen",
        "Für einen Termin im Bürgerbüro muss man oft wochenlang warten oder morgens anrufen.\n\n"
        "**Vorschlag:** Alle freien Termine online zeigen und direkt buchen lassen, mit\n\n"
        "- einer Bestätigung per E-Mail und Kalendereintrag,\n- einer Warteliste, die automatisch nachrückt,\n"
        "- telefonischer Buchung für alle, die kein Internet nutzen.",
        ("member", "lena", "jonas", "aylin", "tom", "sofia"), 75, reached_days_ago=66, talked_until_days_ago=52,
        replies=(("lena", None, Stance.FOR, "Unbedingt! Ich habe letzte Woche drei Mal angerufen."),
                 ("tom", None, Stance.AGAINST, "Ältere Menschen dürfen dabei nicht abgehängt werden. "
                                               "Ein Teil der Termine sollte für Anrufe frei bleiben."),
                 ("member", None, Stance.QUESTION, "Will the booking page be available in English, too?"),
                 ("stadt", 2, None, "Ja, die Buchungsseite wird es auf Deutsch und Englisch geben."),
                 ("mitglied", 1, None, "Guter Punkt, @tom – deshalb steht die telefonische Buchung im Vorschlag.")),
        moves=((Status.ACCEPTED,
                "Vielen Dank für die vielen Unterstützungen!\n\n**Wir setzen die Online-Terminbuchung um:**\n\n"
                "1. In den nächsten Wochen lassen sich alle Termine im Bürgerbüro online buchen.\n"
                "2. Sie erhalten eine Bestätigung per E-Mail mit Kalendereintrag.\n"
                "3. Telefonische Buchung bleibt möglich.\n\nÜber den Fortschritt berichten wir hier.", 50),)),
    DemoIdea(
        "offene-daten", "member", "en", "Open data on bike parking",
        "Where are the city's bike racks, and how many spaces do they have? Please publish this as **open data** "
        "(GeoJSON, updated monthly), so that map apps can show where to park a bike.",
        ("mitglied", "lena", "jonas", "noah"), 55, reached_days_ago=40),
    DemoIdea(
        "mobilitaet", "member", "en", "A neighbourhood app for sharing rides and cargo bikes",
        "Many neighbours drive the same way to work, and some cargo bikes stand unused all week. A small app run "
        "with the city could help neighbours **share rides and cargo bikes**, without a big platform's tracking.",
        ("lena", "noah"), 9, talked_until_days_ago=1,
        replies=(("jonas", None, Stance.FOR, "Das Lastenrad unserer Hausgemeinschaft steht wirklich meistens."),
                 ("aylin", None, Stance.QUESTION, "Wer haftet, wenn ein geliehenes Lastenrad kaputtgeht?"),
                 ("noah", 1, None, "Für die Leihräder der Stadt gibt es schon eine Versicherung. Die ließe sich "
                                   "auf geteilte Lastenräder ausweiten."))),
    DemoIdea(
        "verwaltung-digital", "sofia", "en", "Free Wi-Fi in every public library",
        "Not everyone has mobile data to spare. Free, open **Wi-Fi in all city libraries** would help pupils, "
        "job seekers and visitors fill in online forms and learn.",
        ("mitglied", "member", "lena", "jonas", "aylin"), 12, reached_days_ago=4,
        moves=((Status.UNDER_REVIEW, "Wir klären mit der Stadtbibliothek, welche Zweigstellen noch kein offenes WLAN "
                                     "haben, und melden uns mit einer Antwort.", 2),)),
    DemoIdea(
        "verwaltung-digital", "aylin", "de", "Eine barrierefreie Website der Stadt",
        "Die Website der Stadt lässt sich mit Screenreader und Tastatur kaum bedienen, und viele Formulare sind "
        "PDFs.\n\nBitte die Seite nach **WCAG 2.1 AA** umbauen und Texte auch in Leichter Sprache anbieten.",
        ("mitglied", "member", "moderator", "noah"), 60,
        moves=((Status.UNDER_REVIEW, "Wir sehen uns die Website mit dem Team an, das sie betreut, und melden uns "
                                     "bald.", 45),
               (Status.ACCEPTED, "Sie haben recht: Die Website ist nicht barrierefrei. **Wir bauen sie Schritt für "
                                 "Schritt um**, beginnend mit einer Prüfung und den meistgenutzten Formularen. "
                                 "Den Fortschritt sehen Sie bei der Lösung, die daraus entsteht.", 35))),
    DemoIdea(
        "verwaltung-digital", "jonas", "de", "Schulsporthallen abends online buchen",
        "Vereine und Freizeitgruppen suchen Hallenzeiten, während die Schulsporthallen abends oft leer stehen. "
        "Ein **Online-Kalender** mit freien Zeiten und direkter Buchung würde allen helfen.",
        ("mitglied", "aylin", "tom"), 6),
)


def load() -> list[str]:
    """Add the demo ideas that are not there yet (a second run changes nothing); returns lines to print.

    Needs the demo users of demo/users.py; adds the supporter accounts, categories and ideas it misses.
    """
    if find_by_username("admin") is None or find_by_username("stadt") is None:
        return ["Ideas:", "  skipped: the demo users are missing"]
    accounts = add_accounts(SUPPORTERS)
    categories = _load_categories()
    ideas = sum(load_idea(item) for item in IDEAS)
    return ["Ideas:", f"  {categories} categories, {ideas} ideas and {accounts} supporter accounts added"]


def _load_categories() -> int:
    created = 0
    for slug, threshold, days, name_de, name_en, text_de, text_en in CATEGORIES:
        if find_category(slug) is None:
            save_category(None, CategoryInput(slug, {"de": name_de, "en": name_en}, {"de": text_de, "en": text_en},
                                              support_threshold=threshold, answer_days=days))
            created += 1
    return created


def load_idea(item: DemoIdea) -> int:
    """Create one demo idea with its supports, discussion and history; 0 if it is there already."""
    if db.session.execute(select(Idea.id).where(Idea.title == item.title)).first() is not None:
        return 0
    user = find_by_username
    idea = services.create_idea(user(item.author), services.IdeaInput(
        title=item.title, body_md=item.body, category=find_category(item.category), language=item.language),
        publish=True)
    for name in item.supporters:
        services.support(user(name), idea)
    posts: list[Post] = []
    for name, to, stance, text in item.replies:
        posts.append(forum_services.reply(user(name), idea.discussion, text, stance=stance,
                                          to=posts[to] if to is not None else None))
    for status, text, _days in item.moves:
        services.change_status(user("stadt"), idea, status, text)
    _backdate(idea, item, posts)
    return 1


def _backdate(idea: Idea, item: DemoIdea, posts: list[Post]) -> None:
    """Move the idea's history into the past: published, supported (up to the threshold), discussed, answered."""
    now = utcnow()
    published = days_ago(item.published_days_ago, now)
    idea.created_at = idea.updated_at = idea.published_at = idea.status_changed_at = published
    idea.discussion.created_at = published
    changes = db.session.execute(select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
                                 .order_by(IdeaStatusChange.id)).scalars().all()
    changes[0].created_at = published  # "new": the publication
    votes = db.session.execute(select(Vote).where(Vote.subject_id == idea.subject_id)
                               .order_by(Vote.id)).scalars().all()
    if idea.threshold_reached_at is not None:  # the threshold-th support started the clock
        reached = days_ago(item.reached_days_ago or 0, now)
        idea.threshold_reached_at, idea.answer_due_at = reached, idea.due_date_for(reached)
        split = idea.category.support_threshold
        _date(votes[:split], spread(split, published, reached))
        _date(votes[split:], spread(len(votes) - split, reached, now))
    else:
        _date(votes, spread(len(votes), published, now))
    move_posts(idea.discussion, posts, spread(len(posts), published, days_ago(item.talked_until_days_ago, now)))
    for change, (_status, _text, days) in zip(changes[1:], item.moves, strict=True):
        change.created_at = idea.status_changed_at = days_ago(days, now)
    answers = [change for change in changes if change.is_answer]
    if answers:  # the first official answer stopped the clock
        idea.answered_at = answers[0].created_at
    db.session.commit()


def _date(votes: list[Vote], moments: list[datetime]) -> None:
    for vote, moment in zip(votes, moments, strict=True):
        vote.created_at = moment
