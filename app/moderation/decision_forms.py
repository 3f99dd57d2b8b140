"""The decision form (review items, direct action, bulk): verdict, reason category, facts, house rule or legal
ground, an optional sanction on the author, and for a redaction the new texts. Validated on the server: a
restriction needs its statement of reasons (DSA Art. 17)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from app.forms import Form, length, strip
from app.moderation.models import REASON_LABELS, Reason

VERDICT_LABELS = {
    "hide": _l("Agree and hide"),
    "keep": _l("Disagree and keep"),
    "ignore": _l("Ignore (no judgement)"),
    "redact": _l("Edit to redact"),
    "delete": _l("Delete"),
}
RESTRICTING = frozenset({"hide", "redact", "delete"})
ITEM_VERDICTS = ("hide", "keep", "ignore", "redact", "delete")
ACT_VERDICTS = ("hide", "redact", "delete")
BULK_VERDICTS = ("hide", "keep", "ignore", "delete")
SANCTION_LABELS = {"": _l("No sanction"), "silence": _l("Silence the author (may read, may not write)"),
                   "suspend": _l("Suspend the author (may not log in)")}
LEGAL = "legal"
CONTENT_LABELS = {"title": _l("Title"), "body": _l("Text"), "name": _l("Name"), "bio": _l("About me")}
MAX_DAYS = 3650


class DecisionForm(Form):
    verdict = RadioField(_l("Decision"), choices=[], validators=[Optional()])
    reason = RadioField(_l("Reason category"), choices=[SelectChoice(r.value, REASON_LABELS[r]) for r in Reason],
                        validators=[Optional()])
    facts = TextAreaField(_l("Facts"), filters=[strip], validators=[length(max=5000)],
                          description=_l("What was written or done, and why it restricts: the affected person "
                                         "reads this. Required for hiding, redacting, deleting and sanctions."))
    rule = SelectField(_l("House rule"), choices=[], validators=[Optional()])
    legal_ground = TextAreaField(_l("Legal ground"), filters=[strip], validators=[length(max=2000)],
                                 description=_l("Only when no house rule applies: the law and why it applies."))
    sanction = RadioField(_l("Sanction on the author"), default="", validators=[Optional()],
                          choices=[SelectChoice(v, label) for v, label in SANCTION_LABELS.items()])
    days = StringField(_l("Duration in days"), filters=[strip],
                       description=_l("For a sanction: how many days, from 1 to 3650."))

    def __init__(self, *args, verdicts: tuple[str, ...], rules: list[tuple[int, str]],
                 redact_keys: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.verdict.choices = [SelectChoice(v, VERDICT_LABELS[v]) for v in verdicts]
        self.rule.choices = [SelectChoice("", _l("Choose a house rule")),
                             *(SelectChoice(str(n), text) for n, text in rules),
                             SelectChoice(LEGAL, _l("No house rule: a legal ground"))]
        self.redact_keys = redact_keys
        if self.sanction.data is None:
            self.sanction.data = ""

    @property
    def restricts(self) -> bool:
        return self.verdict.data in RESTRICTING or bool(self.sanction.data)

    @property
    def rule_number(self) -> int | None:
        return int(self.rule.data) if self.rule.data and self.rule.data.isdigit() else None

    @property
    def sanction_days(self) -> int | None:
        return int(self.days.data) if self.sanction.data and (self.days.data or "").isdigit() else None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.verdict.data:
            self.verdict.errors.append(_l("Please choose a decision."))
        if self.restricts:
            if not self.reason.data:
                self.reason.errors.append(_l("Please choose the reason category."))
            if not self.facts.data:
                self.facts.errors.append(_l("A restriction needs the facts it rests on."))
            if not self.rule.data:
                self.rule.errors.append(_l("Please choose the house rule, or that a legal ground applies."))
            elif self.rule.data == LEGAL and not self.legal_ground.data:
                self.legal_ground.errors.append(_l("Please name the legal ground."))
        if self.sanction.data:
            days = self.days.data or ""
            if not (days.isascii() and days.isdigit() and 1 <= int(days) <= MAX_DAYS):
                self.days.errors.append(_l("Please enter a number of days from 1 to 3650."))
        return valid and not any(field.errors for field in self)

    def statement_errors(self) -> None:
        """Mark the statement fields after the service found the statement incomplete."""
        if not self.facts.data:
            self.facts.errors.append(_l("A restriction needs the facts it rests on."))
        if not self.rule_number and not self.legal_ground.data:
            self.rule.errors.append(_l("Please choose the house rule, or that a legal ground applies."))


def redaction_fields(form: DecisionForm, content: dict[str, str], formdata) -> dict[str, str]:
    """The texts the moderator wrote for a redaction (`redact-<key>` fields), the current text where none came."""
    return {key: (formdata.get(f"redact-{key}", content.get(key, "")) if formdata else content.get(key, ""))
            for key in form.redact_keys}


__all__ = ["DecisionForm", "redaction_fields", "VERDICT_LABELS", "ITEM_VERDICTS", "ACT_VERDICTS",
           "BULK_VERDICTS", "SANCTION_LABELS", "LEGAL", "CONTENT_LABELS"]
