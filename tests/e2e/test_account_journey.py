"""A newcomer's first visit, by keyboard alone: register, confirm by e-mail, log in, switch language, log out."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browsing import focused_element, is_focused, tab_once_to, tab_to

PASSWORD = "lantern orchard pebble"


@pytest.mark.parametrize("path", ["/", "/login", "/register"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Page, say, path):
    page.goto(path)
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name=say("de", "Skip to main content"))
    assert is_focused(skip_link), f"the first Tab stop is {focused_element(page)}"
    expect(skip_link).to_be_visible()  # it appears when focused

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is the first control inside main, not the header
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), focused_element(page)


def test_register_confirm_log_in_switch_language_log_out_by_keyboard(page: Page, say, smtp_server):
    # The home page, in German for a German-speaking browser.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Welcome to WerkSTADT"))

    # Into the register form from the call to action on the home page.
    tab_to(page, page.get_by_role("main").get_by_role("link", name=say("de", "Register")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Create an account"))

    username = page.get_by_label(say("de", "Username"))
    display_name = page.get_by_label(say("de", "Display name"))
    email = page.get_by_label(say("de", "E-mail address"))
    password = page.get_by_label(say("de", "Password"), exact=True)
    tab_to(page, username)
    page.keyboard.type("frieda_k")
    tab_once_to(page, display_name)
    page.keyboard.type("Frieda Krause")
    tab_once_to(page, email)
    page.keyboard.type("frieda@example.org")
    tab_once_to(page, password)
    page.keyboard.type(PASSWORD)
    tab_once_to(page, page.get_by_role("button", name=say("de", "Create account")))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Check your e-mail"))
    expect(page.get_by_role("main")).to_contain_text("frieda@example.org")

    # The confirmation e-mail, from the real SMTP server, in the language the person registered in (a background
    # job sends it after the response).
    [message] = smtp_server.wait_for("frieda@example.org")
    assert message["Subject"] == say("de", "Please confirm your e-mail address for WerkSTADT")
    text = message.get_body(("plain",)).get_content()
    assert say("de", "Hello %(name)s,", name="Frieda Krause") in text
    link = re.search(r"http://127\.0\.0\.1:\d+/confirm/\S+", text)
    assert link, text

    # Following the link in the browser that registered confirms the address and signs in.
    page.goto(link.group(0))
    status = page.get_by_role("status")
    expect(status).to_contain_text(say("de", "Thank you, your e-mail address is confirmed."))
    expect(status).to_contain_text(say("de", "Welcome, %(name)s: you are logged in.", name="Frieda Krause"))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Welcome to WerkSTADT"))

    # Log out, and in again through the form.
    tab_to(page, page.get_by_role("banner").get_by_role("button", name=say("de", "Log out")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("de", "You are logged out."))
    account_nav = page.get_by_role("navigation", name=say("de", "Account"))
    tab_to(page, account_nav.get_by_role("link", name=say("de", "Log in")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Log in"))

    tab_to(page, page.get_by_label(say("de", "E-mail address or username")))
    page.keyboard.type("frieda_k")
    tab_once_to(page, page.get_by_label(say("de", "Password"), exact=True))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")  # submits the form, as in any browser

    expect(page.get_by_role("status")).to_contain_text(say("de", "Welcome back, %(name)s.", name="Frieda Krause"))
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Welcome to WerkSTADT"))
    account_nav = page.get_by_role("navigation", name=say("de", "Account"))
    expect(account_nav.get_by_role("link", name="Frieda Krause")).to_be_visible()

    # The language switch in the header is a form button, named in its own language.
    tab_to(page, page.get_by_role("banner").get_by_role("button", name="English"))
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("en", "Welcome to WerkSTADT"))
    expect(page.get_by_role("banner").get_by_role("button", name="Deutsch")).to_be_visible()

    # Logging out is a POST form button in the header.
    tab_to(page, page.get_by_role("banner").get_by_role("button", name=say("en", "Log out")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("en", "You are logged out."))
    account_nav = page.get_by_role("navigation", name=say("en", "Account"))
    expect(account_nav.get_by_role("link", name=say("en", "Log in"))).to_be_visible()
    expect(account_nav.get_by_role("link", name="Frieda Krause")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "en")
