"""The pages of the sandbox are valid HTML (Nu Html Checker), in German and English: the moderators' trust page
(empty, with errors, with a history), a profile as moderators see it, a reply refused past a cap (the error next
to the field and in the summary), and a held reply as its author sees it ("Waiting for review")."""
from __future__ import annotations


import pytest
from helpers import assert_valid_html
from factories import PASSWORD, make_category, make_thread, make_user

from app.trust import sandbox
from app.users.models import Role
from forums import services as forum_services


@pytest.fixture
def app_overrides() -> dict:
    return {"WRITE_LIMITS_ENABLED": True}


def test_sandbox_pages_are_valid_html(app, db, vnu, tmp_path):
    moderator = make_user("mona", roles=(Role.MODERATOR,))
    nina = make_user("nina", trust_level=0)
    sandbox.set_trust(moderator, make_user("otto"), 0, "Links everywhere")
    category = make_category("mobility")
    category.premoderated = True
    db.session.commit()
    thread = make_thread(category=category)
    forum_services.reply(nina, thread, "Held *reply*")
    requests = {
        "mona": [("trust", "GET", "/moderation/people/otto/trust", None),
                 ("trust-errors", "POST", "/moderation/people/otto/trust", {"level": "7", "reason": ""}),
                 ("profile-moderator", "GET", "/u/otto", None)],
        "nina": [("refused", "POST", f"/t/{thread.id}/reply",
                  {"body": "https://a.example https://b.example https://c.example"}),
                 ("held", "GET", f"/t/{thread.id}", None)],
    }
    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        for username, wanted in requests.items():
            client = app.test_client()
            client.post("/login", data={"login": username, "password": PASSWORD})
            client.post("/language", data={"locale": lang})
            for name, method, path, data in wanted:
                response = client.open(path, method=method, data=data)
                assert response.status_code == 200, f"{path} ({lang}) answered {response.status_code}"
                if method == "POST":
                    assert 'class="error-summary' in response.text, f"{name}: no errors shown"
                pages[f"{lang}-{name}"] = response.text
    assert_valid_html(vnu, pages, tmp_path)
