"""Every page of trust and administration is valid HTML (Nu Html Checker), in German and English, in one vnu run:
the scene of the browser checks (tests/admin_pages_scene.py), so the pages no other test validates are here too —
the support integrity overview, an idea's integrity page with its groups and the set-aside form with errors, a
person with reports and sanctions, the filtered people list, the edit forms of both kinds of category — beside
the admin pages, the trust page, /transparency with figures, a house-rules version and a held reply."""
from __future__ import annotations

from helpers import assert_valid_html

from admin_pages_scene import ADMIN, NEWBIE, build_admin_scene
from factories import PASSWORD


def requests_of(scene) -> dict[str, list[tuple[str, str, str, dict | None]]]:
    """username -> [(page name, method, path, form data)]: every page each person sees, GET and failed POST."""
    admin = [(name, "GET", path, None) for name, path in scene.admin_pages().items()]
    admin += [(name, "POST", path, data) for name, (path, data) in scene.invalid_forms().items()]
    return {ADMIN: admin, NEWBIE: [(name, "GET", path, None) for name, path in scene.author_pages().items()]}


def test_the_trust_and_admin_pages_are_valid_html(app, db, vnu, tmp_path):
    scene = build_admin_scene("de")
    db.session.remove()
    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        for username, requests in requests_of(scene).items():
            client = app.test_client()
            client.post("/login", data={"login": username, "password": PASSWORD})
            client.post("/language", data={"locale": lang})
            for name, method, path, data in requests:
                response = client.open(path, method=method, data=data)
                assert response.status_code == 200, f"{path} ({lang}, {username}) answered {response.status_code}"
                assert f'<html lang="{lang}"' in response.text, f"{path} is not in {lang}"
                if method == "POST" or name.endswith("-errors"):
                    assert 'class="error-summary' in response.text, f"{name} ({lang}): no errors shown"
                pages[f"{lang}-{name}"] = response.text
    assert "Fahrradbügel" in pages["en-held"] and "post-hidden" in pages["en-held"], "the held reply is not shown"
    for name in ("word-new", "words"):  # the actions' labels are read in the reader's language, not at import
        assert "Beitrag blockieren" in pages[f"de-{name}"] and "Block the post" not in pages[f"de-{name}"], name
    assert_valid_html(vnu, pages, tmp_path)
