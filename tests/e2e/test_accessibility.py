"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the foundation's pages, in German and English."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.pages.services import save_page
from app.users.models import Role
from browsing import LANGUAGES
from factories import make_user

PUBLIC_PAGES = {
    "home": "/",
    "login": "/login",
    "register": "/register",
    "password-reset-request": "/reset-password",
    "barrier-report": "/accessibility/report",
}
SIGNED_IN_PAGES = {
    "settings": "/settings",
    "settings-email": "/settings/email",
    "settings-password": "/settings/password",
    "settings-sessions": "/settings/sessions",
    "settings-data": "/settings/data",
    "settings-delete": "/settings/delete",
}
STATEMENT = """Wir wollen, dass alle mitmachen können.

## Stand der Vereinbarkeit

Die Seiten erfüllen WCAG 2.2 AA.

#### Bekannte Einschränkungen

| Bereich | Stand |
|---------|-------|
| Formulare | geprüft |

Schreiben Sie an <barrierefreiheit@example.org>."""
BIO = "I cycle to work and care about **safe crossings**.\n\n- bike lanes\n- benches\n\nSee <https://example.org>."


def choose_language(page: Page, lang: str) -> None:
    """German is the default for this browser; English is chosen with the header's language switch."""
    page.goto("/")
    if lang != "de":
        page.get_by_role("banner").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


@pytest.fixture
def browser_lang() -> str:
    """A German-speaking browser whatever `lang` is: these pages reach English through the header's switch."""
    return "de"


@pytest.fixture
def ada(app):
    with app.app_context():
        make_user("ada", display_name="Ada Lovelace", roles=(Role.MODERATOR,), bio_md=BIO)
    return "ada"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_pages_are_accessible(page: Page, assert_accessible, lang, path):
    choose_language(page, lang)
    response = page.goto(path)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_not_found_page_is_accessible(page: Page, say, assert_accessible, lang):
    choose_language(page, lang)
    response = page.goto("/no-such-page")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Page not found"))
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_profile_page_is_accessible(page: Page, assert_accessible, ada, lang):
    choose_language(page, lang)
    response = page.goto(f"/u/{ada}")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Lovelace")
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", SIGNED_IN_PAGES.values(), ids=SIGNED_IN_PAGES.keys())
def test_the_settings_pages_are_accessible_in_the_chosen_language(page: Page, log_in, say, assert_accessible, ada,
                                                                  lang, path):
    log_in(ada, "Ada Lovelace", account_lang="de")  # the account's own language (German) applies
    choose_language(page, lang)  # as a signed-in user, this also saves the preference
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Settings"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_asking_for_ones_data_by_keyboard_ends_on_an_accessible_download(page: Page, log_in, say, assert_accessible,
                                                                         ada, lang):
    """The button, then the page with the ready archive (the job runs in the server's process)."""
    from browsing import assert_fits_320, key_to

    log_in(ada, "Ada Lovelace", account_lang="de")
    choose_language(page, lang)
    page.goto("/settings/data")
    button = page.get_by_role("button", name=say(lang, "Put my data together"))
    key_to(page, button)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=say(lang, "Your data is being put together"))
           .or_(page.get_by_role("heading", name=say(lang, "Your data is ready")))).to_be_visible()
    ready = page.get_by_role("heading", name=say(lang, "Your data is ready"))
    for _ in range(50):  # the job runs in the server once the response went out; "Check again" as a person would
        if ready.count():
            break
        page.wait_for_timeout(200)
        page.goto("/settings/data")
    expect(ready).to_be_visible()
    assert_accessible(page)
    assert_fits_320(page, "the data page with its download")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_account_deletion_form_with_errors_is_accessible(app, page: Page, log_in, say, assert_accessible, lang):
    """A member's form (staff see why they cannot); sent without the password nor the box ticked."""
    from browsing import assert_fits_320

    with app.app_context():
        make_user("mia", display_name="Mia Member")
    log_in("mia", "Mia Member", account_lang="de")
    choose_language(page, lang)
    page.goto("/settings/delete")
    page.get_by_role("button", name=say(lang, "Delete my account")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    assert_fits_320(page, "the account deletion form with its errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_register_form_with_errors_is_accessible_and_focuses_its_summary(page: Page, say, assert_accessible,
                                                                             lang):
    choose_language(page, lang)
    page.goto("/register")
    page.get_by_label(say(lang, "Username")).fill("No Spaces!")
    page.get_by_label(say(lang, "E-mail address")).fill("not-an-address")
    page.get_by_label(say(lang, "Password"), exact=True).fill("short")
    page.get_by_role("main").get_by_role("button", name=say(lang, "Create account")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(4)  # username, display name, e-mail, password
    assert_accessible(page, "register form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_login_form_with_errors_is_accessible_and_focuses_its_summary(page: Page, say, assert_accessible, ada,
                                                                          lang):
    choose_language(page, lang)
    page.goto("/login")
    page.get_by_label(say(lang, "E-mail address or username")).fill(ada)
    page.get_by_label(say(lang, "Password"), exact=True).fill("wrong password")
    page.get_by_role("main").get_by_role("button", name=say(lang, "Log in")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(say(lang, "The e-mail address, username or password is not right."))
    expect(summary).to_be_focused()
    assert_accessible(page, "login form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_administrators_content_pages_are_accessible(app, page: Page, say, assert_accessible, lang):
    """An administrator's Markdown (here only in German, so English readers get the German text with a note)."""
    with app.app_context():
        save_page("accessibility", "de", title="Erklärung zur Barrierefreiheit", body_md=STATEMENT, editor=None)
        save_page("welcome", "de", title="Willkommen in der WerkSTADT", body_md="Machen Sie **mit**.", editor=None)
    choose_language(page, lang)
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen in der WerkSTADT")
    assert_accessible(page, "home page with a welcome text")

    page.get_by_role("contentinfo").get_by_role("link", name=say(lang, "Accessibility statement")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erklärung zur Barrierefreiheit")
    expect(page.get_by_role("heading", level=2)).to_have_text("Stand der Vereinbarkeit")
    assert_accessible(page, "accessibility statement")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_with_a_flash_message_is_accessible(page: Page, log_in, say, assert_accessible, ada, lang):
    log_in(ada, "Ada Lovelace", account_lang="de")  # the account's own language (German) applies
    choose_language(page, lang)
    page.get_by_role("banner").get_by_role("button", name=say(lang, "Log out")).click()
    expect(page.get_by_role("status")).to_contain_text(say(lang, "You are logged out."))
    assert_accessible(page, "home page with a flash message")
