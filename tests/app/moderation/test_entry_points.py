"""Where moderators find their work: the "Moderation" entry of the main navigation (moderators only), the
sections of the moderation pages, and the "Moderate" link under reportable content."""
from __future__ import annotations

import pytest
from helpers import soup

from app.extensions import db
from app.moderation import profiles
from app.users.models import Role
from factories import make_user


@pytest.mark.parametrize(("roles", "shown"), [((), False), ((Role.CITY_STAFF,), False), ((Role.MODERATOR,), True),
                                              ((Role.ADMIN,), True)])
def test_the_navigation_offers_moderation_to_moderators_only(app, client, auth, roles, shown):
    with app.app_context():
        make_user("alice", roles=roles)
    auth.login()
    assert (soup(client.get("/")).find("a", href="/moderation") is not None) is shown


def test_each_moderation_list_links_the_others_and_marks_itself(app, client, auth):
    with app.app_context():
        make_user("alice", roles=(Role.MODERATOR,))
    auth.login()
    for path in ("/moderation", "/moderation/appeals", "/moderation/log"):
        sections = soup(client.get(path)).find("nav", class_="subnav")
        assert [a["href"] for a in sections.find_all("a")] == ["/moderation", "/moderation/appeals", "/moderation/log"]
        assert sections.find("a", attrs={"aria-current": "page"})["href"] == path


def test_moderators_see_a_moderate_link_under_a_reported_profile_and_members_do_not(app, client, auth):
    with app.app_context():
        make_user("alice", roles=(Role.MODERATOR,))
        make_user("bob")
        subject_id = profiles.subject_of(make_user("max")).id
        db.session.commit()
    auth.login("bob")
    assert soup(client.get("/u/max")).find("a", href=f"/moderation/subjects/{subject_id}/act") is None
    auth.logout()
    auth.login("alice")
    assert soup(client.get("/u/max")).find("a", href=f"/moderation/subjects/{subject_id}/act") is not None
