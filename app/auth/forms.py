"""Forms for registering, logging in and resetting a password."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import ValidationError

from app.auth.password_policy import MAX_LENGTH, MIN_LENGTH, refusal
from app.i18n import current_language
from app.forms import Form, email_address, length, required, strip, strip_lower
from app.users import usernames
from app.users.services import email_taken, find_by_username


def normalised_username(value: str | None) -> str | None:
    """The typed username as stored, lower-cased by the rules of the page's language (Turkish: `I` -> `ı`)."""
    return usernames.normalise(value, current_language().code) if isinstance(value, str) else value


class AcceptablePassword:
    """WTForms validator: refuses what app.auth.password_policy refuses, with its message. The person whose
    password it is comes from the form's `password_owner()` (username, e-mail address), when it has one."""

    field_flags = {"minlength": MIN_LENGTH, "maxlength": MAX_LENGTH}

    def __call__(self, form, field) -> None:
        owner = getattr(form, "password_owner", None)
        username, email = owner() if owner is not None else (None, None)
        message = refusal(field.data or "", username=username, email=email)
        if message is not None:
            raise ValidationError(message)


def password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[required(), AcceptablePassword()],
        description=_l("At least %(min)d characters, not a common password and not your username or e-mail address. "
                       "A few unrelated words make a strong password.", min=MIN_LENGTH),
    )


class AccountForm(Form):
    """A form about an existing account (`user`), whose password a password field protects."""

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def password_owner(self) -> tuple[str, str]:
        return self.user.username, self.user.email


class RegisterForm(Form):
    username = StringField(
        _l("Username"),
        filters=[normalised_username],
        validators=[required()],
        render_kw={"maxlength": usernames.MAX_LENGTH},
        description=_l("3 to 30 characters: letters of one alphabet, digits and underscores, at least one letter. "
                       "Others can mention you with it."),
    )
    display_name = StringField(
        _l("Display name"),
        filters=[strip],
        validators=[required(), length(max=50)],
        description=_l("Shown with your posts, up to 50 characters. Your real name or a nickname."),
    )
    email = EmailField(
        _l("E-mail address"),
        filters=[strip_lower],
        validators=[required(), email_address(), length(max=254)],
        description=_l("We send a link to confirm it. It is never shown to others."),
    )
    password = password_field(_l("Password"))

    def validate_username(self, field) -> None:
        refused = usernames.refusal(field.data)
        if refused is not None:
            raise ValidationError(refused)
        if find_by_username(field.data) is not None:
            raise ValidationError(_l("This username is taken. Please choose another."))

    def validate_email(self, field) -> None:
        if email_taken(field.data):
            raise ValidationError(_l("An account with this e-mail address exists already. "
                                     "You can log in or reset your password."))

    def password_owner(self) -> tuple[str | None, str | None]:
        return self.username.data, self.email.data


class LoginForm(Form):
    login = StringField(_l("E-mail address or username"), filters=[strip], validators=[required()])
    password = PasswordField(_l("Password"), validators=[required()])
    remember = BooleanField(_l("Stay logged in on this device"))


class ResetRequestForm(Form):
    email = EmailField(
        _l("E-mail address"),
        filters=[strip_lower],
        validators=[required(), email_address()],
        description=_l("The address of your account. We send a link that is valid for one hour."),
    )


class ResetPasswordForm(AccountForm):
    password = password_field(_l("New password"))


class ResendConfirmationForm(Form):
    email = EmailField(_l("E-mail address"), filters=[strip_lower], validators=[required(), email_address()])
