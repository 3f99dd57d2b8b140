"""The /search form: a GET form (searching changes nothing, so it carries no CSRF token, as on every search
engine), checked on the server. A field with an error keeps what was typed and shows its message beside it and in
the summary at the top; the page then searches nothing until it is corrected."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from app.forms import DateOrTextInput, Form, checked_date_range, length, strip
from app.search import facets, sources
from app.search.query import MAX_QUERY_LENGTH, SearchRequest, Viewer, parse

SORTS = {"relevance": _l("Best match"), "newest": _l("Newest first")}
KIND_SEPARATOR = ","  # "thread,post": the forums' scoped search looks in threads and replies at once


def kinds_of(value: str | None) -> tuple[str, ...]:
    """The kinds a `kind` value names ("thread,post" -> ("thread", "post")), in order, each once."""
    found: dict[str, None] = {}
    for part in (value or "").split(KIND_SEPARATOR):
        if part.strip():
            found.setdefault(part.strip(), None)
    return tuple(found)


def _keep_typed(field: SelectField) -> None:
    """Offer a value that is not one of `field`'s choices as typed, so the form shows it back with its error."""
    if field.data and field.data not in {choice.value for choice in field.choices}:
        field.choices = [*field.choices, SelectChoice(field.data, field.data)]


class SearchForm(Form):
    """What to search for, where, by whom, when, and in which order."""

    control_characters_allowed = ("q",)  # the query reads them as separators (app.search.query.clean)

    class Meta:
        csrf = False

    q = StringField(_l("Search for"), filters=[strip], validators=[Optional(), length(max=MAX_QUERY_LENGTH)],
                    description=_l('Up to %(max)d characters. Use "quotes" for a phrase, -word to exclude a word, '
                                   'and "or" between two words to accept either.', max=MAX_QUERY_LENGTH))
    kind = SelectField(_l("Search in"), validate_choice=False)
    category = SelectField(_l("Category"), validate_choice=False)
    status = SelectField(_l("Idea status"), validate_choice=False)
    author = StringField(_l("Author (username)"), filters=[strip], validators=[Optional(), length(max=30)])
    since = DateField(_l("From"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-01"))
    until = DateField(_l("Until"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-31"))
    sort = SelectField(_l("Sort by"), validate_choice=False, default="relevance",
                       choices=[SelectChoice(value, label) for value, label in SORTS.items()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.author_id: int | None = None
        self.labels = {source.kind: source.label for source in sources.all_sources()}
        kind_choices = [SelectChoice("", _l("Everything"))] + [
            SelectChoice(kind, label) for kind, label in self.labels.items()]
        chosen = kinds_of(self.kind.data)
        if len(chosen) > 1 and all(kind in self.labels for kind in chosen):
            kind_choices.append(SelectChoice(self.kind.data, ", ".join(str(self.labels[kind]) for kind in chosen)))
        self.kind.choices = kind_choices
        _keep_typed(self.kind)
        _keep_typed(self.sort)
        self.category_groups = facets.categories()
        self.category.choices = [SelectChoice("", _l("All categories"))] + [
            SelectChoice(choice.value, choice.label) for group in self.category_groups for choice in group.choices]
        self.status_groups = facets.statuses()
        self.status.choices = [SelectChoice("", _l("Any status"))] + [
            SelectChoice(choice.value, choice.label) for group in self.status_groups for choice in group.choices]

    def validate_kind(self, field) -> None:
        if any(kind not in self.labels for kind in kinds_of(field.data)):
            raise ValidationError(_l("Please choose what to search in from the list."))

    def validate_category(self, field) -> None:
        known = {choice.value for group in self.category_groups for choice in group.choices}
        if field.data and field.data not in known:
            raise ValidationError(_l("Please choose a category from the list."))

    def validate_status(self, field) -> None:
        known = {choice.value for group in self.status_groups for choice in group.choices}
        if field.data and field.data not in known:
            raise ValidationError(_l("Please choose a status from the list."))

    def validate_sort(self, field) -> None:
        if field.data not in SORTS:
            raise ValidationError(_l("Please choose an order from the list."))

    def validate_author(self, field) -> None:
        from app.users.services import find_by_username

        if not field.data:
            return
        user = find_by_username(field.data)
        if user is None:
            raise ValidationError(_l("Nobody has the username %(name)s.", name=field.data))
        self.author_id = user.id

    def validate(self, extra_validators=None) -> bool:
        """Field checks, our own words for a date that does not parse, and a range that ends before it starts."""
        return checked_date_range(self.since, self.until, super().validate(extra_validators))

    @property
    def filtered(self) -> bool:
        """Whether any filter but the kind is set (the "remove filters" suggestion offers itself)."""
        return bool(self.category.data or self.status.data or self.author.data or self.since.raw_data and
                    self.since.raw_data[0] or self.until.raw_data and self.until.raw_data[0])

    def request(self, viewer: Viewer, page: int, per_page: int) -> SearchRequest:
        """The search this valid form asks for, for `viewer` and one page."""
        return SearchRequest(
            parse(self.q.data or ""), viewer, kinds=kinds_of(self.kind.data), category=self.category.data or None,
            statuses=(self.status.data,) if self.status.data else (), author_id=self.author_id,
            since=self.since.data, until=self.until.data, sort=self.sort.data or "relevance", page=page,
            per_page=per_page)
