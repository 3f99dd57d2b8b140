"""Forms of the solution pages: a solution, its status, linked ideas, milestones, updates, offers and ratings."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, RadioField, SelectChoice, SelectField, StringField, \
    TextAreaField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import TextInput

from app.form_text import renders_visibly
from app.forms import DateOrTextInput, Form, length, required, strip
from ideas.admin_forms import whole_number
from app.i18n import language_choices
from ideas.models import IdeaCategory
from ideas.solutions.models import ROLE_LABELS, SOLUTION_STATUS_LABELS, SUMMARY_MAX, TITLE_MAX, Role, \
    Solution, SolutionStatus

TITLE_MIN = 5
DESCRIPTION_MAX = 20_000
EXPLANATION_MAX = 10_000
UPDATE_MAX = 5_000
NOTE_MAX = 500
COMMENT_MAX = 5_000
MARKDOWN_HINT = _l("Markdown: **bold**, *italic*, > quotes, lists and links.")
SCORE_LABELS = {5: _l("5: it fully meets the need"), 4: _l("4: it mostly meets the need"),
                3: _l("3: partly"), 2: _l("2: hardly"), 1: _l("1: it does not meet the need")}
NO_CATEGORY = ""
IDEA_NUMBER_HINT = _l("Please enter the number of an idea, e.g. 12 for /ideas/12.")


def _explanation(label, hint) -> TextAreaField:
    return TextAreaField(label, filters=[strip], validators=[Optional(), length(max=EXPLANATION_MAX)],
                         description=hint)


class SolutionForm(Form):
    """What city staff and the owner write about a solution, and its progress when set by hand."""

    title = StringField(_l("Title"), filters=[strip], validators=[required(), length(min=TITLE_MIN, max=TITLE_MAX)],
                        description=_l("%(min)d to %(max)d characters: what is being built?", min=TITLE_MIN,
                                       max=TITLE_MAX))
    summary = StringField(_l("Summary"), filters=[strip], validators=[required(), length(max=SUMMARY_MAX)],
                          description=_l("One or two sentences for the list of solutions, at most %(max)d "
                                         "characters.", max=SUMMARY_MAX))
    description = TextAreaField(_l("Description"), filters=[strip],
                                validators=[required(), length(max=DESCRIPTION_MAX), renders_visibly()],
                                description=_l("What does it do, for whom, and how can people take part? "
                                               "%(markdown)s", markdown=MARKDOWN_HINT))
    category = SelectField(_l("Category"))
    language = SelectField(_l("Language of the text"), description=_l("So that screen readers pronounce it "
                                                                       "correctly."))
    progress = whole_number(_l("Progress in per cent (optional)"), low=0, high=100, example=40, optional=True,
                            description=_l("Leave it empty to compute the progress from the milestones done."))

    def __init__(self, *args, categories: list[IdeaCategory], locale: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.categories = categories
        self.category.choices = [SelectChoice(NO_CATEGORY, _l("No category"))] + [
            SelectChoice(c.slug, c.name(locale)) for c in categories]
        self.language.choices = language_choices()

    @classmethod
    def data_of(cls, solution: Solution) -> dict:
        """The fields' values for editing `solution`."""
        return {"title": solution.title, "summary": solution.summary, "description": solution.description_md,
                "category": solution.category.slug if solution.category else NO_CATEGORY,
                "language": solution.language, "progress": solution.progress_manual}

    def chosen_category(self) -> IdeaCategory | None:
        return next((c for c in self.categories if c.slug == self.category.data), None)


class NewSolutionForm(SolutionForm):
    """A new solution, and the ideas it is built from with the public explanation for their history."""

    ideas = StringField(_l("Numbers of the ideas it is built from (optional)"), filters=[strip],
                        validators=[Optional(), length(max=200)],
                        description=_l("Separated by commas, e.g. 12, 15 for /ideas/12 and /ideas/15. Accepted "
                                       "ideas move to “In development”."))
    explanation = _explanation(_l("Public explanation for the ideas"),
                               _l("Needed when you name ideas: it is shown in each idea's history. %(markdown)s",
                                  markdown=MARKDOWN_HINT))

    def idea_numbers(self) -> list[int]:
        """The idea numbers typed, in order, each once."""
        return list(dict.fromkeys(int(n) for n in re.findall(r"\d+", self.ideas.data or "")))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: only numbers and separators, and an explanation whenever ideas are named."""
        valid = super().validate(extra_validators)
        if self.ideas.data and not re.fullmatch(r"[\d\s,;#]+", self.ideas.data):
            self.ideas.errors = [_l("Please enter idea numbers separated by commas, e.g. 12, 15.")]
        elif self.ideas.data and not self.explanation.data and not self.explanation.errors:
            self.explanation.errors = [_l("Please explain publicly why these ideas lead to this solution.")]
        return valid and not self.ideas.errors and not self.explanation.errors


class SolutionStatusForm(Form):
    """City staff move a solution along; going live needs the explanation the linked ideas' history shows."""

    status = SelectField(_l("New status"))
    explanation = _explanation(_l("Public explanation"),
                               _l("Needed for “Live”: each linked idea in development becomes “Implemented” with "
                                  "this explanation in its history. %(markdown)s", markdown=MARKDOWN_HINT))

    def __init__(self, *args, solution: Solution, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(s.value, SOLUTION_STATUS_LABELS[s]) for s in SolutionStatus
                               if s != solution.state]

    @property
    def chosen_status(self) -> SolutionStatus:
        return SolutionStatus(self.status.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.chosen_status == SolutionStatus.LIVE and not self.explanation.data:
            self.explanation.errors = [_l("Please explain publicly what is live now: the ideas' supporters read "
                                          "it.")]
        return valid and not self.explanation.errors


class LinkIdeaForm(Form):
    """City staff link an idea the solution is built from, with a public explanation."""

    idea = IntegerField(_l("Number of the idea"), validators=[InputRequired(message=IDEA_NUMBER_HINT)],
                        invalid_value_message=IDEA_NUMBER_HINT, widget=TextInput(),
                        description=_l("E.g. 12 for /ideas/12. An accepted idea moves to “In development”."))
    explanation = TextAreaField(_l("Public explanation"), filters=[strip],
                                validators=[required(), length(max=EXPLANATION_MAX)],
                                description=_l("Shown in the idea's history. %(markdown)s", markdown=MARKDOWN_HINT))


class MilestoneForm(Form):
    """A step on the solution's timeline: title, planned date and an optional description."""

    title = StringField(_l("Title"), filters=[strip], validators=[required(), length(max=TITLE_MAX)])
    planned_on = DateField(_l("Planned for"), widget=DateOrTextInput(), validators=[InputRequired(message=_l(
        "Please enter a date, e.g. 2027-03-31."))], description=_l("The day it should be done, e.g. 2027-03-31."))
    description = TextAreaField(_l("Description (optional)"), filters=[strip],
                                validators=[Optional(), length(max=EXPLANATION_MAX)], description=MARKDOWN_HINT)

    def validate(self, extra_validators=None) -> bool:
        """Field checks; a date that does not parse gets our translated message, not WTForms' own."""
        valid = super().validate(extra_validators)
        if self.planned_on.errors and self.planned_on.raw_data and self.planned_on.raw_data[0]:
            self.planned_on.errors = [_l("Please enter a valid date, e.g. 2027-03-31.")]
        return valid


class UpdateForm(Form):
    """A short progress update by the team."""

    body = TextAreaField(_l("Your update"), filters=[strip],
                         validators=[required(), length(max=UPDATE_MAX), renders_visibly()],
                         description=_l("What was done, what comes next, where help is needed. %(markdown)s",
                                        markdown=MARKDOWN_HINT))


class VolunteerForm(Form):
    """A citizen offers help: a role, a short note, and consent to be named on the public team list."""

    role = RadioField(_l("How would you like to help?"),
                      choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
                      validate_choice=True)
    note = TextAreaField(_l("A short note to the team (optional)"), filters=[strip],
                         validators=[Optional(), length(max=NOTE_MAX)],
                         description=_l("What you know or can do, and when you have time. At most %(max)d "
                                        "characters; only the team reads it.", max=NOTE_MAX))
    public = BooleanField(_l("Show my name on the public team list once I am accepted"),
                          description=_l("Without this, only the team knows you are helping."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.role.errors:
            self.role.errors = [_l("Please choose how you would like to help.")]
        return valid

    @property
    def chosen_role(self) -> Role:
        return Role(self.role.data)


class RatingForm(Form):
    """Does the live solution meet the need? 1 to 5, with an optional comment."""

    score = RadioField(_l("Does it meet the need of the idea you supported?"),
                       choices=[SelectChoice(str(score), label) for score, label in SCORE_LABELS.items()])
    comment = TextAreaField(_l("Comment (optional)"), filters=[strip], validators=[Optional(),
                                                                                    length(max=COMMENT_MAX)],
                            description=_l("What works, what is missing? It is shown on the solution's page without your name. %(markdown)s",
                                           markdown=MARKDOWN_HINT))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.score.errors:
            self.score.errors = [_l("Please choose a rating from 1 to 5.")]
        return valid
