"""The queue (ranking, filters, pagination, a constant number of statements) and the item page (reports, the
content as reported and now, the author's history), and the decision form's validation (errors next to the
fields and in the summary, typed text kept, house rules from the house rules page)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.models import Subject, utcnow
from app.moderation import actions
from app.moderation.models import ItemStatus, Reason, ReviewItem
from app.moderation.rules import parse_rules
from factories import make_user
from moderation_queue_scene import (make_house_rules, make_item, make_note, notes, people,  # noqa: F401
                                    profile_subject)


def note_item(db, people, title, **kwargs):
    author = kwargs.pop("author", None) or make_user()
    note = make_note(author, title=title)
    return make_item(db.session.get(Subject, note.subject_id), author, reporters=[people["member"]], **kwargs)


def test_the_queue_ranks_by_score_and_filters(db, client, auth, notes, people):
    note_item(db, people, "Low", score=1.0)
    note_item(db, people, "High", score=9.0, reason=Reason.INSULTING, category="forum:general")
    note_item(db, people, "Middle", score=5.0)
    troll = make_user("troll", display_name="Troll")
    make_item(profile_subject(troll), troll, reporters=[people["member"]], score=3.0)
    auth.login("mod")
    text = client.get("/moderation").text
    assert text.index("High") < text.index("Middle") < text.index("Troll") < text.index("Low")
    only = client.get("/moderation?reason=insulting").text
    assert "High" in only and "Middle" not in only
    assert "Troll" in client.get("/moderation?kind=user").text and "Low" not in client.get("/moderation?kind=user").text
    assert "High" in client.get("/moderation?category=forum:general").text
    assert "Middle" not in client.get("/moderation?category=forum:general").text
    assert "Nothing to review" in client.get("/moderation?status=resolved").text


def test_decided_items_leave_the_pending_queue(db, client, auth, notes, people):
    item = note_item(db, people, "Spam wave")
    actions.ignore(people["moderator"], item)
    auth.login("mod")
    assert "Spam wave" not in client.get("/moderation").text
    assert "Spam wave" in client.get("/moderation?status=resolved").text


def test_the_queue_is_paginated(db, client, auth, notes, people):
    for number in range(27):
        note_item(db, people, f"Item number {number:02d}", score=100 - number)
    auth.login("mod")
    first, second = client.get("/moderation").text, client.get("/moderation?page=2").text
    assert "Item number 00" in first and "Item number 25" not in first
    assert "Item number 25" in second and "Item number 26" in second
    assert client.get("/moderation?page=3").status_code == 404


def test_the_queue_keeps_a_constant_number_of_statements(db, client, auth, notes, people, count_queries):
    auth.login("mod")

    def statements_for(total: int) -> int:
        while db.session.query(ReviewItem).count() < total:
            author = make_user()
            if db.session.query(ReviewItem).count() % 2:
                make_item(profile_subject(author), author, reporters=[people["member"]])
            else:
                note_item(db, people, "Spam", author=author)
        with count_queries() as counter:
            assert client.get("/moderation").status_code == 200
        return counter.count

    assert statements_for(5) == statements_for(50)


def test_the_item_page_shows_reports_the_content_then_and_now_and_the_authors_history(db, client, auth, notes,
                                                                                      people):
    author = make_user("writer", display_name="Writer")
    note = make_note(author, title="Cheap watches", body="Buy watches!")
    subject = db.session.get(Subject, note.subject_id)
    earlier = make_item(subject, author, reporters=[people["silenced"]])
    actions.agree_and_hide(people["moderator"], earlier, actions.Statement(
        reason=Reason.SPAM, facts="Old spam.", legal_ground="§ 7 UWG"))
    note.body = "Buy watches! Edited."
    db.session.commit()
    item = make_item(subject, author, reporters=[people["member"]], note="He does it again.")
    db.session.get(notes, note.id).body = "Something else entirely."
    db.session.commit()
    auth.login("mod")
    text = client.get(f"/moderation/items/{item.id}").text
    assert "He does it again." in text and "Max" in text
    assert "Edited since it was reported." in text
    assert "Buy watches! Edited." in text and "Something else entirely." in text
    assert "Your content was hidden" in text  # the earlier decision about the author
    assert "account 0 days old" in text


def test_form_errors_stand_next_to_their_fields_and_keep_what_was_typed(db, client, auth, notes, people):
    make_house_rules()
    item = note_item(db, people, "Spam")
    auth.login("mod")
    response = client.post(f"/moderation/items/{item.id}", data={"verdict": "hide", "sanction": "silence",
                                                                  "days": "many", "legal_ground": "kept text"})
    text = response.text
    assert response.status_code == 200
    assert 'class="error-summary"' in text
    for field, message in [("facts", "A restriction needs the facts it rests on."),
                           ("rule", "Please choose the house rule, or that a legal ground applies."),
                           ("days", "Please enter a number of days from 1 to 3650.")]:
        assert f'id="{field}-error"' in text and message in text
    assert "kept text" in text and 'value="many"' in text
    assert "2. No advertising: selling here gets you removed." in text  # the rules in the moderator's language
    db.session.expire_all()
    assert db.session.get(ReviewItem, item.id).status is ItemStatus.PENDING


def test_a_legal_ground_needs_its_text_and_a_redaction_a_change(db, client, auth, notes, people):
    item = note_item(db, people, "Spam")
    auth.login("mod")
    text = client.post(f"/moderation/items/{item.id}", data={"verdict": "hide", "reason": "spam", "facts": "x",
                                                             "rule": "legal"}).text
    assert 'id="legal_ground-error"' in text
    text = client.post(f"/moderation/items/{item.id}", data={
        "verdict": "redact", "reason": "spam", "facts": "x", "rule": "legal", "legal_ground": "§ 7 UWG",
        "redact-title": "Spam", "redact-body": "Buy cheap watches at example.com!"}).text
    assert "To redact, change at least one of the texts below." in text


def test_the_decision_form_offers_what_the_kind_can_do(db, client, auth, people):
    troll = make_user("troll")
    item = make_item(profile_subject(troll), troll, reporters=[people["member"]])
    auth.login("mod")
    text = client.get(f"/moderation/items/{item.id}").text
    assert 'value="redact"' in text and 'value="delete"' not in text and 'id="redact-bio"' in text


@pytest.mark.parametrize(("markdown", "rules"), [
    ("1. Be kind.\n2. No ads.\n   Really none.\n\nSome text.\n3. Stay on topic.",
     {1: "Be kind.", 2: "No ads. Really none.", 3: "Stay on topic."}),
    ("# Rules\n\n## 1. Respect\n\nBe kind to people.\n\n## 2. No ads\n\nNone.\n\n## Contact\n\nWrite us.",
     {1: "Respect\n\nBe kind to people.", 2: "No ads\n\nNone."}),
    ("- not numbered\n\n  1. nested, not a rule", {}),
])
def test_numbered_rules_are_read_from_lists_and_headings(markdown, rules):
    assert parse_rules(markdown) == rules
