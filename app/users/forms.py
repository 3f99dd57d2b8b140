"""Forms of the settings pages: profile and language, e-mail address, password."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, ValidationError

from app.auth.forms import AccountForm, password_field
from app.forms import Form, email_address, length, required, strip, strip_lower
from app.i18n import language_choices
from app.users.services import email_taken


class ProfileForm(Form):
    display_name = StringField(
        _l("Display name"), filters=[strip], validators=[required(), length(max=50)],
        description=_l("Shown with your posts, up to 50 characters."),
    )
    bio_md = TextAreaField(
        _l("About you"), filters=[strip], validators=[length(max=2000)],
        description=_l("Optional, up to 2,000 characters. You can use Markdown: **bold**, *italic*, lists and links."),
    )
    # No DataRequired: the field refuses any value outside its choices by itself, and its `required` flag
    # would render <select required> whose first option has a value, which is invalid HTML.
    locale = SelectField(
        _l("Preferred language"),
        description=_l("Pages and e-mails reach you in this language."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.locale.choices = language_choices()


class EmailChangeForm(AccountForm):
    email = EmailField(
        _l("New e-mail address"), filters=[strip_lower],
        validators=[required(), email_address(), length(max=254)],
        description=_l("We send a confirmation link to the new address. Until you follow it, we keep using the old one."),
    )
    current_password = PasswordField(_l("Current password"), validators=[required()])

    def validate_email(self, field) -> None:
        if field.data != self.user.email and email_taken(field.data, except_user=self.user):
            raise ValidationError(_l("Another account uses this e-mail address."))


class PasswordChangeForm(AccountForm):
    current_password = PasswordField(_l("Current password"), validators=[required()])
    new_password = password_field(_l("New password"))


class AccountDeletionForm(Form):
    """The password and the acknowledgement that deleting the account cannot be undone."""

    password = PasswordField(_l("Your password"), validators=[required()],
                             description=_l("To make sure it is you who deletes the account."))
    understood = BooleanField(_l("I understand that my account is deleted at once and cannot be restored."),
                              validators=[DataRequired(message=_l("Please confirm that you understand this."))])
