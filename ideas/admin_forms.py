"""The administrators' form for an idea category: the common category fields, the answer promise and the order."""
from __future__ import annotations

from flask_babel import LazyString, format_decimal, gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional
from wtforms.widgets import TextInput

from app.categories.forms import CategoryForm
from ideas.categories import CategoryInput
from ideas.models import IdeaCategory

THRESHOLD_MIN, THRESHOLD_MAX = 1, 100_000
ANSWER_DAYS_MIN, ANSWER_DAYS_MAX = 1, 365
POSITION_MIN, POSITION_MAX = 1, 1_000


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


class IdeaCategoryForm(CategoryForm):
    """An idea category: the common fields (app.categories.forms), the answer promise and the place in the list."""

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
    premoderated = BooleanField(
        _l("Pre-moderation: new members' posts wait for review"),
        description=_l("Posts by members still in the new-member sandbox are shown only after a moderator "
                       "has looked at them."))
    position = whole_number(
        _l("Place in the list"), low=POSITION_MIN, high=POSITION_MAX, example=1, optional=True,
        description=_l("Categories are listed by this number, smallest first. Leave it empty to put a new "
                       "category last."))

    @classmethod
    def for_category(cls, category: IdeaCategory | None) -> IdeaCategoryForm:
        """The form filled with `category`'s values, or with the usual promise for a new category."""
        if category is None:
            return cls(data={"support_threshold": 25, "answer_days": 30})
        return cls(data={**cls.data_of(category), "support_threshold": category.support_threshold,
                         "answer_days": category.answer_days, "authors_may_support": category.authors_may_support,
                         "premoderated": bool(category.premoderated),
                         "position": category.position})

    def to_input(self) -> CategoryInput:
        """What the administrator typed, for ideas.categories.save_category."""
        return CategoryInput(
            slug=self.slug.data, names=self.typed_names(), descriptions=self.typed_descriptions(),
            support_threshold=self.support_threshold.data, answer_days=self.answer_days.data,
            authors_may_support=bool(self.authors_may_support.data), position=self.position.data,
            premoderated=bool(self.premoderated.data))
