"""The pages of community translations and of plain language are valid HTML (Nu Html Checker) in every language:
an idea read in translation and in the original, the translation form with errors, its versions, removing one,
the summary form, the ideas filtered by language and the page in Leichte Sprache."""
from __future__ import annotations

from factories import PASSWORD, make_idea, make_user
from helpers import assert_valid_html

from app.content_translations import services
from app.content_translations.services import TranslationInput
from app.pages.services import save_page
from demo.easy_read import EASY_READ, SLUG
from ideas.plain_summaries import write_plain_summary


def test_translation_and_plain_language_pages_are_valid_html(app, vnu, tmp_path):
    with app.app_context():
        author = make_user("ada", display_name="Ada Lovelace")
        make_user("selin", display_name="Selin Aydın")
        idea = make_idea(author, title="Termine online buchen", body="Bürger buchen **Termine** online.",
                         language="de")
        services.translate(author, idea, TranslationInput("ar", "حجز المواعيد عبر الإنترنت", "نص **الترجمة**."))
        services.translate(author, idea, TranslationInput("ar", "حجز المواعيد", "نسخة ثانية."))
        write_plain_summary(author, idea, "Termine kann man im Internet buchen.\nDas spart Zeit.")
        for (slug, locale), (title, body) in EASY_READ.items():
            save_page(slug, locale, title=title, body_md=body, editor=None)
        idea_id, subject_id = idea.id, idea.subject_id
    pages = {}
    for lang in ("de", "en", "tr", "ar"):
        client = app.test_client()
        client.post("/login", data={"login": "ada", "password": PASSWORD})
        client.post("/language", data={"locale": lang})
        target = "tr" if lang != "tr" else "en"
        requests = {
            "idea": ("GET", f"/ideas/{idea_id}", None),
            "idea-original": ("GET", f"/ideas/{idea_id}?original=1", None),
            "idea-in-arabic": ("GET", f"/ideas/{idea_id}?translation=ar", None),
            "translate": ("GET", f"/translations/{subject_id}/{target}", None),
            "translate-errors": ("POST", f"/translations/{subject_id}/{target}", {"title": "x", "body": ""}),
            "versions": ("GET", f"/translations/{subject_id}/ar/versions", None),
            "remove": ("GET", f"/translations/{subject_id}/ar/remove", None),
            "plain-summary": ("GET", f"/ideas/{idea_id}/plain-summary", None),
            "plain-summary-errors": ("POST", f"/ideas/{idea_id}/plain-summary", {"summary": "x" * 700}),
            "ideas-by-language": ("GET", "/ideas?language=de", None),
            "leichte-sprache": ("GET", f"/pages/{SLUG}", None),
        }
        for name, (method, path, data) in requests.items():
            response = client.open(path, method=method, data=data)
            assert response.status_code == 200, f"{path} ({lang}) answered {response.status_code}"
            assert f'<html lang="{lang}"' in response.text, f"{path} is not in {lang}"
            if name.endswith("-errors"):
                assert 'class="error-summary' in response.text, f"{name} ({lang}): no errors shown"
            pages[f"{lang}-{name}"] = response.text
    assert_valid_html(vnu, pages, tmp_path)
