"""The "translation" search source: a translation is a document in its own language under its original's
category, found by the Turkish analyser, hidden with itself or its original, gone when removed; the outbox
follows every change; a fixed number of statements."""
from __future__ import annotations

import pytest
from factories import make_idea, make_idea_category, make_user
from search_helpers import ANONYMOUS, clear_outbox, document, documents, outbox_keys, shown, statements

from app.content_translations import services
from app.content_translations.services import TranslationInput
from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Reason
from app.search import sources
from app.search.service import search
from app.search.query import SearchRequest, Viewer, parse

TURKISH = TranslationInput("tr", "Şehirlerimizde daha fazla KÜTÜPHANE", "Her mahallede bir kütüphane olsun.")


@pytest.fixture
def scene(app, db):
    category = make_idea_category("bildung", name="Bildung")
    idea = make_idea(make_user("ada"), category, title="Mehr Bibliotheken", body="In jedem Viertel.", language="de")
    translation = services.translate(make_user("selin"), idea, TURKISH)
    return idea, translation


def test_a_translation_is_a_document_in_its_own_language(scene):
    idea, translation = scene

    found = document("translation", translation.id)

    assert (found.title, found.body, found.language) == (TURKISH.title, TURKISH.body_md, "tr")
    assert found.category == "idea:bildung" and found.author_id == translation.translator_id
    assert not found.hidden


def test_the_outbox_follows_translating_hiding_the_original_and_removing(scene):
    idea, translation = scene
    clear_outbox()

    services.translate(make_user("emre"), idea, TranslationInput("tr", "Kütüphaneler", "Yeni metin."))
    assert ("translation", translation.id) in outbox_keys()
    clear_outbox()
    hiding.hide(idea.subject, Reason.SPAM)
    db.session.commit()
    assert document("translation", translation.id).hidden
    assert ("translation", translation.id) in documents(("@subject", idea.subject_id))[0]
    hiding.show(idea.subject)
    services.remove(idea.author, translation, idea)
    assert document("translation", translation.id) is None


def test_a_hidden_translation_or_original_is_found_by_whom_it_shows_to(scene):
    idea, translation = scene
    selin, ada = translation.translator_id, idea.author_id

    hiding.hide(translation.subject, Reason.SPAM)
    db.session.commit()
    assert document("translation", translation.id).visible_to == {selin}  # its translator sees it
    hiding.show(translation.subject)
    hiding.hide(idea.subject, Reason.SPAM)
    db.session.commit()
    assert document("translation", translation.id).visible_to == {ada}  # the original's author sees it with it
    hiding.hide(translation.subject, Reason.SPAM)
    db.session.commit()
    assert document("translation", translation.id).visible_to == frozenset()  # two people: moderators only


def test_turkish_words_find_the_translation_and_its_page(app, scene):
    from app.search import indexer

    translation_id = scene[1].id
    indexer.rebuild()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        for words in ("kütüphane", "KUTUPHANE", "şehir", "sehirlerimizde"):
            results = search(SearchRequest(parse(words), Viewer(None)))
            assert [(hit.kind, hit.id) for hit in results.hits] == [("translation", translation_id)], words
    result = shown("translation", translation_id, ANONYMOUS)
    assert result.url.endswith("?translation=tr") and "Deutsch" in result.facts[0]


def test_show_loads_in_a_fixed_number_of_statements(app, count_queries, scene):
    idea, translation = scene
    more = [services.translate(make_user(), make_idea(idea.author, title=f"Idee Nummer {n}", language="de"),
                               TranslationInput("en", f"Idea number {n}", "Text.")).id for n in range(4)]
    first = translation.id

    one = statements(count_queries, lambda: sources.get("translation").show([first], ANONYMOUS))
    many = statements(count_queries, lambda: sources.get("translation").show([first, *more], ANONYMOUS))
    assert many == one == 3  # the translations, their originals' Subjects, the ideas
