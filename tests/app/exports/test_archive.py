"""app.exports: the parts every feature registers and the archive they make, for one person and nobody else."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user

from app.exports import archive
from app.exports.parts import all_parts
from app.extensions import db

# Every column that points at a person is exported by a part, or named here with the reason it is not.
NOT_EXPORTED = {
    ("appeal", "handler_id"), ("contribution", "decided_by_id"), ("decision", "moderator_id"),
    ("milestone", "done_by_id"), ("post", "deleted_by_id"), ("solution_idea", "linked_by_id"),
    ("vote", "set_aside_by_id"), ("watched_word", "created_by_id"), ("setting", "updated_by_id"),
    ("page", "updated_by_id"), ("page_revision", "editor_id"),  # work done in a role: in the audit log, not personal
    ("review_item", "author_id"),  # the queue's copy of a post's author: the posts are exported
    ("thread", "last_poster_id"),  # derived from the posts, which are exported
    ("notification", "actor_id"),  # someone else's notification that names the person as its cause
    ("post_mention", "user_id"),  # other people's posts that mention the person
    ("email_outbox", "user_id"),  # e-mails waiting to be sent: their content is in the notifications
    ("data_export", "user_id"),  # the requests for this very archive
}


def unzip(user) -> tuple[zipfile.ZipFile, dict[str, int]]:
    buffer = io.BytesIO()
    counts = archive.write(buffer, user)
    return zipfile.ZipFile(buffer), counts


def test_every_column_that_points_at_a_person_is_exported_or_said_why_not(app):
    pointing = {(table.name, fk.parent.name) for table in db.metadata.tables.values() for fk in table.foreign_keys
                if fk.column.table.name == "user"} | {("user", "id")}
    exported = {source for part in all_parts() for source in part.sources}

    assert pointing - exported - NOT_EXPORTED == set(), "a column pointing at a person is neither exported nor excused"
    assert exported & NOT_EXPORTED == set()
    assert exported <= pointing  # each part reads a column that exists and points at the person


def test_the_archive_holds_what_the_person_wrote_and_did_and_nothing_of_others(app, db):
    from forums import services as forum_services
    from forums.likes import like_post
    from ideas.services import support

    nina = make_user("nina", locale="en", display_name="Nina Neu", bio_md="I cycle.")
    other = make_user("otto", locale="en")
    idea = make_idea(nina, make_idea_category(), title="Safe bike lanes", body="Paint them **green**.")
    others_idea = make_idea(other, title="Otto's idea")
    thread = make_thread(nina, make_category("talk"), title="Benches", body="More benches, please.")
    reply = make_reply(thread, nina, "A second thought.")
    forum_services.edit_post(nina, reply, "A second, better thought.")
    others_reply = make_reply(thread, other, "Otto was here.")
    support(nina, others_idea)
    like_post(nina, others_reply)

    zipped, counts = unzip(nina)

    names = set(zipped.namelist())
    for part in all_parts():
        assert {f"{part.name}.json", f"{part.name}.csv"} <= names
    assert "README.txt" in names
    profile = json.loads(zipped.read("profile.json"))
    assert profile == [{**profile[0], "username": "nina", "display_name": "Nina Neu", "email": "nina@example.org",
                        "bio_md": "I cycle.", "locale": "en"}]
    assert [row["title"] for row in json.loads(zipped.read("ideas.json"))] == ["Safe bike lanes"]
    posts = json.loads(zipped.read("posts.json"))
    assert [row["body_md"] for row in posts] == ["More benches, please.", "A second, better thought."]
    assert [row["body_md"] for row in json.loads(zipped.read("post_revisions.json"))] == ["A second thought."]
    votes = json.loads(zipped.read("supports_and_likes.json"))
    assert [(row["kind"], row["subject_id"]) for row in votes] == [("idea", others_idea.subject_id),
                                                                   ("post", others_reply.subject_id)]
    everything = b"".join(zipped.read(name) for name in names).decode("utf-8")
    assert "Otto was here" not in everything and "Otto's idea" not in everything and "otto@" not in everything
    assert counts["posts"] == 2 and counts["ideas"] == 1


def test_csv_files_have_a_header_and_a_byte_order_mark_and_match_the_json(app, db):
    nina = make_user("nina", locale="en")
    make_idea(nina, title="Ümlaut ideas, with \"quotes\"; and commas")

    zipped, _ = unzip(nina)

    text = zipped.read("ideas.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    as_json = json.loads(zipped.read("ideas.json"))
    assert [row["title"] for row in rows] == [row["title"] for row in as_json] == [
        "Ümlaut ideas, with \"quotes\"; and commas"]
    assert list(rows[0]) == list(as_json[0])


def test_the_readme_explains_each_file_in_the_persons_language(app, db):
    nina = make_user("nina", locale="de")

    zipped, counts = unzip(nina)

    readme = zipped.read("README.txt").decode("utf-8")
    assert readme.startswith("Ihre Daten bei WerkSTADT")
    for part in all_parts():
        assert f"{part.name}.json, {part.name}.csv" in readme
    assert "Ihr Konto: Benutzername" in readme
