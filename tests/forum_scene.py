"""A small forum in every state its pages show, for the browser checks (axe-core) and the Nu Html Checker.

Call `build_forum_scene()` inside an app context. It makes an administrator, two members, two categories (one
empty), a thread with nested replies (to depth 3 and one deeper, "in reply to"), a reply deleted by its author
under which a reply stays, an edited reply, a pinned and a locked thread, read positions that leave posts
unread for the administrator, and a discussion attached to the thread's Subject whose replies carry stances.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.extensions import db
from app.users.models import Role
from factories import make_user
from forums import reading, services
from forums.categories import CategoryInput, save_category
from forums.models import Stance

ADMIN = "hanna"
ADMIN_NAME = "Hanna Albers"
OPENING = """Wo brauchen wir **sichere Radwege**? Ich fange an:

## Bahnhofstraße

- zu schmal für Rad und Bus
- keine Markierung

Mehr dazu auf <https://example.org/radwege>. Was meint ihr, @carla?"""
PREVIEW = """## Mein Vorschlag

Eine *Fahrradstraße* mit:

1. Tempo 30
2. Vorrang für Rad

> Ein Zitat von @bruno

Siehe <https://example.org>."""


@dataclass(frozen=True)
class ForumScene:
    admin: str  # username of the administrator (who reads with unread posts left)
    category: str  # slug of the category with threads
    empty_category: str  # slug of a category without threads
    category_id: int
    thread: int  # the thread with nested replies, a deleted placeholder and an edited post
    discussion: int  # the discussion about the thread's Subject, with stances
    reply_to: int  # a reply in the thread (reply form: "You are replying to …")
    edited: int  # an edited reply (its history page)
    stance_reply: int  # a reply with a stance in the discussion (the edit form with stance radios)

    def pages(self) -> dict[str, str]:
        """name -> path of every forum page the administrator can GET."""
        return {
            "index": "/forums",
            "category": f"/forums/{self.category}",
            "empty-category": f"/forums/{self.empty_category}",
            "thread-nested": f"/t/{self.thread}?page=1",
            "thread-flat": f"/t/{self.thread}?page=1&view=flat",
            "discussion-nested": f"/t/{self.discussion}?page=1",
            "discussion-flat": f"/t/{self.discussion}?page=1&view=flat",
            "discussions": "/forums/discussions",
            "reply": f"/t/{self.thread}/reply?to={self.reply_to}",
            "quote": f"/t/{self.thread}/reply?quote={self.reply_to}",
            "history": f"/posts/{self.edited}/history",
            "edit": f"/posts/{self.stance_reply}/edit",
            "new-thread": f"/forums/{self.category}/new",
            "delete": f"/posts/{self.reply_to}/delete",
            "admin-categories": "/admin/categories/forums",
            "admin-new-category": "/admin/categories/forums/new",
        }

    def invalid_forms(self) -> dict[str, tuple[str, dict]]:
        """name -> (path, form data) of POSTs that come back with an error summary (or a preview)."""
        return {
            "reply-errors": (f"/t/{self.thread}/reply", {"to": str(self.reply_to), "body": ""}),
            "reply-stance-errors": (f"/t/{self.discussion}/reply", {"body": "", "stance": "none"}),
            "edit-errors": (f"/posts/{self.stance_reply}/edit", {"body": "", "stance": "for"}),
            "new-thread-errors": (f"/forums/{self.category}/new", {"title": "Ab", "body": ""}),
            "new-thread-preview": (f"/forums/{self.category}/new",
                                   {"title": "Fahrradstraße am Ring", "body": PREVIEW, "action": "preview"}),
            "admin-category-errors": (f"/admin/categories/forums/{self.category_id}/edit",
                                      {"slug": "Keine Leerzeichen!", "name_de": "", "name_en": "Mobility",
                                       "color": "#1d6b2f"}),
        }


def build_forum_scene(*, admin_locale: str = "de") -> ForumScene:
    admin = make_user(ADMIN, display_name=ADMIN_NAME, roles=(Role.ADMIN,), locale=admin_locale)
    bruno = make_user("bruno", display_name="Bruno Weber")
    carla = make_user("carla", display_name="Carla Schmidt")
    mobility = save_category(None, CategoryInput(
        slug="mobilitaet", names={"de": "Mobilität", "en": "Mobility"}, color="#1d6b2f",
        descriptions={"de": "Radwege, Busse und Bahnen, Wege zu Fuß.", "en": "Cycle lanes, buses, trains, walking."}))
    energy = save_category(None, CategoryInput(
        slug="energie", names={"de": "Energie", "en": "Energy"}, color="#9a4a00", descriptions={}))

    pinned = services.create_thread(carla, mobility, title="Bitte zuerst lesen: so diskutieren wir",
                                    body_md="Freundlich und beim Thema bleiben.")
    services.set_pinned(admin, pinned, True)
    locked = services.create_thread(bruno, mobility, title="Umfrage zum Parkraum (abgeschlossen)",
                                    body_md="Danke fürs Mitmachen!")
    services.reply(carla, locked, "Gern geschehen.")
    services.set_locked(admin, locked, True)
    benches = services.create_thread(carla, mobility, title="Sitzbänke am Marktplatz", body_md="Es fehlen Bänke.")
    services.reply(bruno, benches, "Und Schatten!")

    thread = services.create_thread(bruno, mobility, title="Radwege in der Innenstadt", body_md=OPENING)
    first = services.reply(carla, thread, "Die Bahnhofstraße ist am schlimmsten, @bruno.")
    second = services.reply(admin, thread, "Dazu gibt es eine Zählung vom Mai.", to=first)
    third = services.reply(bruno, thread, "> Dazu gibt es eine Zählung\n\nWo finde ich sie?", to=second)
    services.reply(carla, thread, "Im Ratsinformationssystem.", to=third)  # deeper: attaches at depth 3
    doomed = services.reply(bruno, thread, "Das nehme ich zurück.")
    services.reply(carla, thread, "Schade, ich fand den Gedanken gut.", to=doomed)
    services.delete_post(bruno, doomed)
    services.edit_post(carla, first, "Die Bahnhofstraße ist am schlimmsten, @bruno. Und die Brücke auch.")
    reading.mark_read(admin, thread, 3)
    reading.mark_read(admin, benches, 1)

    discussion = services.open_thread(thread.subject, title="Diskussion: Radwege in der Innenstadt")
    db.session.commit()
    pro = services.reply(bruno, discussion, "Ich bin dafür.", stance=Stance.FOR)
    services.reply(carla, discussion, "Ich bin dagegen: zu teuer.", to=pro, stance=Stance.AGAINST)
    asking = services.reply(admin, discussion, "Wer bezahlt das?", stance=Stance.QUESTION)
    services.reply(bruno, discussion, "Das Land fördert es.", to=asking)
    gone = services.reply(carla, discussion, "Vielleicht.", stance=Stance.FOR)
    services.reply(bruno, discussion, "Was meinst du?", to=gone, stance=Stance.QUESTION)
    services.delete_post(carla, gone)
    services.edit_post(bruno, pro, "Ich bin dafür, wenn es sicher wird.", stance=Stance.FOR)

    return ForumScene(admin=ADMIN, category=mobility.slug, empty_category=energy.slug, category_id=mobility.id,
                      thread=thread.id, discussion=discussion.id, reply_to=second.id, edited=first.id,
                      stance_reply=pro.id)

