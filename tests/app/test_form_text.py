"""app.form_text and the base form: control characters stop a text field's checks, invisible text counts as empty,
and Markdown that renders to nothing is refused, but only after the length limit passed on the text as typed."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import StringField, TextAreaField

from app import form_text
from app.form_text import has_control_characters, is_visible, renders_visibly
from app.forms import Form, length, required

CONTROL = "This text contains a control character (such as NUL), which cannot be shown. Please type it again or " \
          "paste it as plain text."
INVISIBLE = "This field holds only invisible characters, such as spaces or zero-width characters. Please write " \
            "something readable."
RENDERS_NOTHING = "Once formatted, your text shows nothing: only formatting marks, empty links or invisible " \
                  "characters. Please write some text."


@pytest.mark.parametrize(("text", "expected"), [
    ("plain words", False), ("tab\tand\r\nline breaks\n", False), ("Straße ümlaut عربى", False),
    ("nul\x00", True), ("bell\x07", True), ("escape\x1b[31m", True), ("delete\x7f", True), ("c1\x85", True),
])
def test_control_characters_are_those_of_unicode_but_tab_and_line_breaks(text, expected):
    assert has_control_characters(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a", True), ("é", True), ("e\u0301", True), ("١", True), ("🙂", True), ("·", True),
    ("", False), ("   \t\n", False), ("\u00a0\u2003\u3000", False),           # spaces of every width
    ("\u200b\u200c\u200d\u2060\ufeff", False),                               # zero-width characters
    ("\u200e\u200f\u202e\u2066\u2069", False),                               # direction marks and isolates
    ("\u00ad\u034f", False), ("\u0301\u0308", False),                        # soft hyphen, lone combining marks
    ("\u3164\u115f\u1160\uffa0", False), ("\u2800\u2800", False),            # Hangul fillers, braille blank
])
def test_visible_means_a_character_a_reader_sees(text, expected):
    assert is_visible(text) is expected


class Sample(Form):
    class Meta:
        csrf = False

    title = StringField("Title", validators=[required(), length(min=5, max=20)])
    body = TextAreaField("Body", validators=[required(), length(max=30), renders_visibly()])

    def validate_title(self, field) -> None:  # stands for a check that asks the database
        self.asked.append(field.data)

    def __init__(self, *args, **kwargs) -> None:
        self.asked: list[str] = []
        super().__init__(*args, **kwargs)


def validated(app, **data) -> Sample:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = Sample(formdata=MultiDict({"title": "A fine title", "body": "Some *text*", **data}))
        form.validate()
        form.errors_by_field = {name: [str(message) for message in field.errors] for name, field in form._fields.items()}
        return form


def test_a_valid_form_passes_every_check(app):
    form = validated(app)

    assert form.errors_by_field == {"title": [], "body": []}
    assert form.asked == ["A fine title"]


@pytest.mark.parametrize("value", ["tit\x00le ok", "\x00\x00\x00\x00\x00", "title\x1b"])
def test_a_control_character_stops_the_fields_checks_with_one_clear_error(app, value):
    form = validated(app, title=value)

    assert form.errors_by_field["title"] == [CONTROL]
    assert form.asked == []  # the inline check (a database lookup, say) never saw it


def test_a_text_area_may_hold_line_breaks_and_tabs(app):
    assert validated(app, body="one\r\n\ttwo").errors_by_field["body"] == []


@pytest.mark.parametrize("value", ["\u200b" * 6, "\u3164" * 5 + " ", "\u2800\u200d\u2800\u200d\u2800"])
def test_a_required_field_of_only_invisible_characters_is_empty_and_says_why(app, value):
    form = validated(app, title=value)

    assert form.errors_by_field["title"] == [INVISIBLE]
    assert form.asked == []


def test_only_spaces_still_read_as_an_empty_field(app):
    assert validated(app, title="     ").errors_by_field["title"] == ["Please fill in this field."]


@pytest.mark.parametrize("body", ["***", "[](https://example.org)", "&nbsp;&#8203;", "- \n- ", "#", "** **",
                                  "```\n```"])
def test_markdown_that_renders_to_nothing_is_refused(app, body):
    assert validated(app, body=body).errors_by_field["body"] == [RENDERS_NOTHING]


@pytest.mark.parametrize("body", ["<!-- -->", "<br>", "\\*", "`x`", "> quoted"])
def test_markdown_that_shows_something_is_kept(app, body):
    """Raw HTML is shown as text by the pipeline, so it is visible."""
    assert validated(app, body=body).errors_by_field["body"] == []


def test_the_length_limit_is_checked_on_the_text_as_typed_and_nothing_is_rendered_beyond_it(app, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("rendered a text that was too long")

    monkeypatch.setattr(form_text, "render_markdown", never)

    form = validated(app, body="*" * 31)

    assert form.errors_by_field["body"] == ["Please use at most 30 characters."]


def test_the_length_counts_characters_not_bytes(app):
    assert validated(app, body="ü" * 30).errors_by_field["body"] == []
    assert validated(app, body="ب" * 30).errors_by_field["body"] == []
    assert validated(app, body="ب" * 31).errors_by_field["body"] == ["Please use at most 30 characters."]


def test_the_search_box_reads_control_characters_itself_and_its_filters_refuse_them(app):
    from app.search.forms import SearchForm

    with app.test_request_context("/search", headers={"Accept-Language": "en"}):
        assert SearchForm(formdata=MultiDict({"q": "Bürger\x00büro"})).validate()
        form = SearchForm(formdata=MultiDict({"q": "Bürger", "author": "ali\x00ce"}))
        assert not form.validate()
        assert [str(message) for message in form.author.errors] == [CONTROL]


@pytest.mark.parametrize("path", ["/u/%00", "/u/ali%00ce", "/forums/%00", "/t/1/slug%00", "/search?q=a&author=%00"])
def test_a_nul_in_an_address_is_answered_without_a_lookup(client, db, path):
    """PostgreSQL cannot compare a text holding NUL: a path with one is a 404 before any route looks it up."""
    response = client.get(path)

    assert response.status_code == (200 if path.startswith("/search") else 404)


def test_a_control_character_in_the_login_is_refused_before_any_lookup(app, client, db):
    """PostgreSQL cannot hold NUL in a text: a lookup with it would fail; the page answers with an error instead."""
    from helpers import field_error, translated

    response = client.post("/login", data={"login": "ali\x00ce", "password": "correct horse battery"})

    assert response.status_code == 200
    assert translated(app, "de", CONTROL) in field_error(response, "login")


def subclasses(cls) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= subclasses(sub)
    return found


def test_every_email_field_of_every_form_is_trimmed(app):
    """The app has imported every package's forms; each e-mail field strips (and lowers) what was typed."""
    from wtforms import EmailField
    from wtforms.fields.core import UnboundField

    from app.forms import strip_lower

    filters = {f"{form.__name__}.{name}": value.kwargs.get("filters", ()) for form in subclasses(Form)
               for name, value in vars(form).items()
               if isinstance(value, UnboundField) and issubclass(value.field_class, EmailField)}
    assert len(filters) >= 6, filters  # registration, login help, reset, settings, reports, the contact form
    assert [name for name, chain in filters.items() if strip_lower not in chain] == []
