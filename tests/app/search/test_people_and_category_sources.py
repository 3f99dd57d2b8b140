"""People ("person": by display name and username, as their profile shows them) and forum categories as search
documents; closed accounts and hidden profiles; a fixed number of statements."""
from __future__ import annotations

import pytest
from factories import make_category, make_user
from flask_babel import force_locale
from search_helpers import ANONYMOUS, document, documents, shown, statements

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.moderation.profiles import subject_of
from app.search import sources
from app.urls import path_for
from app.users.models import Role, User


@pytest.fixture
def people(db):
    return {"anna": make_user("anna", display_name="Anna Müller", locale="en"),
            "ben": make_user("ben", locale="en"),
            "mia": make_user("mia", roles=(Role.MODERATOR,), locale="en")}


def test_a_person_is_found_by_display_name_and_username(people):
    found = document("person", people["anna"].id)
    assert (found.title, found.body, found.language) == ("Anna Müller", "anna", "de")
    assert not found.hidden and found.author_id is None
    with force_locale("en"):
        result = shown("person", people["anna"].id, ANONYMOUS)
    assert result.title == "Anna Müller" and result.url == path_for("users.profile", username="anna")
    assert result.facts[0] == "@anna" and result.facts[1].startswith("Member since ")


def test_an_unconfirmed_account_has_a_profile_and_so_a_document(db):
    unconfirmed = make_user("newbie", confirmed=False)
    assert document("person", unconfirmed.id) is not None
    assert shown("person", unconfirmed.id, ANONYMOUS) is not None


def test_a_closed_account_has_no_document_and_is_not_shown(people):
    anna = people["anna"]
    anna.is_active_account = False
    db.session.commit()
    found, removed = documents(("person", anna.id))
    assert found == {} and removed == {("person", anna.id)}
    assert anna.id not in set(db.session.scalars(sources.get("person").all_ids()))
    for viewer in (ANONYMOUS, anna, people["mia"]):
        assert shown("person", anna.id, viewer) is None


def test_a_hidden_profile_is_found_by_its_owner_and_moderators_only_and_by_all_once_shown(people):
    anna = people["anna"]
    hiding.hide(subject_of(anna), Reason.SPAM)
    db.session.commit()
    found, _ = documents(("@subject", anna.subject_id))  # what the outbox records when moderation hides it
    assert found[("person", anna.id)].hidden
    assert found[("person", anna.id)].visible_to == frozenset({anna.id})
    assert shown("person", anna.id, ANONYMOUS) is None and shown("person", anna.id, people["ben"]) is None
    assert shown("person", anna.id, anna).hidden and shown("person", anna.id, people["mia"]).hidden
    hiding.show(db.session.get(User, anna.id).subject)
    db.session.commit()
    assert not document("person", anna.id).hidden
    assert shown("person", anna.id, people["ben"]) is not None


def test_a_forum_category_is_found_by_its_names_and_descriptions_in_every_language(db):
    category = make_category("mobility", name="Mobility")
    category.names = {"en": "Mobility", "de": "Mobilität"}
    db.session.commit()
    found = document("forum_category", category.id)
    assert found.title == "Mobilität · Mobility" and found.body == "Über Mobility · About Mobility"
    assert found.category == "forum:mobility" and not found.hidden
    with force_locale("en"):
        result = shown("forum_category", category.id, ANONYMOUS)
    assert result.title == "Mobility" and result.url == path_for("forums.category", slug="mobility")
    assert result.facts == ("Forum category", "0 threads")
    with force_locale("de"):
        assert shown("forum_category", category.id, ANONYMOUS).facts == ("Forenkategorie", "0 Themen")


def test_load_and_show_send_a_fixed_number_of_statements(people, count_queries):
    users = [people["anna"].id] + [make_user().id for _ in range(6)]
    categories = [make_category().id for _ in range(5)]
    hiding.hide(subject_of(db.session.get(User, users[2])), Reason.SPAM)
    db.session.commit()
    # the one hidden profile is among the few too: a moderator's roles load once when hidden content is met
    for kind, few, ids in (("person", users[2:3], users), ("forum_category", categories[:1], categories)):
        source = sources.get(kind)
        assert statements(count_queries, lambda: source.load(few)) == \
            statements(count_queries, lambda: source.load(ids))
        for viewer in (ANONYMOUS, people["mia"]):
            assert statements(count_queries, lambda: source.show(few, viewer)) == \
                statements(count_queries, lambda: source.show(ids, viewer))
