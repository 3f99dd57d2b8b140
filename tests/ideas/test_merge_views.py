"""Merging duplicates from the status page: staff merge (supports move, they land on the original with a
message), members get 403 and visitors the login page with nothing changed, and the duplicate's page sends readers
to the original with a note, while its author, staff and moderators still reach its own record."""
from __future__ import annotations

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_user
from helpers import field_error, flashes, soup
from sqlalchemy import select

from app.extensions import db
from app.users.models import Role, User
from ideas.models import Idea, Status
from ideas.services import change_status
from voting.models import Vote

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def scene(db) -> dict[str, int]:
    """alice's original, bob's duplicate with 2 supporters; a member, a moderator, city staff."""
    for name, roles in (("alice", ()), ("bob", ()), ("mia", ()), ("mod", (Role.MODERATOR,)),
                        ("clara", (Role.CITY_STAFF,))):
        make_user(name, roles=roles, locale="en")
    category = make_idea_category("administration", threshold=50)
    original = make_idea(user_named("alice"), category, title="Appointments on the web")
    duplicate = make_idea(user_named("bob"), category, title="Book <appointments> online")
    add_supporters(duplicate, 2)
    return {"original": original.id, "duplicate": duplicate.id}


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def fresh(idea_id: int) -> Idea:
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Idea, idea_id)


def merged(scene) -> None:
    change_status(user_named("clara"), fresh(scene["duplicate"]), Status.DUPLICATE, "Same.",
                  duplicate_of=fresh(scene["original"]))


def merge_form(scene) -> dict:
    return {"status": "duplicate", "explanation": "The same as the other idea.", "duplicate_of": str(scene["original"])}


def test_staff_merge_from_the_status_page_and_land_on_the_original(client, auth, scene):
    auth.login("clara")
    response = client.post(f"/ideas/{scene['duplicate']}/status", data=merge_form(scene), headers=ENGLISH)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{scene['original']}#supports"
    page = client.get(response.headers["Location"], headers=ENGLISH)
    assert "“Book <appointments> online” has been merged into this idea" in flashes(page)
    assert (fresh(scene["original"]).support_count, fresh(scene["duplicate"]).support_count) == (2, 0)


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("mia", 403), ("bob", 403), ("mod", 403)])
def test_nobody_but_staff_merges_and_nothing_changes(client, auth, scene, who, status):
    if who:
        auth.login(who)
    response = client.post(f"/ideas/{scene['duplicate']}/status", data=merge_form(scene))

    assert response.status_code == status
    if who is None:
        assert response.headers["Location"].startswith("/login")
    duplicate = fresh(scene["duplicate"])
    assert (duplicate.status, duplicate.support_count, duplicate.duplicate_of_id) == (Status.NEW.value, 2, None)
    assert fresh(scene["original"]).support_count == 0
    assert db.session.scalar(select(Vote.id).where(Vote.subject_id == fresh(scene["original"]).subject_id)) is None


def test_an_original_that_is_a_duplicate_itself_is_refused_next_to_the_field(client, auth, scene):
    third = make_idea(user_named("mia"), fresh(scene["original"]).category, title="Third").id
    merged(scene)
    auth.login("clara")

    response = client.post(f"/ideas/{third}/status", headers=ENGLISH, data={
        "status": "duplicate", "explanation": "Same.", "duplicate_of": str(scene["duplicate"])})

    assert response.status_code == 200
    assert field_error(response, "duplicate_of") == ("Error: This idea cannot take in a duplicate: it is a "
                                                     "duplicate itself or was withdrawn.")
    assert fresh(third).status == Status.NEW.value


@pytest.mark.parametrize("who", [None, "mia"])
def test_readers_of_the_duplicate_are_sent_to_the_original_with_a_note(client, auth, scene, who):
    merged(scene)
    if who:
        auth.login(who)

    response = client.get(f"/ideas/{scene['duplicate']}", headers=ENGLISH)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{scene['original']}?merged={scene['duplicate']}"
    page = soup(client.get(response.headers["Location"], headers=ENGLISH))
    note = page.find(id="merged-note")
    assert note.get_text() == "“Book <appointments> online” was merged into this idea: its supports count here."
    assert "<appointments>" not in str(note)  # escaped


@pytest.mark.parametrize("who", ["bob", "clara", "mod"])
def test_its_author_staff_and_moderators_still_reach_the_duplicates_own_page(client, auth, scene, who):
    merged(scene)
    auth.login(who)

    response = client.get(f"/ideas/{scene['duplicate']}", headers=ENGLISH)

    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text() == "Book <appointments> online"
    assert page.find("a", href=f"/ideas/{scene['original']}").get_text() == "Appointments on the web"


@pytest.mark.parametrize("merged_param", ["{other}", "abc", "99999999999", "{original}"])
def test_the_note_appears_only_for_an_idea_really_merged_into_this_one(client, scene, merged_param):
    merged(scene)
    other = make_idea(user_named("mia"), fresh(scene["original"]).category, title="Unrelated").id
    value = merged_param.format(other=other, original=scene["original"])

    response = client.get(f"/ideas/{scene['original']}?merged={value}", headers=ENGLISH)

    assert response.status_code == 200
    assert soup(response).find(id="merged-note") is None
