"""Every public page answers, in German by default."""
import pytest


@pytest.mark.parametrize("path", ["/", "/login", "/register", "/reset-password", "/confirm", "/accessibility/report"])
def test_public_pages_answer(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'<html lang="de" dir="ltr">' in response.data
