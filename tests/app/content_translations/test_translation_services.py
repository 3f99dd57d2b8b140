"""app.content_translations.services: translating, versions, removing, and what moderation and search see."""
from __future__ import annotations

import pytest
from factories import make_idea, make_user
from sqlalchemy import select

from app.content_translations import services
from app.content_translations.models import ContentTranslation, TranslationRevision
from app.content_translations.services import TranslationInput
from app.extensions import db
from app.moderation.models import AuditEntry
from app.permissions import NotAllowed
from app.users.models import Role

TURKISH = TranslationInput("tr", "Randevular internetten", "Vatandaşlar **randevularını** internetten alsın.")


@pytest.fixture
def idea(app, db):
    return make_idea(make_user("ada"), title="Termine online buchen", body="Bürger buchen **Termine** online.",
                     language="de")


def test_a_member_translates_a_published_idea(idea):
    translator = make_user("selin")

    translation = services.translate(translator, idea, TURKISH)

    assert (translation.language, translation.from_language, translation.title) == ("tr", "de", TURKISH.title)
    assert "<strong>randevularını</strong>" in translation.body_html
    assert translation.translator_id == translator.id and translation.version == 1
    assert translation.subject.kind == "translation" and translation.original_subject_id == idea.subject_id
    assert not translation.is_removed


def test_a_new_version_keeps_the_one_it_replaces(idea):
    first, second = make_user("selin"), make_user("emre")
    services.translate(first, idea, TURKISH)

    translation = services.translate(second, idea, TranslationInput("tr", "İnternetten randevu", "Daha iyi çeviri."))

    assert translation.version == 2 and translation.translator_id == second.id
    (revision,) = db.session.execute(select(TranslationRevision)).scalars()
    assert (revision.number, revision.title, revision.translator_id) == (1, TURKISH.title, first.id)
    assert db.session.scalar(select(db.func.count()).select_from(ContentTranslation)) == 1


@pytest.mark.parametrize("language", ["de", "xx", "fr"])
def test_only_other_languages_of_the_site_can_be_translated_into(idea, language):
    with pytest.raises(NotAllowed):
        services.translate(make_user(), idea, TranslationInput(language, "Titel", "Text"))
    assert db.session.scalar(select(db.func.count()).select_from(ContentTranslation)) == 0


def test_drafts_and_silenced_members_are_refused(idea):
    from datetime import timedelta

    from app.models import utcnow

    draft = make_idea(idea.author, title="Noch ein Entwurf", language="de", publish=False)
    with pytest.raises(NotAllowed):
        services.translate(make_user(), draft, TURKISH)
    silenced = make_user("quiet", silenced_until=utcnow() + timedelta(days=1))
    with pytest.raises(NotAllowed):
        services.translate(silenced, idea, TURKISH)
    assert db.session.scalar(select(db.func.count()).select_from(ContentTranslation)) == 0


def test_the_author_removes_a_translation_and_anyone_may_translate_again(idea):
    translation = services.translate(make_user("selin"), idea, TURKISH)

    services.remove(idea.author, translation, idea)

    assert translation.is_removed and translation.removed_by_id == idea.author_id
    again = services.translate(make_user("emre"), idea, TranslationInput("tr", "Yeni başlık", "Yeni metin."))
    assert again.id == translation.id and not again.is_removed and again.version == 2
    assert [r.title for r in again.revisions] == [TURKISH.title]


def test_a_moderator_removes_someone_elses_translation_with_a_reason_in_the_log(idea):
    translation = services.translate(make_user("selin"), idea, TURKISH)
    moderator = make_user("mia", roles=(Role.MODERATOR,))

    with pytest.raises(ValueError):
        services.remove(moderator, translation, idea, "  ")
    assert not translation.is_removed
    services.remove(moderator, translation, idea, "Machine translation with mistakes.")

    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "translation.remove")).scalar_one()
    assert entry.reason == "Machine translation with mistakes." and entry.before["title"] == TURKISH.title


def test_others_may_not_remove(idea):
    translation = services.translate(make_user("selin"), idea, TURKISH)

    with pytest.raises(NotAllowed):
        services.remove(make_user("someone"), translation, idea)
    assert not translation.is_removed
