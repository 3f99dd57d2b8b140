"""axe-core finds zero WCAG 2.2 AA and best-practice violations on the forum pages, in German and English.

The forum is the one of tests/forum_scene.py: pinned, locked and partly read threads, nested replies with a
deleted placeholder and an edited post, and a discussion about a Subject whose replies carry stances. The reader is
its administrator, who sees every control (lock, pin, edit, delete, manage categories) and reads in `lang`.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browsing import LANGUAGES, open_page, submit
from forum_scene import ADMIN_NAME, PREVIEW, ForumScene, build_forum_scene
from snapshots import loaded_once


@pytest.fixture
def browser_lang() -> str:
    """A German-speaking browser whatever `lang` is: the administrator's account chooses the language."""
    return "de"


@pytest.fixture
def scene(app, lang) -> ForumScene:
    with app.app_context():  # built once per test process and language, copied back for each test
        return loaded_once(("forum scene", lang), lambda: build_forum_scene(admin_locale=lang))


@pytest.fixture
def signed_in(page: Page, log_in, scene: ForumScene, lang) -> Page:
    """The administrator, logged in through the form (German for this browser), then reading in the account's
    language `lang`."""
    log_in(scene.admin, ADMIN_NAME)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    return page


def visit(page: Page, path: str, lang: str) -> None:
    """Open `path` (200), in `lang`."""
    open_page(page, path)
    expect(page.locator("html")).to_have_attribute("lang", lang)


# --- pages to read ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_forum_index_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, "/forums", lang)
    expect(signed_in.get_by_role("heading", level=1)).to_have_text(say(lang, "Forums"))
    expect(signed_in.get_by_role("heading", level=2, name="Mobility" if lang == "en" else "Mobilität")).to_be_visible()
    expect(signed_in.get_by_text(say(lang, "No threads yet."))).to_be_visible()  # the empty category
    assert_accessible(signed_in, "forum index")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_forum_index_is_accessible_without_an_account(page: Page, say, assert_accessible, scene, lang):
    page.goto("/")
    if lang != "de":
        page.get_by_role("banner").get_by_role("button", name="English").click()
    visit(page, "/forums", lang)
    assert_accessible(page, "forum index, not signed in")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_category_with_pinned_locked_and_unread_threads_is_accessible(signed_in: Page, say, say_count,
                                                                        assert_accessible, scene, lang):
    visit(signed_in, f"/forums/{scene.category}", lang)
    table = signed_in.get_by_role("table")
    expect(table.get_by_text(say(lang, "Pinned"), exact=True)).to_be_visible()
    expect(table.get_by_text(say(lang, "Locked"), exact=True)).to_be_visible()
    new = ("%(num)s new post", "%(num)s new posts")
    expect(table.get_by_text(say_count(lang, *new, 4), exact=True)).to_be_visible()  # 7 posts, 3 read
    expect(table.get_by_text(say_count(lang, *new, 1), exact=True)).to_be_visible()
    assert_accessible(signed_in, "category page")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_empty_category_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/forums/{scene.empty_category}", lang)
    expect(signed_in.get_by_text(say(lang, "No threads yet. Start the first one!"))).to_be_visible()
    assert_accessible(signed_in, "empty category page")


@pytest.mark.parametrize("view", ["nested", "flat"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_thread_is_accessible_nested_and_flat(signed_in: Page, say, assert_accessible, scene, lang, view):
    visit(signed_in, f"/t/{scene.thread}?page=1&view={view}", lang)
    main = signed_in.get_by_role("main")
    expect(main.get_by_text(say(lang, "Deleted by its author"))).to_be_visible()
    edited = f'{say(lang, "edited")} {say(lang, "(see earlier versions)")}'
    expect(main.get_by_role("link", name=edited)).to_be_visible()
    expect(main.get_by_role("link", name=say(lang, "Jump to first unread post"))).to_be_visible()
    if view == "nested":
        expect(main.locator("ol.replies-nested ol.replies-nested ol.replies-nested article")).to_have_count(2)
    else:
        expect(main.locator("ol.replies-flat > li > article")).to_have_count(6)
    assert_accessible(signed_in, f"thread, {view} view")


@pytest.mark.parametrize("view", ["nested", "flat"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_discussion_with_stances_is_accessible_nested_and_flat(signed_in: Page, say, assert_accessible, scene, lang,
                                                                 view):
    visit(signed_in, f"/t/{scene.discussion}?page=1&view={view}", lang)
    main = signed_in.get_by_role("main")
    counts = main.get_by_role("list", name=say(lang, "Stances in this discussion"))
    expect(counts).to_contain_text(say(lang, "For") + ": 1")
    expect(main.locator(".badge.stance-against")).to_have_text(say(lang, "Stance:") + " " + say(lang, "Against"))
    expect(main.get_by_text(say(lang, "Deleted by its author"))).to_be_visible()
    expect(main.get_by_role("group", name=say(lang, "Your stance"))).to_be_visible()  # in the reply form
    assert_accessible(signed_in, f"discussion with stances, {view} view")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_history_of_an_edited_post_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/posts/{scene.edited}/history", lang)
    expect(signed_in.get_by_role("heading", level=2, name=say(lang, "Original version"))).to_be_visible()
    expect(signed_in.locator(".diff ins")).to_contain_text("Und die Brücke auch.")
    assert_accessible(signed_in, "history page")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_delete_confirmation_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/posts/{scene.reply_to}/delete", lang)
    expect(signed_in.get_by_role("heading", level=1)).to_have_text(say(lang, "Delete this post?"))
    assert_accessible(signed_in, "delete confirmation")


# --- forms, with their errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_inline_reply_form_is_accessible_empty_and_with_errors(signed_in: Page, say, assert_accessible, scene,
                                                                   lang):
    """With JavaScript, "Reply" opens the form right under the post; submitted empty, it shows its errors."""
    visit(signed_in, f"/t/{scene.thread}?page=1", lang)
    post = signed_in.locator(f"#post-{scene.reply_to}")
    post.get_by_role("link", name=say(lang, "Reply"), exact=False).first.click()
    form = signed_in.locator(f"#post-{scene.reply_to} + .inline-reply form")
    expect(form.get_by_role("textbox", name=say(lang, "Your reply"))).to_be_focused()
    assert_accessible(signed_in, "thread with an inline reply form")

    form.get_by_role("button", name=say(lang, "Publish reply")).click()
    summary = signed_in.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(signed_in.get_by_role("heading", level=2, name=say(lang, "You are replying to %(name)s",
                                                              name=ADMIN_NAME))).to_be_visible()
    assert_accessible(signed_in, "reply form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reply_page_is_accessible_with_a_quote_and_with_errors(signed_in: Page, say, assert_accessible, scene,
                                                                   lang):
    visit(signed_in, f"/t/{scene.thread}/reply?quote={scene.reply_to}", lang)
    assert_accessible(signed_in, "reply page with a quote")
    signed_in.get_by_label(say(lang, "Your reply")).fill("")
    submit(signed_in, say(lang, "Publish reply"))
    expect(signed_in.get_by_role("alert")).to_contain_text(say(lang, "Please fill in this field."))
    assert_accessible(signed_in, "reply page with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reply_with_a_stance_and_errors_is_accessible_and_keeps_the_stance(signed_in: Page, say, assert_accessible,
                                                                             scene, lang):
    visit(signed_in, f"/t/{scene.discussion}/reply", lang)
    signed_in.get_by_role("radio", name=say(lang, "Question")).check()
    submit(signed_in, say(lang, "Publish reply"))
    expect(signed_in.get_by_role("alert")).to_contain_text(say(lang, "Please fill in this field."))
    expect(signed_in.get_by_role("radio", name=say(lang, "Question"))).to_be_checked()
    assert_accessible(signed_in, "reply with a stance, with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_edit_form_is_accessible_empty_and_with_errors(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/posts/{scene.stance_reply}/edit", lang)
    assert_accessible(signed_in, "edit form")
    signed_in.get_by_label(say(lang, "Text of the post")).fill("")
    submit(signed_in, say(lang, "Save changes"))
    summary = signed_in.get_by_role("alert")
    expect(summary).to_contain_text(say(lang, "Please fill in this field."))
    expect(summary).to_be_focused()
    assert_accessible(signed_in, "edit form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_new_thread_form_is_accessible_empty_and_with_errors(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/forums/{scene.category}/new", lang)
    assert_accessible(signed_in, "new thread form")
    signed_in.get_by_label(say(lang, "Title")).fill("Ab")
    submit(signed_in, say(lang, "Publish thread"))
    summary = signed_in.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_count(2)  # the title is too short, the text is missing
    assert_accessible(signed_in, "new thread form with errors")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_new_thread_form_with_a_preview_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, f"/forums/{scene.category}/new", lang)
    signed_in.get_by_label(say(lang, "Title")).fill("Fahrradstraße am Ring")
    signed_in.get_by_label(say(lang, "Your post")).fill(PREVIEW)
    submit(signed_in, say(lang, "Preview"))
    preview = signed_in.get_by_role("region", name=say(lang, "Preview"))
    expect(preview.get_by_role("heading", level=3)).to_have_text("Mein Vorschlag")
    expect(preview.locator("blockquote")).to_contain_text("Ein Zitat von @bruno")
    assert_accessible(signed_in, "new thread form with a preview")


# --- administration --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_category_administration_is_accessible(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, "/admin/categories/forums", lang)
    expect(signed_in.get_by_role("heading", level=1)).to_have_text(say(lang, "Forum categories"))
    assert_accessible(signed_in, "category list")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_category_form_is_accessible_empty_and_with_errors(signed_in: Page, say, assert_accessible, scene, lang):
    visit(signed_in, "/admin/categories/forums/new", lang)
    assert_accessible(signed_in, "new category form")
    signed_in.get_by_label(say(lang, "Address (slug)")).fill("Keine Leerzeichen!")
    submit(signed_in, say(lang, "Save category"))
    summary = signed_in.get_by_role("alert")
    expect(summary.get_by_role("link")).to_have_count(2)  # address and German name (the others are optional)
    expect(summary).to_be_focused()
    assert_accessible(signed_in, "category form with errors")
