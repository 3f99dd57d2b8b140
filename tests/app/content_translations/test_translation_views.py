"""Community translation pages: the idea page in the reader's language with "translated by … from …, show the
original", the translation form with its errors, the versions, removing, and what others get (403, 404)."""
from __future__ import annotations

import pytest
from factories import make_idea, make_user
from helpers import field_error, flashes, page_text, soup, summary_links
from sqlalchemy import select

from app.content_translations import services
from app.content_translations.models import ContentTranslation
from app.content_translations.services import TranslationInput
from app.extensions import db
from app.users.models import Role, User

TURKISH = {"Accept-Language": "tr"}
ENGLISH = {"Accept-Language": "en"}
TEXT = {"title": "İnternetten randevu", "body": "Vatandaşlar **randevularını** internetten alsın."}


@pytest.fixture
def idea(app, db):
    make_user("selin", locale="tr")
    make_user("max", locale="en")
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    return make_idea(make_user("ada", locale="de"), title="Termine online buchen",
                     body="Bürger buchen **Termine** online.", language="de")


def translate(idea, username="selin", data=TEXT):
    translator = db.session.execute(select(User).where(User.username == username)).scalar_one()
    return services.translate(translator, idea, TranslationInput("tr", data["title"], data["body"]))


def test_a_turkish_reader_gets_the_translation_with_its_translator_and_the_original_a_click_away(client, idea):
    translate(idea)

    page = soup(client.get(f"/ideas/{idea.id}", headers=TURKISH))

    assert page.h1.get_text(strip=True) == TEXT["title"] and not page.h1.get("lang")
    note = page.find(id="translation-note")
    assert "Selin" in note.get_text() and "Deutsch" in note.get_text()
    assert note.find("a", href=f"/ideas/{idea.id}?original=1")
    original = soup(client.get(f"/ideas/{idea.id}?original=1", headers=TURKISH))
    assert original.h1.get_text(strip=True) == "Termine online buchen" and original.h1["lang"] == "de"
    assert original.find(id="translation-note").find("a", href=f"/ideas/{idea.id}?translation=tr")


def test_readers_of_other_languages_get_the_original_and_the_list_of_translations(client, idea):
    translate(idea)

    page = soup(client.get(f"/ideas/{idea.id}", headers=ENGLISH))

    assert page.h1.get_text(strip=True) == "Termine online buchen"
    box = page.find("section", class_="translations")
    assert box.find("a", href=f"/ideas/{idea.id}?translation=tr").get_text(strip=True) == "Türkçe"
    chosen = soup(client.get(f"/ideas/{idea.id}?translation=tr", headers=ENGLISH))
    assert chosen.h1.get_text(strip=True) == TEXT["title"] and chosen.h1["lang"] == "tr"


def test_a_member_translates_through_the_form(client, auth, idea):
    auth.login("max")

    form_page = soup(client.get(f"/translations/{idea.subject_id}/ar", headers=ENGLISH))
    assert form_page.find("input", id="title")["lang"] == "ar" and form_page.find("textarea")["dir"] == "rtl"
    response = client.post(f"/translations/{idea.subject_id}/ar",
                           data={"title": "حجز المواعيد عبر الإنترنت",
                                 "body": "يحجز المواطنون **مواعيدهم** عبر الإنترنت."},
                           headers=ENGLISH)

    assert response.status_code == 302 and response.location == f"/ideas/{idea.id}?translation=ar"
    saved = db.session.execute(select(ContentTranslation)).scalar_one()
    assert (saved.language, saved.title) == ("ar", "حجز المواعيد عبر الإنترنت")
    assert "Thank you" in flashes(client.get(response.location, headers=ENGLISH))


def test_bad_input_gets_errors_next_to_the_fields_and_keeps_what_was_typed(client, auth, idea):
    auth.login("max")

    response = client.post(f"/translations/{idea.subject_id}/tr", data={"title": "Kı", "body": "  "},
                           headers=ENGLISH)

    assert response.status_code == 200
    assert field_error(response, "title") and field_error(response, "body")
    assert summary_links(response) == ["title", "body"]
    assert soup(response).find("input", id="title")["value"] == "Kı"
    assert db.session.scalar(select(db.func.count()).select_from(ContentTranslation)) == 0


@pytest.mark.parametrize("language", ["de", "xx", "fr"])
def test_the_originals_language_and_unknown_ones_are_not_found(client, auth, idea, language):
    auth.login("max")

    assert client.get(f"/translations/{idea.subject_id}/{language}").status_code == 404


def test_visitors_are_sent_to_log_in_and_drafts_are_not_found(client, auth, idea):
    assert client.get(f"/translations/{idea.subject_id}/tr").status_code == 302
    draft = make_idea(idea.author, title="Noch nicht fertig", language="de", publish=False)
    auth.login("max")
    assert client.get(f"/translations/{draft.subject_id}/tr").status_code == 404
    assert client.get("/translations/999999/tr").status_code == 404


def test_the_versions_page_lists_every_version_with_its_translator(client, idea):
    translate(idea)
    translate(idea, "max", {"title": "İnternetten randevu alın", "body": "İkinci sürüm."})

    page = soup(client.get(f"/translations/{idea.subject_id}/tr/versions", headers=ENGLISH))

    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings[:2] == ["Version 2 (current)", "Version 1"]
    assert "Max" in page_text_of(page) and "Selin" in page_text_of(page)


def test_the_versions_page_takes_the_same_statements_for_three_versions_or_eight(client, idea, count_queries):
    def statements() -> int:
        db.session.expire_all()
        with count_queries() as counter:
            assert client.get(f"/translations/{idea.subject_id}/tr/versions").status_code == 200
        return len(counter.statements)

    translate(idea)
    translate(idea, "max", {"title": "Randevu", "body": "İkinci sürüm."})
    translate(idea, "selin", {"title": "Randevu al", "body": "Üçüncü sürüm."})
    statements()  # the first request of the app loads what it keeps for every later one
    few = statements()
    for number in range(4):  # four more translators, one version each, then selin again
        make_user(f"translator{number}", locale="tr")
        translate(idea, f"translator{number}", {"title": f"Randevu {number}", "body": f"Sürüm {number}."})
    translate(idea, "selin", {"title": "Randevu al", "body": "Son sürüm."})
    assert statements() == few


def page_text_of(page) -> str:
    return page.get_text(" ", strip=True)


def test_the_author_removes_a_translation_others_may_not_and_moderators_give_a_reason(client, auth, idea):
    translate(idea)
    auth.login("max")
    assert client.post(f"/translations/{idea.subject_id}/tr/remove").status_code == 403
    auth.logout()
    auth.login("mia")
    response = client.post(f"/translations/{idea.subject_id}/tr/remove", data={"reason": ""}, headers=ENGLISH)
    assert response.status_code == 200 and field_error(response, "reason")
    auth.logout()
    auth.login("ada")

    response = client.post(f"/translations/{idea.subject_id}/tr/remove")

    assert response.status_code == 302
    assert db.session.execute(select(ContentTranslation)).scalar_one().is_removed
    page = soup(client.get(f"/ideas/{idea.id}", headers=TURKISH))
    assert page.h1.get_text(strip=True) == "Termine online buchen"


def test_a_translation_hidden_by_moderation_is_not_shown(client, idea):
    translation = translate(idea)
    translation.subject.hidden_reason = "spam"
    db.session.commit()

    page = soup(client.get(f"/ideas/{idea.id}", headers=TURKISH))

    assert page.h1.get_text(strip=True) == "Termine online buchen"
    assert client.get(f"/translations/{idea.subject_id}/tr/versions").status_code == 404
    assert "İnternetten" not in page_text(client.get(f"/ideas/{idea.id}", headers=ENGLISH))


def test_lists_show_the_translated_title_and_filter_by_the_language_ideas_are_written_in(client, idea):
    translate(idea)
    make_idea(idea.author, idea.category, title="Park benches with shade", language="en")

    turkish = soup(client.get("/ideas", headers=TURKISH))
    titles = {a.get_text(strip=True): a.get("lang") for a in turkish.select("ol.idea-list h3 a")}
    assert titles == {TEXT["title"]: None, "Park benches with shade": "en"}
    german_only = soup(client.get("/ideas?language=de", headers=ENGLISH))
    assert [a.get_text(strip=True) for a in german_only.select("ol.idea-list h3 a")] == ["Termine online buchen"]
    assert german_only.find("select", id="language").find("option", selected=True)["value"] == "de"
    everything = soup(client.get("/ideas?language=xx", headers=ENGLISH))
    assert len(everything.select("ol.idea-list article")) == 2


def test_a_solution_is_read_in_translation_on_its_page_and_in_the_list(client, idea):
    from ideas.solutions.services import SolutionInput, create_solution

    staff = make_user("clara", roles=(Role.CITY_STAFF,), locale="de")
    solution = create_solution(staff, SolutionInput(title="Online-Terminbuchung", summary="Termine online.",
                                                    description_md="Ein **Buchungsdienst**.", language="de"))
    services.translate(staff, solution, TranslationInput("ar", "حجز المواعيد عبر الإنترنت", "خدمة **حجز**."))

    page = soup(client.get(f"/solutions/{solution.id}", headers={"Accept-Language": "ar"}))
    assert page.h1.get_text(strip=True) == "حجز المواعيد عبر الإنترنت"
    assert page.find(class_="user-text").find("strong").get_text() == "حجز"
    listed = soup(client.get("/solutions", headers={"Accept-Language": "ar"}))
    assert listed.find("h3", id=f"solution-{solution.id}-title").get_text(strip=True) == "حجز المواعيد عبر الإنترنت"
    german = soup(client.get("/solutions", headers={"Accept-Language": "de"}))
    assert german.find("h3", id=f"solution-{solution.id}-title").get_text(strip=True) == "Online-Terminbuchung"


def test_a_translations_own_address_leads_to_its_original_showing_it(client, idea):
    from app import subjects

    translation = translate(idea)
    path = subjects.kind_of(translation).url(translation)

    assert path == f"/translations/{translation.id}"
    assert client.get(path).location == f"/ideas/{idea.id}?translation=tr"
    translation.subject.hidden_reason = "spam"
    db.session.commit()
    assert client.get(path).status_code == 404
    assert client.get("/translations/999999").status_code == 404
