"""Who may translate and remove community translations, and who sees them: every actor against every action,
on an idea and a translation saved through the services."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_idea, make_user
from flask_login import AnonymousUserMixin

from app.content_translations import policy, services
from app.content_translations.services import TranslationInput
from app.models import utcnow
from app.users.models import Role

ACTORS = ("anonymous", "member", "unconfirmed", "silenced", "author", "translator", "moderator")

#                                    anon   member unconf silenc author transl mod
MATRIX = {
    "translate into Turkish":       (False, True,  False, False, True,  True,  True),
    "translate into German":        (False, False, False, False, False, False, False),  # the original's own
    "translate a draft":            (False, False, False, False, False, False, False),
    "translate a hidden idea":      (False, False, False, False, True,  False, True),
    "remove the translation":       (False, False, False, False, True,  True,  True),
    "see the translation":          (True,  True,  True,  True,  True,  True,  True),
    "see a hidden translation":     (False, False, False, False, False, True,  True),
    "see a removed translation":    (False, False, False, False, False, False, False),
}


@pytest.fixture
def world(app, db):
    author = make_user("ada")
    translator = make_user("selin")
    actors = {
        "anonymous": AnonymousUserMixin(), "member": make_user("max"), "unconfirmed": make_user("neu", confirmed=False),
        "silenced": make_user("quiet", silenced_until=utcnow() + timedelta(days=1)), "author": author,
        "translator": translator, "moderator": make_user("mia", roles=(Role.MODERATOR,)),
    }
    idea = make_idea(author, title="Termine online buchen", language="de")
    translation = services.translate(translator, idea, TranslationInput("tr", "Randevular", "Metin."))
    return actors, idea, translation


def answer(action: str, actor, idea, translation, db) -> bool:
    if action == "translate into Turkish":
        return policy.can_translate(actor, idea, "tr")
    if action == "translate into German":
        return policy.can_translate(actor, idea, "de")
    if action == "translate a draft":
        draft = make_idea(idea.author, title="Ein Entwurf", language="de", publish=False)
        return policy.can_translate(actor, draft, "tr")
    if action == "translate a hidden idea":
        idea.subject.hidden_reason = "spam"
        return policy.can_translate(actor, idea, "tr")
    if action == "remove the translation":
        return policy.can_remove(actor, translation, idea)
    if action == "see the translation":
        return policy.can_see(actor, translation, idea)
    if action == "see a hidden translation":
        translation.subject.hidden_reason = "spam"
        return policy.can_see(actor, translation, idea)
    if action == "see a removed translation":
        translation.removed_at = utcnow()
        return policy.can_see(actor, translation, idea)
    raise AssertionError(action)


@pytest.mark.parametrize("action", MATRIX)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_matrix(world, db, action, actor):
    actors, idea, translation = world

    expected = MATRIX[action][ACTORS.index(actor)]

    assert answer(action, actors[actor], idea, translation, db) is expected
    db.session.rollback()


def test_the_languages_to_translate_into_are_the_sites_others(world):
    _, idea, _ = world

    assert policy.target_languages(idea) == ["en", "tr", "ar"]
