"""One page of every page family on the demo's content, for the tests that walk them all (right to left, design):
the paths, and an administrator who moderates so that every family can be reached."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role
from factories import make_user

ADMIN = "rtl_admin"  # an administrator and moderator of the test's own, with the tests' password


@pytest.fixture(params=["de", "en", "tr", "ar"])
def lang(request) -> str:
    return request.param


@pytest.fixture
def demo(app, demo_loaded, lang) -> dict[str, str]:
    """The demo, plus an administrator who moderates; the paths of one page of each family."""
    from forums.models import Thread
    from ideas.models import Idea
    from ideas.solutions.models import Solution

    make_user(ADMIN, display_name="Rana Admin", roles=(Role.ADMIN, Role.MODERATOR), locale=lang)
    idea = db.session.execute(select(Idea).where(Idea.title == "Termine im Bürgerbüro online buchen")).scalar_one()
    thread = db.session.execute(select(Thread).where(Thread.about_subject_id.is_(None))
                                .order_by(Thread.id)).scalars().first()
    solution = db.session.execute(select(Solution).order_by(Solution.id)).scalars().first()
    return {"idea": f"/ideas/{idea.id}", "idea-subject": str(idea.subject_id), "thread": f"/t/{thread.id}",
            "solution": f"/solutions/{solution.id}", "author": f"/u/{idea.author.username}",
            "idea-thread": f"/t/{idea.discussion.id}"}


def families(demo: dict[str, str], lang: str) -> dict[str, str]:
    target = "en"  # the demo idea is German, translated into Turkish and Arabic by the community
    return {
        "home": "/", "ideas": "/ideas", "idea": demo["idea"], "idea-original": demo["idea"] + "?original=1",
        "ideas-by-language": "/ideas?language=ar", "propose": "/ideas/new", "solutions": "/solutions",
        "solution": demo["solution"], "forums": "/forums", "thread": demo["thread"], "search": "/search?q=internet",
        "discussions": "/forums/discussions", "idea-thread": demo["idea-thread"],
        "notifications": "/notifications", "settings": "/settings", "sessions": "/settings/sessions",
        "moderation": "/moderation", "moderation-log": "/moderation/log", "appeals": "/moderation/appeals",
        "administration": "/admin", "people": "/admin/people", "site-settings": "/admin/settings",
        "watched-words": "/admin/words", "content-pages": "/admin/pages", "transparency": "/transparency",
        "leichte-sprache": "/pages/leichte-sprache", "translate": f"/translations/{demo['idea-subject']}/{target}",
        "plain-summary": demo["idea"] + "/plain-summary", "awaiting": "/ideas/awaiting-answer", "profile": demo["author"],
        "following": "/following", "design": "/admin/design", "own-profile": f"/u/{ADMIN}",
        "profile-ideas": demo["author"] + "/ideas",
    }
