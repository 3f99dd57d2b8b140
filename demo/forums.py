"""Demo forum content for `flask demo load`: three categories and a few lively threads, added once."""
from __future__ import annotations

from app.users.services import find_by_username
from forums import services
from forums.categories import CategoryInput, find_category, save_category

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

THREADS = (
    ("verwaltung-digital", "mitglied", "Termine im Bürgerbüro online buchen",
     "Ich warte oft wochenlang auf einen Termin. Könnte man **freie Termine** online sehen und direkt buchen?\n\n"
     "Andere Städte machen das schon, zum Beispiel mit einer Warteliste, die automatisch nachrückt.",
     [("stadt", None, "Danke für den Vorschlag! Wir prüfen gerade zwei Terminsysteme. "
       "Was wäre Ihnen wichtiger: Erinnerungen per SMS oder per E-Mail?"),
      ("mitglied", 0, "E-Mail reicht mir völlig, Hauptsache mit Kalendereintrag."),
      ("member", 0, "For me an SMS would be better, I rarely check e-mail."),
      ("moderator", 2, "Gute Frage von @member – beides anzubieten wäre am barriereärmsten."),
      ("admin", None, "Zur Info: Die Terminbuchung ist auch Thema beim nächsten Werkstatt-Abend.")]),
    ("mobilitaet", "member", "Open data for bike parking",
     "Could the city publish where bike racks are, as **open data**? Then apps could show free spaces.",
     [("stadt", None, "Ein Teil der Daten liegt schon vor. Wir klären, in welchem Format wir sie veröffentlichen."),
      ("mitglied", 0, "Bitte als GeoJSON, das können die meisten Karten direkt lesen.")]),
    ("werkstatt", "admin", "Willkommen im Forum – bitte lesen",
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
    for slug, author, title, body, replies in THREADS:
        category = find_category(slug)
        if category.thread_count or admin is None:
            continue
        thread = services.create_thread(find_by_username(author), category, title=title, body_md=body)
        posts = []
        for name, to_index, text in replies:
            to = posts[to_index] if to_index is not None else None
            posts.append(services.reply(find_by_username(name), thread, text, to=to))
        if author == "admin":  # the house rules stay on top of their category
            services.set_pinned(admin, thread, True)
        created_threads += 1
    return ["Forums:", f"  {created_categories} categories and {created_threads} threads added"]
