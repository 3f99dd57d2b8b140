"""Every page of issue 16 (trust and administration) in a state worth checking, for the browser checks (axe-core,
320 px) and the Nu Html Checker: the admin area (people, a person with reports and sanctions, settings, watched
words, pages, forum and idea categories), the moderators' trust page of a sandboxed member, the support integrity
pages of an idea with a flagged burst of supports, /transparency with a year of figures and the house rules, and a
held reply ("Waiting for review") as its sandboxed author sees it. Real services only.

Call `build_admin_scene(lang)` inside an app context on an empty database; the administrator and the sandboxed
author read in `lang`. The value holds no ORM objects (tests/snapshots.py `loaded_once` may keep it).
"""
from __future__ import annotations

from dataclasses import dataclass

from app.extensions import db
from app.trust import watched
from app.trust.models import WordAction
from app.users.models import Role
from factories import make_category, make_thread, make_user
from forums import services as forum_services
from integrity_scene import burst_scene
from moderation_pages_scene import save_house_rules
from transparency_scene import YEAR, build_scene

ADMIN, ADMIN_NAME = "adele", "Adele Verwaltung"  # administrator and moderator: sees every page here
NEWBIE, NEWBIE_NAME = "nina", "Nina Neu"  # sandboxed, her reply waits for review
SANCTIONED = "emil"  # reported, hidden and suspended in the transparency scene: a full person page
WORD = "Pfusch"
HELD_REPLY = "Am Bahnhof fehlen **Fahrradbügel**."


@dataclass(frozen=True)
class AdminScene:
    thread: int  # a thread in a premoderated forum category, with Nina's held reply
    forum_category: int
    idea_category: int
    idea: int  # the idea with a flagged burst of supports
    word: int  # a watched word (its edit form)

    def admin_pages(self) -> dict[str, str]:
        """name -> path of every page the administrator GETs (200)."""
        return {
            "admin-index": "/admin/",
            "people": "/admin/people",
            "people-filtered": "/admin/people?q=burst&role=&state=active&trust=1",
            "people-errors": "/admin/people?since=gestern&until=2020-13-01",
            "person": f"/admin/people/{SANCTIONED}",
            "settings": "/admin/settings",
            "words": "/admin/words",
            "word-new": "/admin/words/new",
            "word-edit": f"/admin/words/{self.word}/edit",
            "pages": "/admin/pages",
            "design": "/admin/design",
            "forum-categories": "/admin/categories/forums",
            "forum-category-new": "/admin/categories/forums/new",
            "forum-category-edit": f"/admin/categories/forums/{self.forum_category}/edit",
            "idea-categories": "/admin/categories/ideas",
            "idea-category-new": "/admin/categories/ideas/new",
            "idea-category-edit": f"/admin/categories/ideas/{self.idea_category}/edit",
            "trust": f"/moderation/people/{NEWBIE}/trust",
            "integrity": "/ideas/integrity",
            "integrity-idea": f"/ideas/{self.idea}/integrity",
            "transparency": f"/transparency?year={YEAR}",
            "house-rules": "/transparency/house-rules/de/1",
        }

    def invalid_forms(self) -> dict[str, tuple[str, dict]]:
        """name -> (path, form data) of a POST by the administrator that comes back with errors (200)."""
        return {
            "settings-errors": ("/admin/settings", {"s_moderation__auto_hide_reports": "0"}),
            "word-new-errors": ("/admin/words/new", {"word": "", "locale": "", "action": "replace",
                                                     "replacement": ""}),
            "forum-category-errors": (f"/admin/categories/forums/{self.forum_category}/edit", {"slug": "Kein Slug"}),
            "idea-category-errors": ("/admin/categories/ideas/new", {"slug": "Kein Slug",
                                                                     "support_threshold": "viele"}),
            "trust-errors": (f"/moderation/people/{NEWBIE}/trust", {"level": "7", "reason": ""}),
            "integrity-errors": (f"/ideas/{self.idea}/integrity", {"reason": ""}),
        }

    def author_pages(self) -> dict[str, str]:
        """name -> path of the pages the sandboxed author GETs: her thread with the held reply."""
        return {"held": f"/t/{self.thread}"}


def build_admin_scene(lang: str) -> AdminScene:
    save_house_rules()
    admin = make_user(ADMIN, display_name=ADMIN_NAME, roles=(Role.ADMIN, Role.MODERATOR), locale=lang)
    build_scene()  # a year of moderation figures (2025), people with reports and sanctions
    idea, _burst, _normal = burst_scene()
    newbie = make_user(NEWBIE, display_name=NEWBIE_NAME, trust_level=0, locale=lang)
    category = make_category("radverkehr", name="Radverkehr")
    category.premoderated = True
    db.session.commit()
    thread = make_thread(admin, category, title="Fahrradbügel in der Innenstadt", body="Wo fehlen **Bügel**?")
    forum_services.reply(newbie, thread, HELD_REPLY)
    word = watched.add_word(admin, watched.WordInput(word="Mist", locale="de", action=WordAction.REPLACE,
                                                     replacement="M***"))
    watched.add_word(admin, watched.WordInput(word="free money", locale="", action=WordAction.HOLD, replacement=""))
    db.session.commit()
    return AdminScene(thread=thread.id, forum_category=category.id, idea_category=idea.category_id, idea=idea.id,
                      word=word.id)
