"""app.search.snippets: marked text from a backend becomes escaped HTML with <mark> around the matches only."""
from __future__ import annotations

from markupsafe import Markup

from app.search.query import MARK_END as E
from app.search.query import MARK_START as S
from app.search.snippets import SEPARATOR, highlighted, highlighted_all, plain


def test_matches_are_marked_and_everything_else_escaped():
    shown = highlighted(f"<b>Bus</b> & {S}tram{E} \"stop\" {S}<i>x</i>{E}")

    assert isinstance(shown, Markup)
    assert str(shown) == ('&lt;b&gt;Bus&lt;/b&gt; &amp; <mark>tram</mark> &#34;stop&#34; '
                          '<mark>&lt;i&gt;x&lt;/i&gt;</mark>')


def test_script_and_attributes_never_survive():
    shown = str(highlighted(f"{S}<script>alert(1)</script>{E}<img src=x onerror=alert(1)>"))

    assert "<script" not in shown and "<img" not in shown
    assert shown.count("<mark>") == 1 and "<mark " not in shown


def test_markers_that_do_not_pair_are_read_forgivingly():
    assert str(highlighted(f"a {E}b{E} c")) == "a b c"
    assert str(highlighted(f"a {S}b c")) == "a <mark>b c</mark>"
    assert str(highlighted(f"{S}a {S}b{E} c{E}")) == "<mark>a b</mark> c"
    assert str(highlighted(f"{S}{E}x")) == "x"
    assert str(highlighted(None)) == "" and str(highlighted("")) == ""


def test_plain_drops_the_markers():
    assert plain(f"{S}bus{E} stop") == "bus stop"


def test_a_page_of_texts_passes_the_sanitiser_once_and_each_stays_itself():
    texts = [f"<b>Bus</b> {S}tram{E}", None, f"{S}open", "", f"x{SEPARATOR}y {S}z{E}", f"{S}<script>1</script>{E}"]

    shown = highlighted_all(texts)

    assert [str(piece) for piece in shown] == [str(highlighted(text)) for text in texts]
    assert str(shown[2]) == "<mark>open</mark>"  # an open mark closes within its own text
    assert str(shown[4]) == "xy <mark>z</mark>"  # the separator cannot split a text in two
    assert all(isinstance(piece, Markup) for piece in shown) 
    assert highlighted_all([]) == []
