"""What a text field must hold to count as written: no control characters, and something a reader can see.

- Every form (app.forms.Form) refuses control characters in its text fields before any other check of the field
  runs: NUL and the rest of Unicode's "Cc" category but for tab, line feed and carriage return (browsers send a
  line break in a text area as CR LF). Nothing else about such a value is looked at, the database included.
- A required text field (app.forms.required) counts as empty when nothing visible remains once spaces, invisible
  and formatting characters are taken away: zero-width spaces, joiners, direction marks, soft hyphens, lone
  combining marks, the Hangul fillers and the braille blank.
- A Markdown field (`renders_visibly`) counts as empty when its rendering through the text pipeline shows nothing
  (only a rule, an empty link or list, an entity of an invisible character). It renders only a value that passed
  its other checks, the length limit included, so a limit is always checked on the text as typed, in characters.
"""
from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, StopValidation, ValidationError

from app.text import plain_text, render_markdown

ALLOWED_CONTROLS = frozenset("\t\n\r")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, braille blank: they show nothing


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control character other than tab, line feed and carriage return."""
    return any(unicodedata.category(char) == "Cc" and char not in ALLOWED_CONTROLS for char in text)


def is_visible(text: str) -> bool:
    """Whether `text` holds at least one character a reader sees."""
    return any(unicodedata.category(char) not in INVISIBLE_CATEGORIES and char not in BLANK_CHARACTERS
               for char in text)


class NoControlCharacters:
    """Refuses a text with control characters, and stops every later check of the field (see the module)."""

    message = _l("This text contains a control character (such as NUL), which cannot be shown. Please type it "
                 "again or paste it as plain text.")

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and has_control_characters(field.data):
            field.errors[:] = []
            raise StopValidation(self.message)


class VisibleRequired(DataRequired):
    """DataRequired that also counts a text of only invisible characters as empty, and says so."""

    invisible = _l("This field holds only invisible characters, such as spaces or zero-width characters. Please "
                   "write something readable.")

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and field.data.strip() and not is_visible(field.data):
            field.errors[:] = []
            raise StopValidation(self.invisible)
        super().__call__(form, field)


class RendersVisibly:
    """Refuses Markdown whose rendering shows nothing; renders only when the field has no error yet."""

    message = _l("Once formatted, your text shows nothing: only formatting marks, empty links or invisible "
                 "characters. Please write some text.")

    def __call__(self, form, field) -> None:
        if field.errors or not isinstance(field.data, str) or not field.data.strip():
            return
        if not is_visible(plain_text(render_markdown(field.data))):
            raise ValidationError(self.message)


def renders_visibly() -> RendersVisibly:
    return RendersVisibly()
