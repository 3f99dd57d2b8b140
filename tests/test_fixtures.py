"""The shared fixtures behave like production: each test-client request has its own app context."""
from factories import make_user


def test_requests_do_not_share_locale_while_the_test_holds_a_context(client, db):
    german = client.get("/login", headers={"Accept-Language": "de"})
    english = client.get("/login", headers={"Accept-Language": "en"})
    assert b'<html lang="de"' in german.data
    assert b'<html lang="en"' in english.data


def test_requests_do_not_share_the_logged_in_user(app, client, db, auth):
    make_user("alice")
    assert auth.login("alice").status_code == 302
    assert client.get("/settings").status_code == 200
    other = app.test_client()
    assert other.get("/settings").status_code == 302  # another browser is not logged in
