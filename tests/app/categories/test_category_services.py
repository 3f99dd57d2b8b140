"""The shared category service (app.categories.services), run on both category models: create, edit, a taken slug,
the order, refusals, and the names' fallback to the default language."""
from __future__ import annotations

import pytest
from factories import make_user
from sqlalchemy import select

from app.categories import services
from app.categories.services import CategoryInput, SlugTaken
from app.i18n import DEFAULT_LOCALE, LANGUAGES
from app.models import Subject
from forums.models import ForumCategory
from ideas.models import IdeaCategory

EXTRA = {ForumCategory: {"color": "#123456"},
         IdeaCategory: {"support_threshold": 7, "answer_days": 14, "authors_may_support": True}}


class Refused(PermissionError):
    """The refusal a feature package passes in."""


def admins_only(user) -> bool:
    return user.username == "admin"


ACCESS = {"may_manage": admins_only, "refusal": Refused}


@pytest.fixture(params=[ForumCategory, IdeaCategory], ids=["forum", "idea"])
def model(request, db):
    return request.param


def save(model, slug: str, category=None, *, actor=None, names=None, descriptions=None, position=None):
    data = CategoryInput(slug, names if names is not None else {"de": slug.capitalize()}, descriptions or {},
                         position=position)
    return services.save_category(model, actor, data, category, extra=EXTRA[model], **ACCESS)


def move(model, category, step: int, actor=None) -> None:
    services.move_category(model, actor, category, step, **ACCESS)


def order(model) -> list[str]:
    return [category.slug for category in services.all_categories(model)]


# --- create and edit ------------------------------------------------------------------------------------

def test_a_new_category_gets_its_subject_its_extras_and_the_last_place(model):
    save(model, "first")

    category = save(model, "verkehr", names={"de": " Verkehr ", "en": "Transport", "fr": "  "},
                    descriptions={"de": "Bus und Rad", "en": ""})

    assert order(model) == ["first", "verkehr"]
    assert category.position == 2
    assert category.names == {"de": "Verkehr", "en": "Transport"}  # trimmed, empty languages dropped
    assert category.descriptions == {"de": "Bus und Rad"}
    assert all(getattr(category, column) == value for column, value in EXTRA[model].items())
    subject = category.subject
    assert (subject.kind, subject.created_at) == (model.subject_kind, category.created_at)


def test_an_edit_changes_the_texts_and_keeps_the_subject_and_the_place(model):
    category = save(model, "verkehr", names={"de": "Verkehr", "en": "Transport"})
    subject_id = category.subject_id

    save(model, "mobilitaet", category, names={"de": "Mobilität"}, descriptions={"en": "Getting around"})

    db_category = services.find_category(model, "mobilitaet")
    assert db_category is category and services.find_category(model, "verkehr") is None
    assert (category.names, category.descriptions) == ({"de": "Mobilität"}, {"en": "Getting around"})
    assert (category.subject_id, category.position) == (subject_id, 1)


def test_a_given_position_is_kept(model):
    category = save(model, "later", position=9)

    assert category.position == 9
    assert save(model, "later", category).position == 9  # an edit without a position leaves it


def test_a_slug_is_used_once_per_model(model, db):
    category, other = save(model, "verkehr"), save(model, "umwelt")

    with pytest.raises(SlugTaken):
        save(model, "verkehr")
    db.session.rollback()
    with pytest.raises(SlugTaken):
        save(model, "umwelt", category)
    db.session.rollback()

    assert save(model, "verkehr", category) is category  # its own slug is free for itself
    assert order(model) == ["verkehr", "umwelt"] and services.find_category(model, "umwelt").id == other.id


def test_forum_and_idea_categories_may_share_a_slug(db):
    save(ForumCategory, "mobility")

    save(IdeaCategory, "mobility")

    assert order(ForumCategory) == order(IdeaCategory) == ["mobility"]
    kinds = db.session.execute(select(Subject.kind).order_by(Subject.id)).scalars().all()
    assert kinds == ["forum_category", "idea_category"]


# --- who may -------------------------------------------------------------------------------------------------

def test_the_policy_check_refuses_with_the_features_exception(model, db):
    existing = save(model, "first")
    member, admin = make_user("member"), make_user("admin")

    with pytest.raises(Refused):
        save(model, "verkehr", actor=member)
    with pytest.raises(Refused):
        move(model, existing, 1, actor=member)
    db.session.rollback()

    assert order(model) == ["first"]
    assert save(model, "verkehr", actor=admin).slug == "verkehr"
    move(model, existing, 1, actor=admin)
    assert order(model) == ["verkehr", "first"]


# --- the order -------------------------------------------------------------------------------------------------

def test_moving_swaps_neighbours_and_stops_at_the_ends(model):
    a, b, c = save(model, "a"), save(model, "b"), save(model, "c")

    move(model, c, -1)
    assert order(model) == ["a", "c", "b"]
    move(model, a, +1)
    assert order(model) == ["c", "a", "b"]
    move(model, c, -1)  # already first
    move(model, b, +1)  # already last
    assert order(model) == ["c", "a", "b"]
    assert [category.position for category in services.all_categories(model)] == [1, 2, 3]


def test_moving_numbers_gaps_and_equal_places_one_by_one(model):
    save(model, "a", position=5)
    b = save(model, "b", position=5)
    save(model, "c", position=40)

    move(model, b, +1)

    assert order(model) == ["a", "c", "b"]
    assert [category.position for category in services.all_categories(model)] == [1, 2, 3]


def test_the_other_models_order_is_untouched(db):
    forum_a, _forum_b = save(ForumCategory, "a"), save(ForumCategory, "b")
    save(IdeaCategory, "x")
    save(IdeaCategory, "y")

    move(ForumCategory, forum_a, +1)

    assert order(ForumCategory) == ["b", "a"] and order(IdeaCategory) == ["x", "y"]


def test_the_directions_of_the_order_buttons():
    assert services.STEPS == {"up": -1, "down": 1}


# --- names per language -----------------------------------------------------------------------------------------

def test_every_configured_language_is_kept(model):
    names = {code: f"Name {code}" for code in LANGUAGES}
    descriptions = {code: f"About {code}" for code in LANGUAGES}

    category = save(model, "all", names=names, descriptions=descriptions)

    for code in LANGUAGES:
        assert (category.name(code), category.description(code)) == (f"Name {code}", f"About {code}")


def test_a_missing_language_falls_back_to_the_default_language_then_the_slug(model):
    other = next(code for code in LANGUAGES if code != DEFAULT_LOCALE)
    category = save(model, "verkehr", names={DEFAULT_LOCALE: "Verkehr"}, descriptions={DEFAULT_LOCALE: "Bus"})

    assert (category.name(other), category.description(other)) == ("Verkehr", "Bus")
    assert (category.name("xx"), category.description("xx")) == ("Verkehr", "Bus")

    save(model, "verkehr", category, names={other: "Traffic"}, descriptions={})

    assert category.name(other) == "Traffic"
    assert category.name(DEFAULT_LOCALE) == "verkehr"  # no default-language name: the slug
    assert category.description(other) == ""
