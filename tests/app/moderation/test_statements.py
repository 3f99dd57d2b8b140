"""Statements of reasons by e-mail over a real SMTP server, in the affected person's language, quoting the house
rule as it read when the decision was made (even after the page changed); notifiers told the outcome and how to
contest it; nothing sent for a decision that restricts nobody."""
from __future__ import annotations

import pytest

from app.models import Subject
from app.moderation import actions
from app.moderation.models import Reason, SanctionKind
from factories import make_user
from moderation_queue_scene import HOUSE_RULES, make_house_rules, make_item, make_note, notes, people  # noqa: F401

STATEMENT = actions.Statement(reason=Reason.SPAM, facts="Advertising for watches.", rule_number=2)


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.mark.parametrize(("locale", "words"), [
    ("de", ["Begründung", "Keine Werbung: Wer hier verkauft, fliegt raus.", "Advertising for watches."]),
    ("en", ["Statement of reasons", "No advertising: selling here gets you removed.", "Advertising for watches."]),
])
def test_the_author_gets_the_statement_in_their_language_with_the_rule_as_it_was(db, client, auth, notes, people,
                                                                                 smtp_server, locale, words):
    make_house_rules()
    author = make_user("writer", locale=locale)
    note = make_note(author)
    item = make_item(db.session.get(Subject, note.subject_id), author, reporters=[people["member"]])
    auth.login("mod")
    response = client.post(f"/moderation/items/{item.id}", data={
        "verdict": "hide", "reason": "spam", "facts": "Advertising for watches.", "rule": "2"})
    assert response.status_code == 302
    make_house_rules({"de": "1. Neu.\n2. Geändert.\n", "en": "1. New.\n2. Changed.\n"})  # later edits
    message = smtp_server.wait_for("writer@example.org")[0]
    text = body(message)
    for word in words:
        assert word in text or word in message["Subject"]
    assert "/moderation/decisions/1" in text and ("2027" in text or "2026" in text)
    assert "Geändert" not in text and "Changed" not in text
    html = message.get_body(("html",)).get_content()
    assert f'lang="{locale}"' in html
    auth.logout()
    auth.login("writer")
    page = client.get("/moderation/decisions/1").text  # the page quotes the rule as it was too
    assert ("Keine Werbung" if locale == "de" else "No advertising") in page


def test_a_sanction_has_its_own_statement_with_its_end(db, notes, people, smtp_server):
    author = make_user("writer", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, reporters=[people["member"]])
    actions.agree_and_hide(people["moderator"], item, STATEMENT, actions.SanctionOrder(SanctionKind.SILENCE, 7))
    messages = smtp_server.wait_for("writer@example.org", count=2)
    subjects = sorted(m["Subject"] for m in messages)
    assert any("silenced" in s for s in subjects) and any("hidden" in s for s in subjects)
    silenced = next(m for m in messages if "silenced" in m["Subject"])
    assert "Without an end date" not in body(silenced)


def test_notifiers_are_told_the_decision_and_how_to_contest_it(db, notes, people, smtp_server):
    author = make_user("writer", locale="en")
    item = make_item(db.session.get(Subject, make_note(author).subject_id), author, notices=2)
    actions.disagree_and_keep(people["moderator"], item)
    german, english = smtp_server.wait_for("notifier0@example.org")[0], smtp_server.wait_for("notifier1@example.org")[0]
    assert "/notice/tok-" in body(german) and "nicht eingeschränkt" in body(german)
    assert "We did not restrict the content." in body(english)
    assert smtp_server.to("writer@example.org") == []  # keeping restricts nobody: no statement
