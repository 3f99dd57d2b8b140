"""The shared category form (app.categories.forms) and its template macro: a name and a description field for every
language in app.i18n.LANGUAGES, labelled in the page's language; the default language's name is required."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from app.categories.forms import CategoryForm, add_language_fields
from app.i18n import DEFAULT_LOCALE, LANGUAGES, Language
from forums.forms import ForumCategoryForm
from forums.models import ForumCategory
from ideas.admin_forms import IdeaCategoryForm

OTHERS = [code for code in LANGUAGES if code != DEFAULT_LOCALE]
MACRO = '{% from "_macros/categories.html" import category_fields %}{{ category_fields(form) }}'


@pytest.fixture
def page(app):
    """A request in `lang` (German unless told), for building forms and rendering the macro."""
    def enter(lang: str = "de", data: dict | None = None):
        context = app.test_request_context("/", method="POST" if data is not None else "GET", data=data,
                                           headers={"Accept-Language": lang})
        context.push()
        entered.append(context)

    entered: list = []
    yield enter
    for context in reversed(entered):
        context.pop()


def build(form_class=CategoryForm, data: dict | None = None, **kwargs):
    return form_class(formdata=MultiDict(data) if data is not None else None, meta={"csrf": False}, **kwargs)


@pytest.mark.parametrize("form_class", [CategoryForm, ForumCategoryForm, IdeaCategoryForm])
def test_every_configured_language_has_a_name_and_a_description_after_the_slug(page, form_class):
    page()

    names = [field.name for field in build(form_class)]

    expected = ["slug", *(f"name_{code}" for code in LANGUAGES), *(f"description_{code}" for code in LANGUAGES)]
    assert names[:len(expected)] == expected
    assert [language.code for language, _name, _description in build(form_class).languages()] == list(LANGUAGES)


@pytest.mark.parametrize(("lang", "labels"), [
    ("de", ["Name (Deutsch)", "Name (Englisch)", "Beschreibung (Deutsch)", "Beschreibung (Englisch)"]),
    ("en", ["Name (German)", "Name (English)", "Description (German)", "Description (English)"]),
])
def test_labels_name_the_language_in_the_pages_language(page, lang, labels):
    page(lang)
    form = build()

    assert [str(form[name].label.text) for name in ("name_de", "name_en", "description_de", "description_en")] == labels


def test_only_the_default_languages_name_is_required(page):
    page("en")
    form = build(data={"slug": "verkehr", **{f"name_{code}": "" for code in LANGUAGES}})

    assert not form.validate()
    assert list(form.errors) == [f"name_{DEFAULT_LOCALE}"]
    assert form.errors[f"name_{DEFAULT_LOCALE}"] == ["Please fill in this field."]
    assert form[f"name_{DEFAULT_LOCALE}"].description == ""
    assert all(str(form[f"name_{code}"].description).startswith("Optional: ") for code in OTHERS)
    assert str(form.name_en.description) == "Optional: without it, pages in English show the name in German."
    assert build(data={"slug": "verkehr", f"name_{DEFAULT_LOCALE}": "Verkehr"}).validate()


def test_the_slug_and_the_lengths_are_checked(page):
    page("en")
    form = build(data={"slug": "Not a slug", f"name_{DEFAULT_LOCALE}": "x" * 81,
                       f"description_{DEFAULT_LOCALE}": "y" * 501})

    assert not form.validate()
    assert form.errors == {"slug": ["Please use only letters a–z, digits and single hyphens."],
                           f"name_{DEFAULT_LOCALE}": ["Please use at most 80 characters."],
                           f"description_{DEFAULT_LOCALE}": ["Please use at most 500 characters."]}


def test_typed_texts_and_a_categorys_values(page):
    page()
    typed = {"slug": " Verkehr ", "name_de": " Verkehr ", "name_en": "", "description_de": "", "description_en": "Bus"}
    form = build(data=typed)

    assert form.validate()
    assert form.slug.data == "verkehr"
    assert form.typed_names() == {"de": "Verkehr", "en": "", "tr": "", "ar": ""}
    assert form.typed_descriptions() == {"de": "", "en": "Bus", "tr": "", "ar": ""}
    category = ForumCategory(slug="verkehr", names={"de": "Verkehr"}, descriptions={"en": "Bus"})
    assert CategoryForm.data_of(category) == {"slug": "verkehr", "name_de": "Verkehr", "name_en": "",
                                              "name_tr": "", "name_ar": "", "description_de": "",
                                              "description_en": "Bus", "description_tr": "", "description_ar": ""}


def test_a_feature_may_show_its_own_web_address(page):
    page("en")

    assert "/forums/mobility" in str(build(ForumCategoryForm).slug.description)
    assert "/forums/" not in str(build(IdeaCategoryForm).slug.description)


# --- another language, and the macro ---------------------------------------------------------------------------

class ThreeLanguages(CategoryForm):
    """The form as it would be with Arabic (right to left) configured too."""


THREE = {**LANGUAGES, "ar": Language("ar", "العربية", "rtl")}
add_language_fields(ThreeLanguages, THREE)


def test_a_configured_language_gets_its_fields_without_code_changes(page):
    page("en")
    form = build(ThreeLanguages, data={"slug": "verkehr", f"name_{DEFAULT_LOCALE}": "Verkehr", "name_ar": "مرور"})

    assert form.validate()
    assert form.typed_names() == {**{code: "" for code in THREE}, DEFAULT_LOCALE: "Verkehr", "ar": "مرور"}
    assert str(form.name_ar.label.text) == "Name (Arabic)"
    assert str(form.name_ar.description) == "Optional: without it, pages in Arabic show the name in German."


def test_the_macro_renders_every_language_with_its_lang_and_direction(page):
    page("en")
    form = build(ThreeLanguages, data={"slug": "", "name_ar": "مرور"})
    form.validate()

    html = BeautifulSoup(render_template_string(MACRO, form=form), "html.parser")

    fields = [(element["id"], element.get("lang"), element.get("dir"))
              for element in html.find_all(["input", "textarea"])]
    assert fields == [("slug", None, None),
                      *((f"name_{code}", code, language.direction) for code, language in THREE.items()),
                      *((f"description_{code}", code, language.direction) for code, language in THREE.items())]
    assert html.find("label", attrs={"for": "name_ar"}).get_text() == "Name (Arabic)"
    assert html.find(id="name_ar")["value"] == "مرور"
    errors = [element["id"] for element in html.select(".field-error")]
    assert errors == ["slug-error", f"name_{DEFAULT_LOCALE}-error"]  # next to their fields
    assert html.find(id="slug")["aria-invalid"] == "true"
