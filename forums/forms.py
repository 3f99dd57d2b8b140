"""Forms of the forum pages: a new thread, a reply, an edit, a deletion, and a category for administrators."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import ValidationError

from app.categories.forms import CategoryForm
from app.form_text import renders_visibly
from app.forms import Form, length, required, strip
from app.i18n import current_language, language_choices
from forums.categories import CategoryInput
from forums.colours import PALETTE
from forums.models import STANCE_LABELS, ForumCategory, Post, Stance

TITLE_MIN, TITLE_MAX = 5, 150
BODY_MAX = 20_000
NO_STANCE = "none"


def body_field(label) -> TextAreaField:
    return TextAreaField(
        label, filters=[strip], validators=[required(), length(max=BODY_MAX), renders_visibly()],
        description=_l("Markdown: **bold**, *italic*, > quotes, lists and links. Mention people with @username."),
    )


def stance_field() -> RadioField:
    return RadioField(
        _l("Your stance"), default=NO_STANCE,
        choices=[SelectChoice(NO_STANCE, _l("No stance")),
                 *(SelectChoice(stance.value, STANCE_LABELS[stance]) for stance in Stance)],
        description=_l("Optional: are you for or against it, or do you have a question?"),
    )


class ThreadForm(Form):
    """Title, opening post and the language the thread is written in (the reader's language unless chosen)."""

    title = StringField(
        _l("Title"), filters=[strip], validators=[required(), length(min=TITLE_MIN, max=TITLE_MAX)],
        description=_l("%(min)d to %(max)d characters: what is the thread about?", min=TITLE_MIN, max=TITLE_MAX),
    )
    body = body_field(_l("Your post"))
    # No DataRequired: a select refuses values outside its choices by itself.
    language = SelectField(_l("Language of your text"),
                           description=_l("So that screen readers pronounce it correctly."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = language_choices()
        if not self.language.data:
            self.language.data = current_language().code


class PostForm(Form):
    """A reply or an edit: the text and, in a discussion about a subject, a stance."""

    body = body_field(_l("Your reply"))
    stance = stance_field()

    def __init__(self, *args, with_stance: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_stance:
            del self.stance

    @property
    def chosen_stance(self) -> Stance | None:
        """The stance picked, or None for "no stance" (and where the form has no stance field)."""
        field = getattr(self, "stance", None)
        if field is None or field.data in (None, NO_STANCE):
            return None
        return Stance(field.data)


class ReplyForm(PostForm):
    to = HiddenField()  # the id of the post replied to; empty for a reply to the thread


class EditForm(PostForm):
    body = body_field(_l("Text of the post"))


class ConfirmForm(Form):
    """A button that confirms an action (deleting a post); only the CSRF token travels."""


RESERVED_SLUGS = frozenset({"discussions"})  # /forums/discussions lists the discussions of ideas and solutions


class ForumCategoryForm(CategoryForm):
    """A forum category: the common fields (app.categories.forms) and its colour."""

    slug_hint = _l(
        "Part of the web address, e.g. “mobility” for /forums/mobility: letters a–z, digits and hyphens.")
    # No DataRequired: the select refuses values outside its choices by itself (see users.forms.ProfileForm).
    color = SelectField(
        _l("Colour"),
        description=_l("Marks the category in lists, next to its name: the name alone always says which category it is."),
    )
    premoderated = BooleanField(
        _l("Pre-moderation: new members' posts wait for review"),
        description=_l("Posts by members still in the new-member sandbox are shown only after a moderator "
                       "has looked at them."))

    def __init__(self, *args, current_color: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.color.choices = [SelectChoice(colour.hex, colour.label) for colour in PALETTE]
        if current_color and current_color not in {colour.hex for colour in PALETTE}:
            self.color.choices.insert(0, SelectChoice(current_color, _l("Current colour (%(hex)s)", hex=current_color)))

    def validate_slug(self, field) -> None:
        """The address may not be one of the forums' own pages."""
        if field.data in RESERVED_SLUGS:
            raise ValidationError(_("Another page of the forums uses this address. Please choose another."))

    @classmethod
    def for_category(cls, category: ForumCategory | None) -> ForumCategoryForm:
        """The form filled with `category`'s values, or empty for a new category."""
        if category is None:
            return cls()
        return cls(data={**cls.data_of(category), "color": category.color,
                         "premoderated": bool(category.premoderated)}, current_color=category.color)

    def to_input(self) -> CategoryInput:
        """What the administrator typed, for forums.categories.save_category."""
        return CategoryInput(slug=self.slug.data, names=self.typed_names(), descriptions=self.typed_descriptions(),
                             color=self.color.data, premoderated=bool(self.premoderated.data))


def quote_of(post: Post) -> str:
    """A Markdown quote of `post` with its author's @username, to start a reply with."""
    lines = [f"> {line}".rstrip() for line in post.body_md.splitlines()]
    if post.author is not None:
        lines += [">", f"> — @{post.author.username}"]
    return "\n".join(lines) + "\n\n"
