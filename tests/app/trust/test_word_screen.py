"""The watched words' screen through real writes (a forum reply through its form): block keeps the text and shows
the error next to the field, replace saves the replaced text, report puts the post in the queue, hold holds it;
the language of a write; the matchers built once per version of the word list."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from factories import make_category, make_thread, make_user
from helpers import field_error, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db as _db
from app.moderation.models import ItemStatus, Reason, Report, ReviewItem
from app.trust import gate, watched, words
from app.trust.models import WordAction
from app.users.models import Role, User
from forums.models import Post

BODY = "body"
ENGLISH = {"Accept-Language": "en"}


@dataclass
class Forum:
    admin: int
    thread: int


@pytest.fixture
def forum(db):
    """An administrator, members alice and bob (reading English), and alice's thread."""
    admin = make_user("admin", roles=(Role.ADMIN,), locale="en")
    alice = make_user("alice", locale="en")
    make_user("bob", locale="en")
    return Forum(admin.id, make_thread(alice, make_category("mobility"), title="Bike lanes downtown").id)


def login(client, username: str) -> None:
    response = client.post("/login", data={"login": username, "password": "correct horse battery"})
    assert response.status_code == 302, f"{username} could not log in"


def reload(model, ident):
    _db.session.rollback()
    return _db.session.get(model, ident)


def watch(word: str, action: WordAction, *, locale: str = "", replacement: str = ""):
    admin = _db.session.execute(select(User).where(User.username == "admin")).scalar_one()
    return watched.add_word(admin, watched.WordInput(word, locale, action, replacement))


def posts() -> int:
    _db.session.rollback()
    return _db.session.execute(select(func.count()).select_from(Post)).scalar_one()


def reply(client, forum, text: str):
    return client.post(f"/t/{forum.thread}/reply", data={"body": text, "to": "", "action": "save"}, headers=ENGLISH)


def test_a_blocked_word_refuses_the_reply_with_the_error_next_to_the_field_and_keeps_the_text(client, forum):
    watch("idiot", WordAction.BLOCK)
    login(client, "bob")
    before = posts()
    typed = "Whoever planned this is an ＩＤ\u200bＩＯＴ, and I have three more paragraphs to say."

    response = reply(client, forum, typed)

    assert response.status_code == 200
    error = field_error(response, BODY)
    assert "ＩＤＩＯＴ" in error and "not allowed" in error
    assert summary_links(response) == [BODY]
    assert soup(response).find("textarea", id=BODY).get_text().lstrip("\r\n") == typed
    assert posts() == before


def test_a_word_inside_another_word_does_not_block(client, forum):
    watch("ass", WordAction.BLOCK)
    login(client, "bob")

    response = reply(client, forum, "The class of bike lanes we need: protected ones.")

    assert response.status_code == 302
    assert posts() == 2


def test_a_replaced_word_is_saved_replaced_in_the_text_as_typed(client, forum):
    watch("darn", WordAction.REPLACE, replacement="(beep)")
    login(client, "bob")

    response = reply(client, forum, "This **DARN** crossing, this dа\u200brn crossing! Darning is fine.")

    assert response.status_code == 302
    saved = reload(Post, posts()).body_md
    assert saved == "This **(beep)** crossing, this (beep) crossing! Darning is fine."


def test_a_reported_word_publishes_the_reply_and_reports_it_to_the_queue(client, forum):
    watch("casino", WordAction.REPORT)
    login(client, "bob")

    response = reply(client, forum, "Visit my саsino for the best bike lanes.")

    assert response.status_code == 302
    post = reload(Post, posts())
    assert not post.subject.is_hidden
    report = _db.session.execute(select(Report)).scalar_one()
    assert report.subject_id == post.subject_id and report.reporter_id is None
    assert report.reason == Reason.OTHER and "casino" in report.note
    assert report.snapshot  # the content as it was written
    item = _db.session.execute(select(ReviewItem)).scalar_one()
    assert (item.subject_id, item.status, item.report_count) == (post.subject_id, ItemStatus.PENDING, 1)
    assert report.automatic  # the platform filed it, not a member who has left since

    client.post("/logout")
    login(client, "admin")
    reports = soup(client.get(f"/moderation/items/{item.id}", headers=ENGLISH)).find("main").get_text(" ", strip=True)
    assert "the automatic check of watched words" in reports and "a deleted participant" not in reports


def test_a_held_word_hands_the_reply_to_the_holder(client, forum, monkeypatch):
    held = []
    monkeypatch.setattr(gate, "_HOLDER", [lambda subject, verdict: held.append((subject.id, verdict.held_because))])
    watch("free money", WordAction.HOLD)
    login(client, "bob")

    response = reply(client, forum, "Get FREE \n money here")

    assert response.status_code == 302
    post = reload(Post, posts())
    assert held == [(post.subject_id, ["watched word: free money"])]


def test_a_block_goes_before_every_other_action(client, forum, monkeypatch):
    held = []
    monkeypatch.setattr(gate, "_HOLDER", [lambda subject, verdict: held.append(subject.id)])
    watch("spam", WordAction.HOLD)
    watch("scam", WordAction.REPORT)
    watch("fraud", WordAction.BLOCK)
    login(client, "bob")

    response = reply(client, forum, "spam scam fraud")

    assert field_error(response, BODY) is not None
    assert posts() == 1 and held == []
    assert _db.session.execute(select(func.count()).select_from(Report)).scalar_one() == 0


def test_without_watched_words_a_reply_is_published_as_typed(client, forum):
    login(client, "bob")

    assert reply(client, forum, "Hello, idiot-proof lanes.").status_code == 302
    assert reload(Post, posts()).body_md == "Hello, idiot-proof lanes."


# --- languages --------------------------------------------------------------------------------------------------

def test_a_word_of_one_language_applies_to_writes_in_that_language_only(db, forum):
    watch("Mist", WordAction.BLOCK, locale="de")
    watch("rubbish", WordAction.BLOCK)  # all languages
    german, english = make_user("greta", locale="de"), make_user("eric", locale="en")

    with pytest.raises(gate.Refused) as refused:
        gate.screen(german, "reply", {"body": "So ein MIST"})
    assert refused.value.field == "body"
    gate.screen(english, "reply", {"body": "So ein Mist"})  # the author's language: English
    with pytest.raises(gate.Refused):
        gate.screen(english, "reply", {"body": "So ein Mist"}, locale="de")  # the write's language first
    for author in (german, english):
        with pytest.raises(gate.Refused):
            gate.screen(author, "thread", {"title": "Rubbish!", "body": "fine"})


def test_the_refusal_names_the_field_that_has_the_word(db, forum):
    watch("rubbish", WordAction.BLOCK)
    with pytest.raises(gate.Refused) as refused:
        gate.screen(make_user("eric", locale="en"), "thread", {"title": "Fine", "body": "rubbish"})
    assert refused.value.field == "body"


# --- the matchers' cache ----------------------------------------------------------------------------------------

def test_the_word_list_is_read_once_per_request_and_again_after_a_change(db, forum, count_queries, app):
    watch("rubbish", WordAction.REPLACE, replacement="…")
    author = make_user("eric", locale="en")
    with app.test_request_context():
        with count_queries() as counter:
            first = gate.screen(author, "reply", {"body": "rubbish"})
            second = gate.screen(author, "reply", {"body": "more rubbish"})
        assert first.texts["body"] == "…" and second.texts["body"] == "more …"
        assert len([s for s in counter.statements if "watched_word" in s]) == 2  # the version, then the words
        with count_queries() as counter:
            gate.screen(author, "reply", {"body": "rubbish"})
        assert counter.count == 0
        watch("nonsense", WordAction.REPLACE, replacement="…")
        assert gate.screen(author, "reply", {"body": "nonsense"}).texts["body"] == "…"


def test_another_request_sees_a_changed_word(db, forum, app):
    word = watch("rubbish", WordAction.REPLACE, replacement="…")
    author = make_user("eric", locale="en")
    with app.test_request_context():
        assert gate.screen(author, "reply", {"body": "rubbish"}).texts["body"] == "…"
    admin = _db.session.get(User, forum.admin)
    watched.change_word(admin, word, watched.WordInput("rubbish", "", WordAction.REPLACE, "[removed]"))
    with app.test_request_context():
        assert gate.screen(author, "reply", {"body": "rubbish"}).texts["body"] == "[removed]"
    watched.remove_word(admin, word)
    with app.test_request_context():
        assert gate.screen(author, "reply", {"body": "rubbish"}).texts["body"] == "rubbish"
        assert not words.matcher_for("en")
