"""Demo forum content for `flask demo load`: three categories and a few lively threads, added once, each dated
as the story goes (demo.timeline)."""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.users.services import find_by_username
from demo.timeline import days_ago, move_posts
from forums import services
from forums.categories import CategoryInput, find_category, save_category
from forums.models import Post, Thread

CATEGORIES = (
    ("verwaltung-digital", "#0b4f8a", "Verwaltung digital", "Digital administration",
     "Anträge, Termine und Bescheide: Was sollte online gehen, und wie?",
     "Applications, appointments and notices: what should go online, and how?"),
    ("mobilitaet", "#1d6b2f", "Mobilität und Stadtraum", "Mobility and public space",
     "Daten und Dienste für Bus, Rad, Parken und Plätze.",
     "Data and services for buses, bikes, parking and squares."),
    ("werkstatt", "#5c2d91", "Die Werkstatt", "The workshop",
     "Rund um die WerkSTADT selbst: Treffen, Werkzeuge und Ihre Fragen.",
     "About WerkSTADT itself: meetings, tools and your questions."),
)

# (category, author, days ago, title, body, replies: (author, index replied to, days ago, text)). No thread repeats an
# idea's title: an idea's discussion is its own thread, listed under "Discussions of ideas and solutions".
THREADS = (
    ("verwaltung-digital", "stadt", 40, "Online-Terminbuchung: Erinnerung per E-Mail oder per SMS?",
     "Die Online-Terminbuchung für das Bürgerbüro entsteht gerade aus Ihrer Idee. Bevor wir das System "
     "einrichten, eine Frage an Sie: **Wie möchten Sie an Ihren Termin erinnert werden?**\n\n"
     "- per E-Mail mit Kalendereintrag,\n- per SMS,\n- oder beides?",
     [("mitglied", None, 39.5, "E-Mail reicht mir völlig, Hauptsache mit Kalendereintrag."),
      ("member", None, 39, "For me an SMS would be better, I rarely check e-mail."),
      ("moderator", 1, 38, "Guter Punkt von @member – beides anzubieten wäre am barriereärmsten."),
      ("admin", None, 36, "Zur Info: Die Terminbuchung ist auch Thema beim nächsten Werkstatt-Abend."),
      ("stadt", None, 33, "Danke für Ihre Antworten! Wir bieten beides an: die E-Mail mit Kalendereintrag für alle, "
                          "die SMS für alle, die sie in ihrem Konto einschalten.")]),
    ("mobilitaet", "member", 30, "Bike racks in the centre: where are spaces missing?",
     "While the city looks into publishing its bike parking as open data, let's collect what we see every day: "
     "**where are the racks always full?** Station, square, street, and at what time of day.",
     [("stadt", None, 28, "Danke! Solche Hinweise helfen uns bei der Planung neuer Stellplätze. Die Daten der "
                          "vorhandenen Ständer bereiten wir gerade auf."),
      ("mitglied", None, 27, "Am Bahnhof ist ab 8 Uhr kein Platz mehr frei, am Rathausplatz samstags auch nicht."),
      ("moderator", 1, 20, "Am Bahnhof stehen dafür viele Schrotträder. Vielleicht erst einmal aufräumen?")]),
    ("werkstatt", "admin", 400, "Willkommen im Forum – bitte lesen",
     "Hier diskutieren Bürgerinnen, Bürger und Stadtverwaltung gemeinsam.\n\n"
     "- Bleiben Sie freundlich und beim Thema.\n- Mit `@benutzername` erwähnen Sie jemanden.\n"
     "- Sie können auf einzelne Beiträge antworten und sie zitieren.", []),
)


def load() -> list[str]:
    """Add the demo categories and threads that are not there yet; returns lines to print."""
    admin = find_by_username("admin")
    created_categories = 0
    for slug, colour, name_de, name_en, text_de, text_en in CATEGORIES:
        if find_category(slug) is None:
            save_category(None, CategoryInput(slug, {"de": name_de, "en": name_en},
                                              {"de": text_de, "en": text_en}, colour))
            created_categories += 1
    created_threads = 0
    for slug, author, started, title, body, replies in THREADS:
        category = find_category(slug)
        if category.thread_count or admin is None:
            continue
        thread = services.create_thread(find_by_username(author), category, title=title, body_md=body)
        posts = []
        for name, to_index, _days, text in replies:
            to = posts[to_index] if to_index is not None else None
            posts.append(services.reply(find_by_username(name), thread, text, to=to))
        if author == "admin":  # the house rules stay on top of their category
            services.set_pinned(admin, thread, True)
        _backdate(thread, started, [(post, days) for post, (_name, _to, days, _text) in zip(posts, replies)])
        created_threads += 1
    return ["Forums:", f"  {created_categories} categories and {created_threads} threads added"]


def _backdate(thread: Thread, started: float, replies: list[tuple[Post, float]]) -> None:
    """The thread opened `started` days ago, each reply the days ago given with it (commits)."""
    opening = db.session.execute(select(Post).where(Post.thread_id == thread.id, Post.depth == 0)).scalar_one()
    thread.created_at = opening.created_at = days_ago(started)
    move_posts(thread, [post for post, _ in replies], [days_ago(days) for _, days in replies])
    db.session.commit()
