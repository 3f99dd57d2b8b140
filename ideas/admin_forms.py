"""The administrators' form for an idea category: names, descriptions, the answer promise and the order."""
from __future__ import annotations

from flask_babel import LazyString, format_decimal, gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp
from wtforms.widgets import TextInput

from app.forms import Form, length, required, strip, strip_lower
from ideas.categories import CategoryInput
from ideas.models import IdeaCategory

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
THRESHOLD_MIN, THRESHOLD_MAX = 1, 100_000
ANSWER_DAYS_MIN, ANSWER_DAYS_MAX = 1, 365
POSITION_MIN, POSITION_MAX = 1, 1_000
LANGUAGES = ("de", "en")


def whole_number(label, *, low: int, high: int, example: int, description, optional: bool = False) -> IntegerField:
    """An integer field from `low` to `high` whose messages say what to type, with an example.

    A text input (the template adds inputmode="numeric"), not type="number": that one would drop or refuse
    what was typed, and a kept "abc" would be invalid HTML in it.
    """
    message = LazyString(lambda: _("Please enter a whole number from %(min)s to %(max)s, e.g. %(example)s.",
                                   min=format_decimal(low), max=format_decimal(high),
                                   example=format_decimal(example)))
    # InputRequired, not DataRequired: a typed 0 is a number out of range, not an empty field.
    first = Optional() if optional else InputRequired(message=_l("Please fill in this field."))
    return IntegerField(label, validators=[first, _in_range(low, high, message)],
                        invalid_value_message=message, description=description, widget=TextInput())


def _in_range(low: int, high: int, message):
    """NumberRange, silent when the input was no number at all (the field already says so, once)."""
    check = NumberRange(min=low, max=high, message=message)

    def validate(form, field) -> None:
        if not field.process_errors:
            check(form, field)

    return validate


class IdeaCategoryForm(Form):
    slug = StringField(
        _l("Address (slug)"), filters=[strip_lower],
        validators=[required(), length(max=60),
                    Regexp(SLUG_PATTERN, message=_l("Please use only letters a–z, digits and single hyphens."))],
        description=_l("Part of the web address, e.g. “mobility”: letters a–z, digits and hyphens."),
    )
    name_de = StringField(_l("Name (German)"), filters=[strip], validators=[required(), length(max=80)])
    name_en = StringField(_l("Name (English)"), filters=[strip], validators=[Optional(), length(max=80)],
                          description=_l("Optional: without it, English pages show the German name."))
    description_de = TextAreaField(_l("Description (German)"), filters=[strip],
                                   validators=[Optional(), length(max=500)])
    description_en = TextAreaField(_l("Description (English)"), filters=[strip],
                                   validators=[Optional(), length(max=500)])
    support_threshold = whole_number(
        _l("Support threshold"), low=THRESHOLD_MIN, high=THRESHOLD_MAX, example=25,
        description=_l("How many supports an idea needs before the city promises an answer, e.g. 25."))
    answer_days = whole_number(
        _l("Answer period in days"), low=ANSWER_DAYS_MIN, high=ANSWER_DAYS_MAX, example=30,
        description=_l("Days the city has to answer once an idea reaches the threshold, e.g. 30. "
                       "A change applies to ideas that reach the threshold from then on."))
    authors_may_support = BooleanField(
        _l("Authors may support their own ideas"),
        description=_l("If not ticked, only other people's supports count."))
    position = whole_number(
        _l("Place in the list"), low=POSITION_MIN, high=POSITION_MAX, example=1, optional=True,
        description=_l("Categories are listed by this number, smallest first. Leave it empty to put a new "
                       "category last."))

    @classmethod
    def data_of(cls, category: IdeaCategory) -> dict:
        """The form's values for an existing category."""
        data = {"slug": category.slug, "support_threshold": category.support_threshold,
                "answer_days": category.answer_days, "authors_may_support": category.authors_may_support,
                "position": category.position}
        for code in LANGUAGES:
            data[f"name_{code}"] = category.names.get(code, "")
            data[f"description_{code}"] = category.descriptions.get(code, "")
        return data

    def to_input(self) -> CategoryInput:
        """What the administrator typed, for ideas.categories.save_category."""
        return CategoryInput(
            slug=self.slug.data,
            names={code: getattr(self, f"name_{code}").data or "" for code in LANGUAGES},
            descriptions={code: getattr(self, f"description_{code}").data or "" for code in LANGUAGES},
            support_threshold=self.support_threshold.data, answer_days=self.answer_days.data,
            authors_may_support=bool(self.authors_may_support.data), position=self.position.data)
