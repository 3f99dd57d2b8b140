"""The settings form, made afresh for each request from the settings the packages define
(`app.trust.settings.all_settings()`): a whole-number field with its bounds, or a checkbox for a flag."""
from __future__ import annotations

from flask_babel import LazyString, format_decimal, gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import TextInput

from app.forms import Form
from app.trust import settings as registry
from app.trust.settings import Setting

GENERAL = _l("General")


def field_name(setting: Setting) -> str:
    """The form field of `setting` (dots are not welcome in HTML ids)."""
    return "s_" + setting.name.replace(".", "__").replace("-", "_")


def _range_message(setting: Setting) -> LazyString:
    return LazyString(lambda: _("Please enter a whole number from %(min)s to %(max)s, e.g. %(example)s.",
                                min=format_decimal(setting.minimum), max=format_decimal(setting.maximum),
                                example=format_decimal(setting.default)))


def _in_range(setting: Setting, message):
    """NumberRange, silent when the input was no number at all (the field already says so, once)."""
    check = NumberRange(min=setting.minimum, max=setting.maximum, message=message)

    def validate(form, field) -> None:
        if not field.process_errors:
            check(form, field)

    return validate


def _field(setting: Setting) -> Field:
    if setting.is_flag:
        return BooleanField(setting.label, description=setting.description)
    message = _range_message(setting)
    return IntegerField(setting.label, validators=[InputRequired(message=_l("Please fill in this field.")),
                                                   _in_range(setting, message)],
                        invalid_value_message=message, description=setting.description, widget=TextInput())


class SettingsForm(Form):
    """Base of the generated form; `build()` adds one field per defined setting."""

    defined: tuple[Setting, ...] = ()

    @classmethod
    def build(cls) -> SettingsForm:
        """A form with a field for every setting defined now, filled with the values in force (or, on a POST, with
        what was sent)."""
        defined = tuple(registry.all_settings())
        form_class = type("GeneratedSettingsForm", (cls,), {field_name(s): _field(s) for s in defined})
        form_class.defined = defined
        return form_class(data={field_name(s): registry.value(s) for s in defined})

    def groups(self) -> list[tuple[str, list[tuple[Setting, Field]]]]:
        """(group name, [(setting, field)]) in the order the groups were first defined."""
        found: dict[str, list[tuple[Setting, Field]]] = {}
        for setting in self.defined:
            found.setdefault(str(setting.group or GENERAL), []).append((setting, self[field_name(setting)]))
        return list(found.items())

    def values(self) -> dict[str, int | bool]:
        """The submitted value of every setting, by setting name."""
        return {s.name: bool(self[field_name(s)].data) if s.is_flag else self[field_name(s)].data
                for s in self.defined}
