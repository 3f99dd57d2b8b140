"""app.forms: the error summary at the top of a form names the field of each error, in the reader's language."""
from __future__ import annotations

import pytest
from helpers import soup, translated


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar"])
def test_the_error_summary_names_the_field_of_each_error(app, client, lang):
    response = client.post("/register", data={"username": "", "display_name": "Nina", "email": "nope",
                                              "password": ""}, headers={"Accept-Language": lang})

    links = [(a["href"], a.get_text()) for a in soup(response).select(".error-summary a")]
    filled = translated(app, lang, "Please fill in this field.")
    username = translated(app, lang, "Username")
    assert links[0] == ("#username", translated(app, lang, "%(field)s: %(message)s", field=username,
                                                message=filled))
    assert [href for href, _ in links] == ["#username", "#email", "#password"]
    assert all(text.startswith(translated(app, lang, label)) for (_, text), label in
               zip(links, ("Username", "E-mail address", "Password")))

