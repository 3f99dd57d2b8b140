"""Form helpers shared by every package: field filters and validators with translated messages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import Email, Length
from wtforms.widgets import DateInput

from app.form_text import NoControlCharacters, VisibleRequired


def strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def strip_lower(value: str | None) -> str | None:
    return value.strip().lower() if isinstance(value, str) else value


def required() -> VisibleRequired:
    """The field must hold something visible (app.form_text.VisibleRequired)."""
    return VisibleRequired(message=_l("Please fill in this field."))


def length(*, min: int = -1, max: int = -1) -> Length:  # noqa: A002 - mirrors WTForms
    if min > 0 and max > 0:
        message = _l("Please use between %(min)d and %(max)d characters.", min=min, max=max)
    elif max > 0:
        message = _l("Please use at most %(max)d characters.", max=max)
    else:
        message = _l("Please use at least %(min)d characters.", min=min)
    return Length(min=min, max=max, message=message)


def email_address() -> Email:
    return Email(message=_l("Please enter an e-mail address like name@example.org."),
                 check_deliverability=False)


NO_CONTROL_CHARACTERS = NoControlCharacters()


class DateOrTextInput(DateInput):
    """A date picker that shows back a typed value it cannot read as a text input: kept as typed, and valid HTML
    (type="date" allows only ISO dates in its value)."""

    def __call__(self, field, **kwargs):
        if field.raw_data and field.raw_data[0] and field.data is None:
            kwargs.setdefault("type", "text")
        return super().__call__(field, **kwargs)


class Form(FlaskForm):
    """Base form: CSRF-protected; its text fields refuse control characters before any other check
    (app.form_text); `errors_in_order` feeds the error summary at the top."""

    control_characters_allowed: tuple[str, ...] = ()  # fields that read them themselves (a search box: separators)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self:
            if isinstance(field, StringField) and field.name not in self.control_characters_allowed:
                field.validators = [NO_CONTROL_CHARACTERS, *field.validators]  # text, text areas, passwords, e-mail

    def errors_in_order(self) -> list[tuple[str, str]]:
        """(target id, message) for every error in field order, the message led by the field's label ("Title:
        Please fill in this field.", GOV.UK's error summary); the id is None for the CSRF token.

        A group of radio buttons is targeted by its first option, so following the link focuses a control.
        """
        found = []
        for field in self:
            for message in field.errors:
                if field.name == "csrf_token":
                    found.append((None, str(_l("This form had expired. Please check your entries and send it again."))))
                    continue
                target = next(iter(field)).id if isinstance(field, RadioField) else field.id
                label = field.label.text.rstrip(" :?") if field.label is not None else ""
                found.append((target, str(_l("%(field)s: %(message)s", field=label, message=message))
                              if label else message))
        return found


def checked_date_range(since, until, valid: bool) -> bool:
    """After `validate()` of a filter form with the date fields `since` and `until`: our own words for a date that
    does not parse, and an error on `until` when the range ends before it starts. Returns whether the form is
    valid now."""
    for field in (since, until):
        if field.errors and field.raw_data and field.raw_data[0]:
            field.errors = [_l("Please enter a valid date, e.g. 2027-03-31.")]
    if valid and since.data and until.data and until.data < since.data:
        until.errors = [_l("The end of the range is before its start.")]
        return False
    return valid and not since.errors and not until.errors
