"""The form of a watched word at /admin/words: the word, its language (or all), its action and, for "replace",
the replacement (required only then)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField, StringField

from app.forms import Form, length, required, strip
from app.i18n import LANGUAGES
from app.trust import words
from app.trust.models import ALL_LANGUAGES, WORD_ACTION_LABELS, WordAction
from app.trust.watched import WordInput

WORD_MAX = 100


def language_choices() -> list[SelectChoice]:
    """"All languages" first, then every language we offer by its own name."""
    return [SelectChoice(ALL_LANGUAGES, _l("All languages")),
            *(SelectChoice(code, language.native_name) for code, language in LANGUAGES.items())]


class WordForm(Form):
    word = StringField(
        _l("Word or phrase"), filters=[strip], validators=[required(), length(max=WORD_MAX)],
        description=_l("Matched as a whole word, whatever the case, accents written apart, invisible characters "
                       "or look-alike letters. A phrase matches with any spaces between its words."))
    locale = SelectField(_l("Language"), choices=language_choices(), default=ALL_LANGUAGES,
                         description=_l("Posts in this language, or in every language."))
    action = RadioField(_l("What happens to a post that contains it"),
                        choices=[SelectChoice(action.value, WORD_ACTION_LABELS[action]) for action in WordAction],
                        default=WordAction.BLOCK.value, validators=[required()])
    replacement = StringField(
        _l("Replacement"), filters=[strip], validators=[length(max=WORD_MAX)],
        description=_l("Only for “Replace the word”: what the post says instead, e.g. “***”."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.word.data and not self.word.errors and not words.normalise_word(self.word.data):
            self.word.errors.append(str(_l("Please enter a word with at least one visible character.")))
            valid = False
        if self.action.data == WordAction.REPLACE.value and not self.replacement.data:
            self.replacement.errors.append(str(_l("Please enter what replaces the word.")))
            valid = False
        return valid

    def data_in(self) -> WordInput:
        """What the administrator typed, for app.trust.watched."""
        return WordInput(word=self.word.data, locale=self.locale.data, action=WordAction(self.action.data),
                         replacement=self.replacement.data or "")

    def show(self, word) -> None:
        """Fill the form with a stored word (the edit page's first view)."""
        self.word.data, self.locale.data = word.word, word.locale
        self.action.data, self.replacement.data = word.action.value, word.replacement


class FilterForm(Form):
    """The list's filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    locale = SelectField(_l("Language"), choices=[SelectChoice("any", _l("Every language")),
                                                  *language_choices()], default="any")
    action = SelectField(_l("Action"), choices=[SelectChoice("any", _l("Every action")),
                                                *(SelectChoice(a.value, WORD_ACTION_LABELS[a]) for a in WordAction)],
                         default="any")
