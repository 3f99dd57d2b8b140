"""The administrators' category form every feature extends: the address, and a name and a description for every
language in `app.i18n.LANGUAGES` (the default language's name required, the others optional)."""
from __future__ import annotations

from babel import Locale
from flask_babel import LazyString, gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Field, StringField, TextAreaField
from wtforms.validators import Optional, Regexp

from app.categories.models import SLUG_MAX, CategoryMixin
from app.forms import Form, length, required, strip, strip_lower
from app.i18n import DEFAULT_LOCALE, LANGUAGES, Language, current_language

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
NAME_MAX, DESCRIPTION_MAX = 80, 500


def language_name(code: str) -> str:
    """The name of the language `code` in the page's language, e.g. "Englisch" on a German page."""
    return Locale.parse(code).get_display_name(current_language().code) or code


def _name_field(code: str) -> StringField:
    label = LazyString(lambda: _("Name (%(language)s)", language=language_name(code)))
    if code == DEFAULT_LOCALE:
        return StringField(label, filters=[strip], validators=[required(), length(max=NAME_MAX)])
    hint = LazyString(lambda: _("Optional: without it, pages in %(language)s show the name in %(default)s.",
                                language=language_name(code), default=language_name(DEFAULT_LOCALE)))
    return StringField(label, filters=[strip], validators=[Optional(), length(max=NAME_MAX)], description=hint)


def _description_field(code: str) -> TextAreaField:
    label = LazyString(lambda: _("Description (%(language)s)", language=language_name(code)))
    return TextAreaField(label, filters=[strip], validators=[Optional(), length(max=DESCRIPTION_MAX)])


class CategoryForm(Form):
    """The fields every category has; `name_<code>` and `description_<code>` are added for each language below
    (`add_language_fields`).

    A feature's form adds its own fields after these and may set `slug_hint` to show its own web address.
    """

    slug_hint: LazyString | None = None
    offered: tuple[Language, ...] = ()  # the languages with fields, set by add_language_fields

    slug = StringField(
        _l("Address (slug)"), filters=[strip_lower],
        validators=[required(), length(max=SLUG_MAX),
                    Regexp(SLUG_PATTERN, message=_l("Please use only letters a–z, digits and single hyphens."))],
        description=_l("Part of the web address, e.g. “mobility”: letters a–z, digits and hyphens."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.slug_hint is not None:
            self.slug.description = self.slug_hint

    @classmethod
    def data_of(cls, category: CategoryMixin) -> dict:
        """The form's values for an existing category's common fields."""
        data: dict = {"slug": category.slug}
        for language in cls.offered:
            data[f"name_{language.code}"] = category.names.get(language.code, "")
            data[f"description_{language.code}"] = category.descriptions.get(language.code, "")
        return data

    def languages(self) -> list[tuple[Language, Field, Field]]:
        """(language, name field, description field) for every language, in the order we offer them."""
        return [(language, self[f"name_{language.code}"], self[f"description_{language.code}"])
                for language in self.offered]

    def typed_names(self) -> dict[str, str]:
        return {language.code: name.data or "" for language, name, _description in self.languages()}

    def typed_descriptions(self) -> dict[str, str]:
        return {language.code: description.data or "" for language, _name, description in self.languages()}


def add_language_fields(form_class: type[CategoryForm], languages: dict[str, Language]) -> None:
    """Give `form_class` a name and a description field for each of `languages`: names first, then descriptions,
    each in the order given (WTForms orders fields by creation, so a subclass's own fields come after these)."""
    form_class.offered = tuple(languages.values())
    for code in languages:
        setattr(form_class, f"name_{code}", _name_field(code))
    for code in languages:
        setattr(form_class, f"description_{code}", _description_field(code))


add_language_fields(CategoryForm, LANGUAGES)
