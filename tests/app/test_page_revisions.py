"""Content pages keep every text they had: each save is a revision, and a page can be read as it was at a moment
(moderation quotes the house rules as they were when it decided)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.models import utcnow
from app.pages.models import PageRevision
from app.pages.services import page_as_of, save_page
from factories import make_user


def test_each_save_is_the_next_revision_and_the_same_text_again_is_none(db):
    admin = make_user("ada")
    first = save_page("house-rules", "de", title="Hausregeln", body_md="1. Freundlich bleiben.", editor=admin)
    save_page("house-rules", "de", title="Hausregeln", body_md="1. Freundlich bleiben.", editor=admin)
    second = save_page("house-rules", "de", title="Hausregeln", body_md="1. Freundlich bleiben.\n2. Keine Werbung.",
                       editor=admin)
    assert first is second and second.version == 2
    rows = db.session.execute(select(PageRevision.version, PageRevision.body_md, PageRevision.editor_id)
                              .order_by(PageRevision.version)).all()
    assert rows == [(1, "1. Freundlich bleiben.", admin.id),
                    (2, "1. Freundlich bleiben.\n2. Keine Werbung.", admin.id)]


def test_a_page_is_read_as_it_was_in_the_readers_language_else_in_german(db):
    before = utcnow()
    save_page("house-rules", "de", title="Hausregeln", body_md="1. Freundlich bleiben.", editor=None)
    english = save_page("house-rules", "en", title="House rules", body_md="1. Be kind.", editor=None)
    between = utcnow()
    save_page("house-rules", "en", title="House rules", body_md="1. Be kind.\n2. No ads.", editor=None)
    assert page_as_of("house-rules", "en", between).body_md == "1. Be kind."
    assert page_as_of("house-rules", "en", utcnow()).version == english.version == 2
    assert page_as_of("house-rules", "tr", between).title == "Hausregeln"
    assert page_as_of("house-rules", "en", before - timedelta(seconds=1)) is None
