"""Similar ideas while proposing, on a real (Whoosh) index: the preview of a new idea lists up to five open ideas
like its title with supports, status and a "Support this idea instead" button (drafts, duplicates, withdrawn and
hidden ideas never), the fragment endpoint the script fetches gives the same, everything typed is escaped, an
empty title or an unavailable index shows nothing, and the button supports the idea."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_user
from helpers import assert_valid_html, soup
from snapshots import loaded_once
from sqlalchemy import select

from app.extensions import db
from app.models import utcnow
from app.search import indexer
from app.users.models import Role, User
from ideas import services
from ideas.models import Idea, Status
from voting.models import Vote

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def app_overrides(tmp_path) -> dict:
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


_INDEX_COPIES: dict[str, Path] = {}  # the index built with the first `ideas` of this process, by database URL


@pytest.fixture
def ideas(db, app, tmp_path_factory) -> dict[str, int]:
    """Ideas about bicycle parking in every state that matters, and one about something else; all indexed.

    Built and indexed by the first test of this process that asks; later tests get the same rows copied back
    (tests/snapshots.py) and a copy of the index built from them, each their own to change."""
    index = Path(app.config["SEARCH_INDEX_DIR"])
    url = str(db.engine.url)

    built = []

    def build() -> dict[str, int]:
        ids = _build_ideas()
        _INDEX_COPIES[url] = tmp_path_factory.mktemp("similar-ideas-index") / "index"
        shutil.copytree(index, _INDEX_COPIES[url])
        built.append(True)
        return ids

    ids = loaded_once(("similar ideas",), build)
    if not built:
        shutil.copytree(_INDEX_COPIES[url], index, dirs_exist_ok=True)
    return ids


def _build_ideas() -> dict[str, int]:
    make_user("alice", locale="en")
    author = make_user("bob", locale="en")
    staff = make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    category = make_idea_category("mobility", threshold=50)
    made = {
        "open": make_idea(author, category, title="Bicycle parking at the station"),
        "accepted": make_idea(author, category, title="Covered bicycle parking downtown"),
        "draft": make_idea(author, category, title="Bicycle parking draft", publish=False),
        "duplicate": make_idea(author, category, title="More bicycle parking please"),
        "withdrawn": make_idea(author, category, title="Bicycle parking withdrawn"),
        "hidden": make_idea(author, category, title="Bicycle parking hidden"),
        "other": make_idea(author, category, title="Longer library opening hours"),
    }
    add_supporters(made["open"], 2)
    services.change_status(staff, made["accepted"], Status.ACCEPTED, "Yes.")
    services.change_status(staff, made["duplicate"], Status.DUPLICATE, "Same.", duplicate_of=made["open"])
    services.withdraw_idea(author, made["withdrawn"])
    made["hidden"].subject.hidden_reason = "spam"
    made["hidden"].subject.hidden_at = utcnow()
    db.session.commit()
    ids = {name: idea.id for name, idea in made.items()}
    indexer.rebuild()
    return ids


def user_named(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def proposal(title: str) -> dict:
    return {"title": title, "body": "We need more places for bikes.", "category": "mobility", "language": "en",
            "action": "preview"}


def listed(page) -> list[str]:
    region = page.find(id="similar-ideas")
    return [a.get_text() for a in region.select(".similar-ideas-list a")] if region else []


def test_the_preview_lists_open_similar_ideas_with_supports_status_and_a_button(client, auth, ideas):
    auth.login("alice")

    page = soup(client.post("/ideas/new", data=proposal("Bicycle parking"), headers=ENGLISH))

    assert set(listed(page)) == {"Bicycle parking at the station", "Covered bicycle parking downtown"}
    region = page.find(id="similar-ideas")
    assert region["aria-live"] == "polite"
    item = next(li for li in region.select(".similar-ideas-list li") if "station" in li.get_text())
    assert "2 supports" in item.get_text() and "New" in item.get_text()
    button = item.find("button")
    assert button.get_text(" ", strip=True).startswith("Support this idea instead")
    target = page.find("form", id=button["form"])
    assert target["action"] == f"/ideas/{ideas['open']}/support" and target["method"] == "post"
    assert target.find("input", attrs={"name": "csrf_token"}) is not None
    assert target.find_parent("form") is None  # its own form, outside the proposal form
    assert page.find(id="title")["value"] == "Bicycle parking"  # nothing typed is lost


def test_a_get_of_the_form_and_a_title_without_matches_show_no_list(client, auth, ideas):
    auth.login("alice")

    assert listed(soup(client.get("/ideas/new"))) == []
    assert listed(soup(client.post("/ideas/new", data=proposal("Swimming pool heating")))) == []
    assert soup(client.get("/ideas/new")).find(id="similar-ideas").get_text().strip() == ""


def test_the_fragment_endpoint_gives_the_list_and_the_forms(client, auth, ideas):
    auth.login("alice")

    response = client.get("/ideas/similar?title=bicycle+parking", headers=ENGLISH)

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    fragment = soup(response)
    assert set(listed_in(fragment)) == {"Bicycle parking at the station", "Covered bicycle parking downtown"}
    forms = fragment.find(attrs={"data-part": "forms"}).find_all("form")
    assert sorted(form["action"] for form in forms) == sorted(
        f"/ideas/{ideas[name]}/support" for name in ("open", "accepted"))


def listed_in(fragment) -> list[str]:
    return [a.get_text() for a in fragment.find(attrs={"data-part": "list"}).find_all("a")]


@pytest.mark.parametrize("title", ["", "   ", "ab", "\x00", "*", '"unbalanced', "title:bicycle OR -"])
def test_empty_short_or_odd_titles_answer_200_without_a_500(client, ideas, title):
    response = client.get("/ideas/similar", query_string={"title": title})

    assert response.status_code == 200
    assert listed_in(soup(response)) in ([], ["Bicycle parking at the station", "Covered bicycle parking downtown"],
                                          ["Covered bicycle parking downtown", "Bicycle parking at the station"])
    if title.strip() in ("", "ab", "\x00", "*"):
        assert listed_in(soup(response)) == []


def test_titles_are_escaped(client, auth, ideas):
    idea = db.session.get(Idea, ideas["open"])
    idea.title = "Bicycle <script>alert(1)</script> parking"
    db.session.commit()
    indexer.drain()

    response = client.get("/ideas/similar?title=<b>bicycle</b> parking")

    assert b"<script>alert(1)</script>" not in response.data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.data
    assert b"<b>" not in response.data


def test_what_the_reader_supports_or_may_not_support_has_no_button(client, auth, ideas):
    services.support(user_named("alice"), db.session.get(Idea, ideas["open"]))
    auth.login("alice")

    fragment = soup(client.get("/ideas/similar?title=bicycle+parking", headers=ENGLISH))
    item = next(li for li in fragment.select("li") if "station" in li.get_text())
    assert item.find("button") is None and "You support this idea." in item.get_text()

    auth.logout()
    auth.login("bob")  # the author of both: the category does not let authors support their own ideas
    fragment = soup(client.get("/ideas/similar?title=bicycle+parking", headers=ENGLISH))
    assert fragment.find("button") is None and fragment.find("form") is None
    assert len(listed_in(fragment)) == 2


def test_anonymous_visitors_get_the_list_without_buttons(client, ideas):
    fragment = soup(client.get("/ideas/similar?title=bicycle+parking"))

    assert len(listed_in(fragment)) == 2 and fragment.find("button") is None


def test_the_button_supports_the_similar_idea(client, auth, ideas):
    auth.login("alice")
    page = soup(client.post("/ideas/new", data=proposal("Bicycle parking"), headers=ENGLISH))
    form = page.find("form", action=f"/ideas/{ideas['open']}/support")

    response = client.post(form["action"], data={"csrf_token": form.find("input")["value"]})

    assert response.headers["Location"] == f"/ideas/{ideas['open']}#supports"
    idea = db.session.get(Idea, ideas["open"])
    db.session.refresh(idea)
    assert idea.support_count == 3
    assert db.session.scalar(select(Vote.id).where(Vote.subject_id == idea.subject_id,
                                                   Vote.voter_id == user_named("alice").id)) is not None
    assert db.session.scalar(select(Idea.id).where(Idea.title == "Bicycle parking")) is None  # nothing proposed


def test_at_most_five_ideas_are_shown(client, ideas):
    category = db.session.get(Idea, ideas["open"]).category
    for number in range(6):
        make_idea(category=category, title=f"Bicycle parking number {number}")
    indexer.drain()

    assert len(listed_in(soup(client.get("/ideas/similar?title=bicycle+parking")))) == 5


def test_an_unavailable_index_shows_nothing_and_the_form_still_works(app, client, auth, ideas, tmp_path):
    index = tmp_path / "index"
    for path in sorted(index.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    auth.login("alice")

    assert client.get("/ideas/similar?title=bicycle+parking").status_code == 200
    assert listed_in(soup(client.get("/ideas/similar?title=bicycle+parking"))) == []
    response = client.post("/ideas/new", data=proposal("Bicycle parking"))
    assert response.status_code == 200 and listed(soup(response)) == []


def test_the_preview_with_similar_ideas_and_a_merged_note_are_valid_html(client, auth, ideas, vnu, tmp_path):
    auth.login("alice")
    pages = {}
    for lang in ("de", "en", "tr", "ar"):  # one run of the checker for every language
        headers = {"Accept-Language": lang}
        alice = db.session.execute(select(User).where(User.username == "alice")).scalar_one()
        alice.locale = lang  # a signed-in reader gets the pages in the account's language
        db.session.commit()
        preview = client.post("/ideas/new", data=proposal("Bicycle parking"), headers=headers)
        assert len(listed(soup(preview))) == 2
        merged = client.get(f"/ideas/{ideas['duplicate']}", headers=headers, follow_redirects=True)
        assert soup(merged).find(id="merged-note") is not None
        assert f'<html lang="{lang}"' in preview.get_data(as_text=True)
        pages[f"preview-similar-{lang}"] = preview.get_data(as_text=True)
        pages[f"merged-note-{lang}"] = merged.get_data(as_text=True)
    folder = tmp_path / "html"
    folder.mkdir()
    assert_valid_html(vnu, pages, folder)


def test_the_fragment_costs_the_same_statements_with_two_or_five_similar_ideas(client, auth, ideas, count_queries):
    auth.login("alice")
    client.get("/ideas/similar?title=bicycle+parking")  # warm up: the session's user, compiled templates
    with count_queries() as few:
        assert len(listed_in(soup(client.get("/ideas/similar?title=bicycle+parking")))) == 2
    category = db.session.get(Idea, ideas["open"]).category
    for number in range(6):
        make_idea(category=category, title=f"Bicycle parking number {number}")
    indexer.drain()
    with count_queries() as more:
        assert len(listed_in(soup(client.get("/ideas/similar?title=bicycle+parking")))) == 5

    assert more.count == few.count == 3  # the session's user, the ideas, the reader's supports among them
