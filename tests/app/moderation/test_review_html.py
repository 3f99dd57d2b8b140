"""Every moderation page is valid HTML (Nu Html Checker), in German and English, in one vnu run: the report form
(of a post and of a profile) and the notice form, empty and with errors; the review queue (pending, decided, bulk
errors), an item (pending, with errors, decided), the direct action form (empty, with errors), the statement of
reasons (the author's and a moderator's), the appeal form (empty, with errors, appealed), the open appeals, the
appeal decision page (empty, with errors), the sanction form (empty, with errors) and the moderation log (with a
filter error). The scene is tests/moderation_pages_scene.py, the same as the browser checks'."""
from __future__ import annotations


import pytest
from helpers import assert_valid_html

from factories import PASSWORD
from moderation_pages_scene import AUTHOR, REPORTER, SECOND, build_moderation_scene



def requests_of(scene) -> dict[str, list[tuple[str, str, str, dict | None]]]:
    """username -> [(page name, method, path, form data)]: every page each person sees, GET and failed POST."""
    member, author, moderator = scene.member_pages(), scene.author_pages(), scene.moderator_pages()
    return {
        REPORTER: [
            ("report", "GET", member["report"], None),
            ("report-errors", "POST", member["report"], {"note": "x" * 1001}),
            ("report-profile", "GET", f"/report/user/{AUTHOR}", None),
            ("notice", "GET", member["notice"], None),
            ("notice-errors", "POST", member["notice"], {"explanation": "short", "email": "not-an-address"}),
        ],
        AUTHOR: [
            ("statement", "GET", author["statement"], None),
            ("appeal", "GET", author["appeal"], None),
            ("appeal-errors", "POST", author["appeal"], {"text": "  "}),
            ("appealed", "GET", author["appealed"], None),
        ],
        SECOND: [
            ("queue", "GET", moderator["queue"], None),
            ("queue-resolved", "GET", moderator["queue-resolved"], None),
            ("bulk-errors", "POST", "/moderation/bulk", {"verdict": "hide", "facts": "x"}),
            ("item", "GET", moderator["item"], None),
            ("item-errors", "POST", moderator["item"], {"verdict": "delete", "sanction": "suspend", "days": "0",
                                                        "rule": "legal"}),
            ("item-resolved", "GET", moderator["item-resolved"], None),
            ("act", "GET", moderator["act"], None),
            ("act-errors", "POST", moderator["act"], {"verdict": "redact"}),
            ("statement-moderator", "GET", moderator["statement-moderator"], None),
            ("appeals", "GET", moderator["appeals"], None),
            ("appeal-review", "GET", moderator["appeal-review"], None),
            ("appeal-review-errors", "POST", moderator["appeal-review"], {"rule_number": "x"}),
            ("sanction", "GET", moderator["sanction"], None),
            ("sanction-errors", "POST", moderator["sanction"], {"days": "0", "until": "gestern"}),
            ("log", "GET", moderator["log"], None),
            ("log-errors", "GET", "/moderation/log?since=gestern&action=decision", None),
        ],
    }


def test_moderation_pages_are_valid_html(app, db, vnu, tmp_path):
    scene = build_moderation_scene("de")
    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        for username, requests in requests_of(scene).items():
            client = app.test_client()
            client.post("/login", data={"login": username, "password": PASSWORD})
            client.post("/language", data={"locale": lang})
            for name, method, path, data in requests:
                response = client.open(path, method=method, data=data)
                assert response.status_code == 200, f"{path} ({lang}, {username}) answered {response.status_code}"
                assert f'<html lang="{lang}"' in response.text
                if method == "POST":
                    assert 'class="error-summary' in response.text, f"{name}: no errors shown"
                pages[f"{lang}-{name}"] = response.text
    assert_valid_html(vnu, pages, tmp_path)
