"""A member's forum visit by keyboard alone: open a thread, reply, reply to the reply, quote, edit, see the history.

Once with JavaScript (Reply and Quote open the form right under the post, focus moves into it) and once without
(they lead to the reply page, which works on its own). Only Tab, Shift+Tab, typing, Enter, Ctrl+A and Ctrl+End
are pressed; nothing is clicked, and `locator.focus()` is never called.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from browsing import key_to, tab_once_to
from factories import make_category, make_user

NAME = "Frieda Krause"
TITLE = "Mehr Bänke am Marktplatz"
OPENING = "Wo fehlen **Bänke**?\nAm Brunnen gibt es keine."
FIRST_REPLY = "Vor dem Rathaus fehlt auch eine."
EDITED_REPLY = "Vor dem Rathaus und an der Haltestelle fehlt je eine."
NESTED_REPLY = "Und dort steht den ganzen Tag die Sonne."
QUOTE_COMMENT = "Genau, der Brunnen ist der beste Platz."


@pytest.fixture
def member(app) -> str:
    with app.app_context():
        make_user("frieda", display_name=NAME)
        make_category("mobilitaet", name="Mobilität")
    return "frieda"


def post_id_from(page: Page) -> int:
    """The post a permalink led to: the page's URL ends in #post-<id>."""
    found = re.search(r"#post-(\d+)$", page.url)
    assert found, f"not at a post: {page.url}"
    return int(found.group(1))


def publish_reply(page: Page, say, form: Locator, text: str, *, append: bool = False) -> int:
    """Type into the focused reply field of `form`, Tab to "Publish reply", press Enter; returns the new post's id."""
    field = form.get_by_role("textbox", name=say("de", "Your reply"))
    expect(field).to_be_focused()
    if append:
        page.keyboard.press("Control+End")
    page.keyboard.type(text)
    tab_once_to(page, form.get_by_role("button", name=say("de", "Publish reply")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("de", "Your reply has been published."))
    return post_id_from(page)


def open_reply_form(page: Page, say, link: Locator, article: Locator, javascript: bool) -> Locator:
    """Press Enter on a post's Reply or Quote link; returns the form that opened, with its text field focused."""
    key_to(page, link)
    page.keyboard.press("Enter")
    if javascript:  # the form opens right under the post, and focus moves into it
        form = article.locator("xpath=following-sibling::*[1][contains(@class, 'inline-reply')]").locator("form")
        expect(form.get_by_role("textbox", name=say("de", "Your reply"))).to_be_focused()
        expect(page).to_have_url(re.compile(r"/t/\d+"))  # still the thread page
        return form
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Reply: %(title)s", title=TITLE))
    form = page.get_by_role("main").locator("form.reply-form")
    key_to(page, form.get_by_role("textbox", name=say("de", "Your reply")))
    return form


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_thread_reply_nested_reply_quote_and_edit_by_keyboard(page: Page, log_in, say, member, javascript):
    log_in(member, NAME, by_keyboard=True)

    # Forums (main navigation) → the category → New thread.
    key_to(page, page.get_by_role("navigation", name=say("de", "Main")).get_by_role("link", name=say("de", "Forums")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Forums"))
    key_to(page, page.get_by_role("main").get_by_role("link", name="Mobilität", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobilität")
    key_to(page, page.get_by_role("main").get_by_role("link", name=say("de", "New thread")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        say("de", "New thread in %(category)s", category="Mobilität"))

    # Title, text, the language (the reader's, German, already chosen), Publish.
    key_to(page, page.get_by_label(say("de", "Title")))
    page.keyboard.type(TITLE)
    tab_once_to(page, page.get_by_label(say("de", "Your post")))
    page.keyboard.type(OPENING)
    tab_once_to(page, page.get_by_label(say("de", "Language of your text")))
    expect(page.get_by_label(say("de", "Language of your text"))).to_have_value("de")
    tab_once_to(page, page.get_by_role("button", name=say("de", "Publish thread")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("de", "Your thread has been published."))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    main = page.get_by_role("main")
    opening = main.get_by_role("region", name=say("de", "Opening post")).get_by_role("article")
    expect(opening).to_contain_text("Am Brunnen gibt es keine.")
    expect(opening.locator("strong")).to_have_text("Bänke")
    expect(main.get_by_text(say("de", "No replies yet."))).to_be_visible()

    # A reply to the thread, in the form at the end of the page.
    thread_form = main.get_by_role("region", name=say("de", "Reply to this thread")).locator("form")
    key_to(page, thread_form.get_by_role("textbox", name=say("de", "Your reply")))
    first_id = publish_reply(page, say, thread_form, FIRST_REPLY)
    first = page.locator(f"article#post-{first_id}")
    expect(first).to_contain_text(FIRST_REPLY)
    expect(first).to_contain_text(NAME)

    # A reply to that reply: it appears nested, in the list of replies under it.
    reply_link = first.get_by_role("link", name=f'{say("de", "Reply")} {say("de", "to %(name)s", name=NAME)}')
    form = open_reply_form(page, say, reply_link, first, javascript)
    if javascript:  # Cancel closes the inline form and gives focus back to the link; Enter opens it again
        key_to(page, form.get_by_role("button", name=say("de", "Cancel")))
        page.keyboard.press("Enter")
        expect(page.locator(".inline-reply")).to_have_count(0)
        expect(reply_link).to_be_focused()
        page.keyboard.press("Enter")
        form = page.locator(f"#post-{first_id} + .inline-reply form")
        expect(form.get_by_role("textbox", name=say("de", "Your reply"))).to_be_focused()
    nested_id = publish_reply(page, say, form, NESTED_REPLY)
    replies_to_first = page.locator(f"li:has(> article#post-{first_id}) > ol")
    expect(replies_to_first).to_have_attribute("aria-label", say("de", "Replies to %(name)s", name=NAME))
    nested = page.locator(f"li:has(> article#post-{first_id}) > ol > li > article#post-{nested_id}")
    expect(nested).to_be_visible()
    expect(nested).to_contain_text(NESTED_REPLY)

    # Quote the opening post: the form starts with the quote and its attribution; the reply shows a blockquote.
    opening = page.get_by_role("region", name=say("de", "Opening post")).get_by_role("article")
    by_frieda = say("de", "the post by %(name)s", name=NAME)
    quote_link = opening.get_by_role("link", name=f'{say("de", "Quote")} {by_frieda}')
    form = open_reply_form(page, say, quote_link, opening, javascript)
    quote = "> Wo fehlen **Bänke**?\n> Am Brunnen gibt es keine.\n>\n> — @frieda\n\n"
    expect(form.get_by_role("textbox", name=say("de", "Your reply"))).to_have_value(quote)
    quoting_id = publish_reply(page, say, form, QUOTE_COMMENT, append=True)
    quoting = page.locator(f"article#post-{quoting_id}")
    blockquote = quoting.locator("blockquote")
    expect(blockquote).to_contain_text("Am Brunnen gibt es keine.")
    expect(blockquote.get_by_role("link", name="@frieda")).to_have_attribute("href", "/u/frieda")
    expect(quoting.locator("blockquote + p")).to_have_text(QUOTE_COMMENT)

    # Edit the first reply: it then says "edited", and the history keeps the earlier text.
    first = page.locator(f"article#post-{first_id}")
    key_to(page, first.get_by_role("link", name=f'{say("de", "Edit")} {by_frieda}'))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Edit your post"))
    text = page.get_by_label(say("de", "Text of the post"))
    key_to(page, text)
    expect(text).to_have_value(FIRST_REPLY)
    page.keyboard.press("Control+A")
    page.keyboard.type(EDITED_REPLY)
    tab_once_to(page, page.get_by_role("button", name=say("de", "Save changes")))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("de", "Your changes have been saved."))
    assert post_id_from(page) == first_id
    first = page.locator(f"article#post-{first_id}")
    expect(first).to_contain_text(EDITED_REPLY)
    edited = first.get_by_role("link", name=f'{say("de", "edited")} {say("de", "(see earlier versions)")}')
    expect(edited).to_be_visible()

    key_to(page, edited)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        say("de", "Versions of the post by %(name)s", name=NAME))
    original = page.get_by_role("region", name=say("de", "Original version"))
    expect(original).to_contain_text(FIRST_REPLY)
    current = page.get_by_role("region", name=say("de", "Current version"))
    expect(current.locator("ins")).to_contain_text(["und an der Haltestelle", "je"])  # what the edit added
    expect(current.locator("del")).to_contain_text(["auch"])  # and what it removed
