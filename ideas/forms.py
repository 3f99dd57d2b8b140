"""Forms of the idea pages: propose or edit an idea, change its status, withdraw it, set supports aside, and
buttons."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, IntegerField, SelectChoice, SelectField, SelectMultipleField, StringField,
                     TextAreaField)
from wtforms.validators import DataRequired, NumberRange, Optional

from app.form_text import renders_visibly
from app.forms import Form, length, required, strip
from app.i18n import language_choices
from ideas import lifecycle
from ideas.models import STATUS_LABELS, TITLE_MAX, Idea, IdeaCategory, Status

TITLE_MIN = 5
BODY_MAX = 20_000
EXPLANATION_MAX = 10_000
PLAIN_SUMMARY_MAX = 600


class PlainSummaryForm(Form):
    """An idea's summary in plain language; empty takes it away."""

    summary = TextAreaField(
        _l("Summary in plain language"), filters=[strip], validators=[Optional(), length(max=PLAIN_SUMMARY_MAX)],
        description=_l("Up to %(max)d characters. Short sentences, everyday words, one thought per sentence. "
                       "Leave it empty to remove the summary.", max=PLAIN_SUMMARY_MAX))


class IdeaForm(Form):
    """Title, description, category and the language the idea is written in."""

    title = StringField(
        _l("Title"), filters=[strip], validators=[required(), length(min=TITLE_MIN, max=TITLE_MAX)],
        description=_l("%(min)d to %(max)d characters: what should the city do?", min=TITLE_MIN, max=TITLE_MAX),
    )
    body = TextAreaField(
        _l("Description"), filters=[strip], validators=[required(), length(max=BODY_MAX), renders_visibly()],
        description=_l("What is the problem, who has it, and what would help? Markdown: **bold**, *italic*, "
                       "> quotes, lists and links."),
    )
    # No DataRequired on selects: they refuse values outside their choices by themselves.
    category = SelectField(_l("Category"))
    language = SelectField(_l("Language of your text"),
                           description=_l("So that screen readers pronounce it correctly."))

    def __init__(self, *args, categories: list[IdeaCategory], locale: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [SelectChoice(c.slug, c.name(locale)) for c in categories]
        self.language.choices = language_choices()
        if self.category.data is None and len(categories) == 1:
            self.category.data = categories[0].slug

    def chosen_category(self, categories: list[IdeaCategory]) -> IdeaCategory:
        return next(c for c in categories if c.slug == self.category.data)


class StatusForm(Form):
    """City staff move an idea along its lifecycle, always with a public explanation."""

    status = SelectField(_l("New status"))
    explanation = TextAreaField(
        _l("Public explanation"), filters=[strip],
        validators=[required(), length(max=EXPLANATION_MAX), renders_visibly()],
        description=_l("Everyone can read it on the idea's page. Markdown: **bold**, *italic*, > quotes, lists "
                       "and links."),
    )
    official = BooleanField(
        _l("This is the city's official answer"),
        description=_l("Accepting, declining and marking as a duplicate always answer the idea officially."),
    )
    duplicate_of = IntegerField(
        _l("Number of the original idea"), validators=[Optional(), NumberRange(min=1, message=_l(
            "Please enter the number of an idea, e.g. 12 for /ideas/12."))],
        description=_l("Only for duplicates: the idea this one repeats, e.g. 12 for /ideas/12."),
    )

    def __init__(self, *args, idea: Idea, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.status.choices = [SelectChoice(s.value, STATUS_LABELS[s]) for s in lifecycle.staff_moves(idea.state)]

    @property
    def chosen_status(self) -> Status:
        return Status(self.status.data)

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: a duplicate names its original, and not itself (Optional() skips inline checks)."""
        valid = super().validate(extra_validators)
        field = self.duplicate_of
        if field.errors:
            return False
        if self.status.data == Status.DUPLICATE.value and not field.data:
            field.errors = [_l("Please enter the number of the original idea.")]
        elif field.data and field.data == self.idea.id:
            field.errors = [_l("An idea cannot be a duplicate of itself.")]
        return valid and not field.errors


class WithdrawForm(Form):
    """The author confirms withdrawing, with an optional public reason."""

    explanation = TextAreaField(
        _l("Reason (optional)"), filters=[strip], validators=[Optional(), length(max=EXPLANATION_MAX)],
        description=_l("Shown in the idea's history. Markdown: **bold**, *italic*, > quotes, lists and links."),
    )


class ButtonForm(Form):
    """A button that only carries the CSRF token (support, withdraw support, publish)."""


REASON_MAX = 1000


def _vote_id(raw) -> int:
    """A submitted vote id, or 0 for anything else (the service ignores ids that are not the idea's)."""
    text = str(raw)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else 0


class SetAsideForm(Form):
    """Staff set aside suspicious supports of an idea: which ones (checkboxes), and why (required)."""

    votes = SelectMultipleField(_l("Supports to set aside"), coerce=_vote_id, validate_choice=False,
                                validators=[DataRequired(message=_l("Choose at least one support to set aside."))])
    reason = TextAreaField(
        _l("Reason"), filters=[strip], validators=[required(), length(max=REASON_MAX)],
        description=_l("Each supporter is told this reason, and it goes into the audit log."),
    )
