"""/admin/words: only administrators (everyone else gets the 404 of an unknown page, and nothing changes); the list
by language and action in a constant number of statements; add, edit and remove with errors next to the fields,
duplicates refused, and every change in the audit log."""
from __future__ import annotations

import re

import pytest
from factories import make_user
from helpers import assert_valid_html, field_error, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db as _db
from app.moderation.models import AuditEntry
from app.trust import watched
from app.trust.models import WatchedWord, WordAction
from app.users.models import Role, User

PASSWORD = "correct horse battery"
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def people(db):
    make_user("ada", roles=(Role.ADMIN,), locale="en")
    make_user("max", roles=(Role.MODERATOR,), locale="en")
    make_user("stan", roles=(Role.CITY_STAFF,), locale="en")
    make_user("mia", locale="en")


def without_token(page: bytes) -> bytes:
    return re.sub(rb'name="csrf_token" value="[^"]*"', b'name="csrf_token"', page)


def login(client, name: str) -> None:
    assert client.post("/login", data={"login": name, "password": PASSWORD}).status_code == 302


def admin() -> User:
    return _db.session.execute(select(User).where(User.username == "ada")).scalar_one()


def add(word: str, action: WordAction = WordAction.BLOCK, locale: str = "", replacement: str = "") -> int:
    return watched.add_word(admin(), watched.WordInput(word, locale, action, replacement)).id


def rows() -> list[tuple]:
    _db.session.rollback()
    return _db.session.execute(select(WatchedWord.word, WatchedWord.normalised, WatchedWord.locale,
                                      WatchedWord.action, WatchedWord.replacement)
                               .order_by(WatchedWord.id)).all()


def audit(action: str) -> list[AuditEntry]:
    _db.session.rollback()
    return _db.session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars().all()


def form(word="spam", locale="", action="block", replacement=""):
    return {"word": word, "locale": locale, "action": action, "replacement": replacement}


# --- who may see it ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("who", [None, "mia", "max", "stan"])
def test_everyone_but_administrators_gets_the_404_of_an_unknown_page_and_nothing_changes(client, people, who):
    word = add("spam")
    if who:
        login(client, who)
    for method, path, data in [("get", "/admin/words", None), ("get", "/admin/words/new", None),
                               ("post", "/admin/words/new", form("scam")),
                               ("get", f"/admin/words/{word}/edit", None),
                               ("post", f"/admin/words/{word}/edit", form("ham")),
                               ("post", f"/admin/words/{word}/delete", {})]:
        response = getattr(client, method)(path, data=data)
        assert response.status_code == 404, (who, path)
    assert rows() == [("spam", "spam", "", WordAction.BLOCK, "")]
    unknown = client.get("/admin/wordz").data.replace(b"/admin/wordz", b"/admin/words")
    # the page's own address and the log-out form's CSRF token (it is signed with the second it was made) aside,
    # the same bytes
    assert without_token(client.get("/admin/words").data) == without_token(unknown)


def test_the_admin_area_lists_the_section(client, people):
    login(client, "ada")
    page = soup(client.get("/admin/", headers=ENGLISH))
    assert page.find("a", href="/admin/words") is not None


# --- the list ---------------------------------------------------------------------------------------------------

def test_the_list_shows_words_by_language_and_action_and_filters(client, people):
    add("spam", WordAction.REPORT)
    add("Mist", WordAction.REPLACE, "de", "M***")
    add("idiot", WordAction.BLOCK, "en")
    login(client, "ada")

    page = soup(client.get("/admin/words", headers=ENGLISH))
    table = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])[:4]]
             for row in page.find("tbody").find_all("tr")]
    assert table == [["spam", "All languages", "Report the post to the moderators", ""],
                     ["Mist", "Deutsch", "Replace the word", "M***"],
                     ["idiot", "English", "Block the post", ""]]
    assert page.find("h1").get_text() == "Watched words"
    assert page.find("nav", class_="subnav").find("a", attrs={"aria-current": "page"})["href"] == "/admin/words"

    filtered = soup(client.get("/admin/words?locale=de&action=any", headers=ENGLISH))
    assert [r.th.get_text(strip=True) for r in filtered.find("tbody").find_all("tr")] == ["Mist"]
    by_action = soup(client.get("/admin/words?locale=any&action=block", headers=ENGLISH))
    assert [r.th.get_text(strip=True) for r in by_action.find("tbody").find_all("tr")] == ["idiot"]
    assert client.get("/admin/words?locale=xx").status_code == 404
    assert client.get("/admin/words?page=2").status_code == 404


def test_the_list_takes_a_constant_number_of_statements(client, people, count_queries):
    login(client, "ada")
    counts = []
    for more in (1, 30):
        for number in range(more):
            add(f"word{len(counts)}x{number}", WordAction.REPLACE if number % 2 else WordAction.HOLD,
                replacement="x")
        with count_queries() as counter:
            assert client.get("/admin/words").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_a_long_list_has_pages(client, people):
    for number in range(watched.PER_PAGE + 1):
        add(f"word{number:03d}")
    login(client, "ada")
    assert len(soup(client.get("/admin/words")).find("tbody").find_all("tr")) == watched.PER_PAGE
    assert len(soup(client.get("/admin/words?page=2")).find("tbody").find_all("tr")) == 1


# --- adding, editing, removing ----------------------------------------------------------------------------------

def test_adding_a_word_stores_its_normal_form_and_is_audited(client, people):
    login(client, "ada")
    assert client.get("/admin/words/new").status_code == 200

    response = client.post("/admin/words/new", data=form("  FREE  Money ", "en", "hold"))

    assert response.status_code == 302 and response.location.endswith("/admin/words")
    assert rows() == [("FREE Money", "free money", "en", WordAction.HOLD, "")]
    (entry,) = audit("watched_word.added")
    assert entry.actor_id == admin().id and entry.object_kind == "watched_word"
    assert entry.after == {"word": "FREE Money", "locale": "en", "action": "hold", "replacement": ""}


def test_a_replacement_is_required_only_for_replace(client, people):
    login(client, "ada")

    response = client.post("/admin/words/new", data=form("darn", "", "replace"), headers=ENGLISH)

    assert field_error(response, "replacement") == "Error: Please enter what replaces the word."
    assert summary_links(response) == ["replacement"]
    assert soup(response).find("input", id="word")["value"] == "darn"
    assert rows() == []
    assert client.post("/admin/words/new", data=form("darn", "", "block", "ignored")).status_code == 302
    assert rows() == [("darn", "darn", "", WordAction.BLOCK, "")]


@pytest.mark.parametrize("data, field", [
    (form(""), "word"), (form("\u200b"), "word"), (form("x" * 101), "word"), (form(locale="xx"), "locale"),
    (form(action="shout"), "action-0"),
])
def test_invalid_entries_are_refused_next_to_their_field(client, people, data, field):
    login(client, "ada")
    response = client.post("/admin/words/new", data=data, headers=ENGLISH)
    assert response.status_code == 200
    assert field in summary_links(response)
    assert rows() == []


def test_a_duplicate_in_the_same_language_is_refused_next_to_the_word(client, people):
    add("Straße", WordAction.BLOCK, "de")
    login(client, "ada")

    response = client.post("/admin/words/new", data=form("STRASSE", "de", "hold"), headers=ENGLISH)

    assert field_error(response, "word") == "Error: This word is watched in this language already."
    assert len(rows()) == 1
    assert client.post("/admin/words/new", data=form("STRASSE", "en", "hold")).status_code == 302  # other language
    assert len(rows()) == 2


def test_editing_a_word_changes_it_and_is_audited_with_before_and_after(client, people):
    word = add("darn", WordAction.BLOCK)
    login(client, "ada")
    page = soup(client.get(f"/admin/words/{word}/edit"))
    assert page.find("input", id="word")["value"] == "darn"

    response = client.post(f"/admin/words/{word}/edit", data=form("Darn", "de", "replace", "d***"))

    assert response.status_code == 302
    assert rows() == [("Darn", "darn", "de", WordAction.REPLACE, "d***")]
    (entry,) = audit("watched_word.changed")
    assert entry.before == {"word": "darn", "locale": "", "action": "block", "replacement": ""}
    assert entry.after == {"word": "Darn", "locale": "de", "action": "replace", "replacement": "d***"}


def test_editing_into_a_duplicate_is_refused(client, people):
    add("spam")
    word = add("ham")
    login(client, "ada")
    response = client.post(f"/admin/words/{word}/edit", data=form("SPAM"), headers=ENGLISH)
    assert field_error(response, "word") == "Error: This word is watched in this language already."
    assert [row[0] for row in rows()] == ["spam", "ham"]
    assert audit("watched_word.changed") == []


def test_removing_a_word_is_a_post_and_is_audited(client, people):
    word = add("spam", WordAction.REPORT)
    login(client, "ada")
    page = soup(client.get("/admin/words"))
    button_form = page.find("form", action=f"/admin/words/{word}/delete")
    assert button_form["method"] == "post" and button_form.find("input", attrs={"name": "csrf_token"})
    assert client.get(f"/admin/words/{word}/delete").status_code == 405

    assert client.post(f"/admin/words/{word}/delete").status_code == 302

    assert rows() == []
    (entry,) = audit("watched_word.removed")
    assert entry.before == {"word": "spam", "locale": "", "action": "report", "replacement": ""}
    assert client.post(f"/admin/words/{word}/delete").status_code == 404


def test_removing_needs_the_csrf_token(app, people):
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        word = add("spam")
    client = app.test_client()
    login_page = soup(client.get("/login"))
    token = login_page.find("input", attrs={"name": "csrf_token"})["value"]
    assert client.post("/login", data={"login": "ada", "password": PASSWORD, "csrf_token": token}).status_code == 302
    assert client.post(f"/admin/words/{word}/delete").status_code == 400
    assert len(rows()) == 1


def test_a_new_word_blocks_the_next_post_at_once(client, people):
    from factories import make_category, make_thread

    thread = make_thread(make_user("olga", locale="en"), make_category("mobility"))
    login(client, "ada")
    client.post("/admin/words/new", data=form("scam", "", "block"))
    login(client, "mia")
    response = client.post(f"/t/{thread.id}/reply", data={"body": "What a SCAM.", "to": "", "action": "save"})
    assert field_error(response, "body") is not None
    assert _db.session.execute(select(func.count()).select_from(WatchedWord)).scalar_one() == 1


# --- valid HTML in both languages -------------------------------------------------------------------------------

def test_the_pages_are_valid_html_in_german_and_english(app, vnu, tmp_path):
        
    with app.app_context():
        make_user("ada", roles=(Role.ADMIN,))
        word = add("Mist", WordAction.REPLACE, "de", "M***")
        add("free money", WordAction.HOLD)
    checked = {}
    for lang in ("de", "en", "tr", "ar"):
        client = app.test_client()
        login(client, "ada")
        client.post("/language", data={"locale": lang})
        pages = {
            "list": client.get("/admin/words"),
            "list-empty": client.get("/admin/words?locale=en&action=block"),
            "new": client.get("/admin/words/new"),
            "new-errors": client.post("/admin/words/new", data=form("", "", "replace")),
            "edit": client.get(f"/admin/words/{word}/edit"),
        }
        for name, response in pages.items():
            assert response.status_code == 200 and f'<html lang="{lang}"' in response.get_data(as_text=True)
            checked[f"{lang}-{name}"] = response.get_data(as_text=True)
    assert_valid_html(vnu, checked, tmp_path)
