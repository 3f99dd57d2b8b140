"""Managing forum categories: create, change and order them (administrators, or the command line)."""
from __future__ import annotations

import pytest
from factories import make_category, make_user

from app.extensions import db
from app.users.models import Role
from forums.categories import CategoryInput, SlugTaken, all_categories, find_category, move_category, save_category
from forums.services import NotAllowed


def data(slug: str = "verkehr", **fields) -> CategoryInput:
    values = {"names": {"de": " Verkehr ", "en": "Transport", "fr": "  "}, "descriptions": {"de": "Bus und Rad"},
              "color": "#123456"} | fields
    return CategoryInput(slug=slug, **values)


def slugs() -> list[str]:
    return [category.slug for category in all_categories()]


def test_an_admin_creates_a_category_placed_last(db):
    admin = make_user(roles=(Role.ADMIN,))
    make_category("first")

    category = save_category(admin, data())

    db.session.expire_all()
    assert slugs() == ["first", "verkehr"]
    assert category.names == {"de": "Verkehr", "en": "Transport"}  # trimmed, empty languages dropped
    assert category.descriptions == {"de": "Bus und Rad"}
    assert (category.color, category.name("en"), category.name("fr"), category.description("en")) == (
        "#123456", "Transport", "Verkehr", "Bus und Rad")


@pytest.mark.parametrize("roles", [(), (Role.MODERATOR,), (Role.CITY_STAFF,)])
def test_only_admins_manage_categories(db, roles):
    user = make_user(roles=roles)
    existing = make_category("first")

    with pytest.raises(NotAllowed):
        save_category(user, data())
    with pytest.raises(NotAllowed):
        move_category(user, existing, 1)

    db.session.rollback()
    assert slugs() == ["first"]


def test_a_slug_is_used_once(db):
    admin = make_user(roles=(Role.ADMIN,))
    make_category("verkehr")

    with pytest.raises(SlugTaken):
        save_category(admin, data("verkehr"))

    db.session.rollback()
    assert slugs() == ["verkehr"]


def test_changing_a_category_keeps_its_slug_free_for_itself(db):
    admin = make_user(roles=(Role.ADMIN,))
    category = make_category("verkehr")

    save_category(admin, data("verkehr", color="#654321"), category)

    db.session.expire_all()
    assert find_category("verkehr").color == "#654321"
    assert len(all_categories()) == 1


def test_a_category_can_be_renamed_to_a_free_slug_but_not_a_taken_one(db):
    admin = make_user(roles=(Role.ADMIN,))
    category, other = make_category("verkehr"), make_category("umwelt")

    with pytest.raises(SlugTaken):
        save_category(admin, data("umwelt"), category)
    db.session.rollback()
    save_category(admin, data("mobilitaet"), category)

    db.session.expire_all()
    assert slugs() == ["mobilitaet", "umwelt"]
    assert find_category("umwelt").id == other.id


def test_moving_swaps_neighbours_and_stops_at_the_ends(db):
    admin = make_user(roles=(Role.ADMIN,))
    a, b, c = make_category("a"), make_category("b"), make_category("c")

    move_category(admin, c, -1)
    assert slugs() == ["a", "c", "b"]
    move_category(admin, a, +1)
    assert slugs() == ["c", "a", "b"]
    move_category(admin, c, -1)
    move_category(admin, b, +1)
    assert slugs() == ["c", "a", "b"]
    assert [category.position for category in all_categories()] == [1, 2, 3]


def test_moving_repairs_equal_positions(db):
    admin = make_user(roles=(Role.ADMIN,))
    make_category("a", position=1)
    b = make_category("b", position=1)
    make_category("c", position=1)

    move_category(admin, b, +1)

    assert slugs() == ["a", "c", "b"]
    assert [category.position for category in all_categories()] == [1, 2, 3]
