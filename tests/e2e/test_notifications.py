"""Notifications in the browser: a follower hears of a status change in the app and by e-mail, in their own language.

1. The journey, keyboard only, in a German browser: Carla ("fan", English account) follows an idea; Sven (city
   staff, German) changes its status with an explanation in a second browser; Carla sees the unread count in the
   header, finds the notification in English on /notifications and opens it onto the idea; meanwhile the e-mail
   reached the real SMTP server, in English, with text and HTML parts and one-click unsubscribe headers.
2. The e-mail's unsubscribe link, opened without a session: one keyboard press on "Unsubscribe" switches that kind
   of e-mail to "never".
3. /settings/notifications by keyboard: Tab into a radio group, arrow keys to "In a weekly digest", save; kept.
4. axe-core finds zero violations on /notifications (empty; several, read and unread), /following, the e-mail
   settings (and after saving), the unsubscribe page and the unsubscribed page, in German and English.

Only Tab, Shift+Tab, typing, Enter, Space and arrow keys drive the pages; nothing is clicked and `locator.focus()`
is never called (`page.goto` stands in for typing an address or following the link in a mail client).
"""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from app.users.models import Role
from browsing import LANGUAGES, check_page, is_focused, key_to, tab_once_to, visit
from factories import make_category, make_idea, make_idea_category, make_reply, make_thread, make_user
from helpers import mail_parts

FAN, FAN_NAME, FAN_EMAIL = "fan", "Carla Nowak", "fan@example.org"
STAFF, STAFF_NAME = "stadt", "Sven Amtmann"
AUTHOR, AUTHOR_NAME = "frieda", "Frieda Krause"
IDEA_TITLE = "Termine im Bürgeramt online buchen"
THREAD_TITLE = "Mehr Bänke am Marktplatz"
EXPLANATION = "Wir prüfen die **Kosten** mit dem Bürgeramt und melden uns im Mai."
STATUS_MSGID = "“%(title)s” is now: %(status)s."  # ideas/notices.py
STATUS_KIND = "Status changes of ideas you follow"  # its label on the settings page
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s/\"<>]+/notifications/unsubscribe/[A-Za-z0-9_.\-]+")
MAIL_WAIT = 15.0


@pytest.fixture
def app_overrides() -> dict:
    """Real CSRF tokens, and queued e-mails sent by a job right after the response that queued them (as in
    production without Redis)."""
    return {"WTF_CSRF_ENABLED": True, "NOTIFICATION_EMAILS_ENQUEUE": True}


@pytest.fixture(autouse=True)
def public_url(app, live_server: str) -> str:
    """Links in e-mails composed outside a request point to this test's live server."""
    app.config["PUBLIC_URL"] = live_server
    return live_server


def wait_for_mail(app, inbox, address: str, count: int = 1, timeout: float = MAIL_WAIT) -> list:
    """The messages to `address`, once `count` have arrived; the app sends them after the response, in the server's
    thread, so poll for a bounded time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(inbox.to(address)) >= count:
            break
        time.sleep(0.05)
    messages = inbox.to(address)
    assert len(messages) >= count, (f"{len(messages)} of {count} e-mail(s) to {address} within {timeout} s; "
                                    f"the server got mail for {[m['To'] for m in inbox.messages]}; "
                                    f"the outbox holds {outbox_rows(app)}")
    return messages


def outbox_rows(app) -> list[dict]:
    """What the app did with its e-mails (for a failure's message): each outbox row's state."""
    from sqlalchemy import select

    from app.extensions import db
    from app.notifications.models import EmailOutbox

    with app.app_context():
        return [{"id": row.id, "user_id": row.user_id, "attempts": row.attempts, "sent_at": row.sent_at,
                 "claimed_until": row.claimed_until, "last_error": row.last_error}
                for row in db.session.execute(select(EmailOutbox)).scalars()]


def unsubscribe_url(message) -> str:
    """The one unsubscribe link in the text part (the same one the HTML part and List-Unsubscribe carry)."""
    text, html = mail_parts(message)
    links = set(UNSUBSCRIBE_LINK.findall(text))
    assert len(links) == 1, f"expected one unsubscribe link in the text part, found {links}"
    link = links.pop()
    assert link in html, "the HTML part has another unsubscribe link than the text part"
    return link


def deliveries_of(app, username: str) -> dict[str, str]:
    from sqlalchemy import select

    from app.extensions import db
    from app.notifications import email_settings
    from app.users.models import User

    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        return email_settings.deliveries(user)


# --- 1. the journey ------------------------------------------------------------------------------------------

@pytest.fixture
def idea_id(app) -> int:
    """A published idea by Frieda; Carla reads in English, Sven (city staff) in German."""
    with app.app_context():
        author = make_user(AUTHOR, display_name=AUTHOR_NAME, locale="de")
        make_user(FAN, display_name=FAN_NAME, email=FAN_EMAIL, locale="en")
        make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale="de")
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus", threshold=3)
        return make_idea(author, category, title=IDEA_TITLE, language="de").id


def test_a_follower_hears_of_a_status_change_in_the_app_and_by_email_in_english(
        app, page: Page, browser: Browser, browser_context_args: dict, log_in, say, say_count, smtp_server, idea_id,
        live_server):
    # Carla follows the idea by keyboard; the German browser does not matter once she is logged in.
    log_in(FAN, FAN_NAME, form_lang="de", account_lang="en", by_keyboard=True)
    page.goto(f"/ideas/{idea_id}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    key_to(page, page.get_by_role("button", name=f"{say('en', 'Follow')} “{IDEA_TITLE}”"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("en", "You follow “%(title)s” now.", title=IDEA_TITLE))
    expect(page.get_by_role("button", name=f"{say('en', 'Unfollow')} “{IDEA_TITLE}”")).to_be_visible()
    expect(page.locator("a.notifications-link .count-badge")).to_have_count(0)  # nothing unread yet

    # Sven, in a second browser, moves the idea to "Under review" with an explanation; not an official answer.
    staff_context = browser.new_context(**browser_context_args)
    try:
        staff = staff_context.new_page()
        staff.set_default_timeout(10_000)
        log_in(STAFF, STAFF_NAME, form_lang="de", account_lang="de", by_keyboard=True, on=staff)
        staff.goto(f"/ideas/{idea_id}")
        key_to(staff, staff.get_by_role("link", name=say("de", "Change status or answer")))
        staff.keyboard.press("Enter")
        expect(staff.get_by_role("heading", level=1)).to_have_text(
            say("de", "Change the status of “%(title)s”", title=IDEA_TITLE))
        status = staff.get_by_label(say("de", "New status"))
        official = staff.get_by_label(say("de", "This is the city's official answer"))
        key_to(staff, status)
        # A closed select picks the option its typed letters begin. Only the letters before the first non-ASCII one:
        # Playwright types "ü" as text input, not as a key, which a select ignores and Chromium gave to the first
        # text field of the page (the header's search field).
        staff.keyboard.type(re.match(r"[ -~]*", say("de", "Under review")).group(0))
        expect(status).to_have_value("under_review")
        tab_once_to(staff, staff.get_by_label(say("de", "Public explanation")))
        staff.keyboard.type(EXPLANATION)
        tab_once_to(staff, official)
        expect(official).to_be_checked()  # not answered yet: the form proposes an official answer
        staff.keyboard.press("Space")
        expect(official).not_to_be_checked()
        tab_once_to(staff, staff.get_by_role("button", name=say("de", "Change status")))
        staff.keyboard.press("Enter")
        expect(staff.get_by_role("status")).to_contain_text(
            say("de", "The status has been changed to “%(status)s”.", status=say("de", "Under review")))
    finally:
        staff_context.close()
    # The e-mail leaves after the staff's response, in the server's thread: wait for it before Carla reads on.
    (message,) = wait_for_mail(app, smtp_server, FAN_EMAIL)

    # Carla's header counts one unread notification: a visible badge, and words for screen readers.
    page.goto("/")
    link = page.locator("a.notifications-link")
    unread_words = say_count("en", "(%(num)d unread)", "(%(num)d unread)", 1)
    expect(link.locator(".count-badge")).to_have_text("1")
    expect(link.locator(".count-badge")).to_be_visible()
    expect(link.locator(".count-badge")).to_have_attribute("aria-hidden", "true")
    expect(link.locator(".visually-hidden")).to_have_text(unread_words)
    box = link.locator(".visually-hidden").bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1, f"the unread words are visible: {box}"
    expect(page.get_by_role("link", name=f"{say('en', 'Notifications')} {unread_words}", exact=True)).to_be_visible()

    # Tab to it, Enter: the notification, in English, marked unread in words.
    key_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("en", "Notifications"))
    expect(link).to_have_attribute("aria-current", "page")
    sentence = say("en", STATUS_MSGID, title=IDEA_TITLE, status=say("en", "Under review"))
    assert sentence != say("de", STATUS_MSGID, title=IDEA_TITLE, status=say("de", "Under review"))
    items = page.get_by_role("main").locator("ol.notification-list > li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(say("en", "Unread"))
    notice = items.first.get_by_role("link", name=sentence, exact=True)
    expect(notice).to_be_visible()

    # Enter on it: the idea's page; it is read now, the badge is gone.
    key_to(page, notice)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/ideas/{idea_id}(#[\w-]+)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA_TITLE)
    expect(page.locator(".idea-header .idea-status")).to_contain_text(say("en", "Under review"))
    expect(page.locator("a.notifications-link .count-badge")).to_have_count(0)
    expect(page.locator("a.notifications-link")).to_have_text(say("en", "Notifications"))

    # The e-mail that reached the SMTP server: to Carla, in English, text and HTML, one-click unsubscribe.
    assert message["To"] == FAN_EMAIL or f"<{FAN_EMAIL}>" in message["To"], message["To"]
    assert message["Subject"] == sentence
    text, html = mail_parts(message)
    assert IDEA_TITLE in text and IDEA_TITLE in html
    assert "<strong>Kosten</strong>" in html  # the explanation, rendered
    link_header = message["List-Unsubscribe"]
    found = re.fullmatch(r"<(https?://\S+/notifications/unsubscribe/[A-Za-z0-9_.\-]+)>", link_header or "")
    assert found, f"List-Unsubscribe is {link_header!r}"
    assert found.group(1).startswith(live_server + "/")
    assert found.group(1) == unsubscribe_url(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{live_server}/ideas/{idea_id}" in text  # the link to the idea works from the mail, too


# --- 2. unsubscribe from the e-mail --------------------------------------------------------------------------

def test_the_unsubscribe_link_in_the_email_stops_that_kind_with_one_keyboard_press(
        app, page: Page, say, smtp_server, idea_id, live_server):
    from app.extensions import db
    from app.notifications import delivery
    from app.notifications.services import follow
    from app.users.models import User
    from ideas.models import Idea, Status
    from ideas.services import change_status
    from sqlalchemy import select

    with app.app_context():
        fan = db.session.execute(select(User).where(User.username == FAN)).scalar_one()
        idea = db.session.get(Idea, idea_id)
        follow(fan, idea)
        change_status(db.session.execute(select(User).where(User.username == STAFF)).scalar_one(), idea,
                      Status.UNDER_REVIEW, EXPLANATION)
        delivery.send_due()  # what the response would have done
    assert deliveries_of(app, FAN)["status_changed"] == "immediately"
    (message,) = wait_for_mail(app, smtp_server, FAN_EMAIL)
    link = unsubscribe_url(message)
    assert link.startswith(f"{live_server}/notifications/unsubscribe/")

    # The `page` fixture is a fresh browser context: no session. The German browser gets German pages.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Unsubscribe"))
    what = say("de", "e-mails about “%(kind)s”", kind=say("de", STATUS_KIND))
    expect(page.get_by_role("main")).to_contain_text(
        say("de", "Stop %(what)s for %(name)s?", what=what, name=FAN_NAME))
    expect(page.locator("a.notifications-link")).to_have_count(0)  # not logged in
    key_to(page, page.get_by_role("main").get_by_role("button", name=say("de", "Unsubscribe"), exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("de", "Unsubscribed"))
    done = say("de", "Done: no more %(what)s for %(name)s.", what=what, name=FAN_NAME)
    expect(page.get_by_role("main").get_by_role("status").filter(has_text=done)).to_have_text(done)

    chosen = deliveries_of(app, FAN)
    assert chosen["status_changed"] == "never"
    assert chosen["answered"] == "immediately"  # only that kind


# --- 3. the e-mail settings by keyboard ----------------------------------------------------------------------

def test_choose_a_weekly_digest_for_one_kind_by_keyboard(app, page: Page, log_in, say, idea_id):
    log_in(STAFF, STAFF_NAME, form_lang="de", account_lang="de", by_keyboard=True)
    page.goto("/settings/notifications")
    expect(page.get_by_role("heading", level=2)).to_have_text(say("de", "Notifications by e-mail"))
    legend = say("de", STATUS_KIND)
    group = page.get_by_role("group", name=legend, exact=True)
    immediately = group.get_by_role("radio", name=say("de", "Immediately"), exact=True)
    weekly = group.get_by_role("radio", name=say("de", "In a weekly digest"), exact=True)
    expect(immediately).to_be_checked()

    key_to(page, immediately)  # Tab enters a radio group at its checked button
    page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name=say("de", "In a daily digest"), exact=True)).to_be_checked()
    page.keyboard.press("ArrowDown")
    assert is_focused(weekly)
    expect(weekly).to_be_checked()
    key_to(page, page.get_by_role("main").get_by_role("button", name=say("de", "Save"), exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say("de", "Your choices have been saved."))
    expect(page).to_have_url(re.compile(r"/settings/notifications$"))
    expect(weekly).to_be_checked()

    page.reload()
    expect(page.get_by_role("group", name=legend, exact=True).get_by_role(
        "radio", name=say("de", "In a weekly digest"), exact=True)).to_be_checked()
    chosen = deliveries_of(app, STAFF)
    assert chosen["status_changed"] == "weekly"
    assert chosen["answered"] == "immediately"  # the other groups kept their choice


# --- 4. axe-core, in German and English ----------------------------------------------------------------------


@pytest.fixture
def reader(app, lang: str) -> dict:
    """Carla (in `lang`) follows an idea and a discussion of her own; nothing has happened yet."""
    with app.app_context():
        carla = make_user(FAN, display_name=FAN_NAME, email=FAN_EMAIL, locale=lang)
        make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale=lang)
        make_user("bob", display_name="Bob Berger", locale=lang)
        author = make_user(AUTHOR, display_name=AUTHOR_NAME, locale=lang)
        idea = make_idea(author, make_idea_category("digitales-rathaus", name="Digitales Rathaus"),
                         title=IDEA_TITLE, language="de")
        from app.notifications.services import follow

        follow(carla, idea)
        thread = make_thread(carla, make_category("mobilitaet", name="Mobilität"), title=THREAD_TITLE)
        return {"idea": idea.id, "thread": thread.id}


@pytest.fixture
def happenings(app, reader: dict) -> None:
    """Several notifications for Carla: a status change, an official answer, replies, a mention; one read."""
    from sqlalchemy import select

    from app.extensions import db
    from app.notifications import inbox
    from app.notifications.models import Notification
    from app.users.models import User
    from forums.models import Thread
    from ideas.models import Idea, Status
    from ideas.services import change_status

    with app.app_context():
        def user(name: str) -> User:
            return db.session.execute(select(User).where(User.username == name)).scalar_one()

        idea, thread = db.session.get(Idea, reader["idea"]), db.session.get(Thread, reader["thread"])
        change_status(user(STAFF), idea, Status.UNDER_REVIEW, "Wir prüfen die **Kosten**.")
        first = make_reply(thread, user("bob"), "Vor dem Rathaus fehlt auch eine.")
        make_reply(thread, user("bob"), "Und am Brunnen, @fan?", to=first)
        make_reply(thread, user(AUTHOR), "Am Spielplatz ebenso, @fan.")
        change_status(user(STAFF), idea, Status.ACCEPTED, "Das kommt **im Mai**.", official=True)
        carla = user(FAN)
        oldest = db.session.execute(select(Notification.id).where(Notification.user_id == carla.id)
                                    .order_by(Notification.id)).scalars().first()
        inbox.mark_read(carla, oldest)
        assert inbox.unread_count(carla) >= 3


@pytest.fixture
def as_reader(log_in, reader: dict, lang: str) -> Page:
    return log_in(FAN, FAN_NAME, form_lang=lang, account_lang=lang, by_keyboard=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_empty_notifications_page_is_accessible(as_reader: Page, say, assert_accessible, lang):
    page = as_reader
    visit(page, "/notifications", lang)
    expect(page.get_by_role("main")).to_contain_text(
        say(lang, "You have no notifications yet. Follow an idea or a discussion to hear what becomes of it."))
    expect(page.locator("a.notifications-link")).to_have_attribute("aria-current", "page")
    assert_accessible(page, f"/notifications, empty ({lang})")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notifications_read_and_unread_are_accessible_and_all_can_be_marked_read(happenings, as_reader: Page, say,
                                                                                 say_count, assert_accessible, lang):
    page = as_reader
    visit(page, "/notifications", lang)
    items = page.get_by_role("main").locator("ol.notification-list > li")
    unread = page.get_by_role("main").locator("li.notification-unread")
    total, open_count = items.count(), unread.count()
    assert total >= 4 and 1 <= open_count < total, f"{total} notifications, {open_count} unread"
    expect(unread.locator(".badge-new")).to_have_count(open_count)
    expect(page.get_by_role("button", name=re.compile("^" + re.escape(say(lang, "Mark as read"))))
           ).to_have_count(open_count)
    expect(items.first).to_contain_text(
        say(lang, "The city answered “%(title)s”: %(status)s.", title=IDEA_TITLE, status=say(lang, "Accepted")))
    expect(page.locator("a.notifications-link .count-badge")).to_have_text(str(open_count))
    expect(page.locator("a.notifications-link .visually-hidden")).to_have_text(
        say_count(lang, "(%(num)d unread)", "(%(num)d unread)", open_count))
    assert_accessible(page, f"/notifications, read and unread ({lang})")

    page.get_by_role("button", name=say(lang, "Mark all as read"), exact=True).press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "All notifications are marked as read."))
    expect(page.get_by_role("main").locator("li.notification-unread")).to_have_count(0)
    check_page(page, lang)
    assert_accessible(page, f"/notifications, all read ({lang})")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_following_page_with_entries_is_accessible(as_reader: Page, say, assert_accessible, lang):
    page = as_reader
    visit(page, "/following", lang)
    expect(page.get_by_role("main").get_by_role("listitem").get_by_role("link")).to_have_text(
        [THREAD_TITLE, IDEA_TITLE])
    assert_accessible(page, f"/following ({lang})")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_email_settings_are_accessible_before_and_after_saving(app, as_reader: Page, say, assert_accessible, lang):
    from app.notifications import kinds

    page = as_reader
    visit(page, "/settings/notifications", lang)
    with app.app_context():
        registered = len(kinds.all_kinds())
    expect(page.get_by_role("main").get_by_role("group")).to_have_count(registered)  # one radio group per kind
    assert_accessible(page, f"/settings/notifications ({lang})")
    page.get_by_role("main").get_by_role("radio", name=say(lang, "Never"), exact=True).first.check()
    page.get_by_role("main").get_by_role("button", name=say(lang, "Save"), exact=True).press("Enter")
    expect(page.get_by_role("status")).to_contain_text(say(lang, "Your choices have been saved."))
    check_page(page, lang)
    expect(page.get_by_role("main").get_by_role("radio", name=say(lang, "Never"), exact=True).first).to_be_checked()
    assert_accessible(page, f"/settings/notifications after saving ({lang})")


@pytest.mark.parametrize("scope", ["status_changed", "weekly", "all"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_unsubscribe_and_unsubscribed_pages_are_accessible(app, page: Page, say, reader, assert_accessible, lang,
                                                               scope):
    from sqlalchemy import select

    from app.extensions import db
    from app.notifications.email_settings import unsubscribe_token
    from app.users.models import User

    with app.app_context():
        carla = db.session.execute(select(User).where(User.username == FAN)).scalar_one()
        token = unsubscribe_token(carla, scope)
    visit(page, f"/notifications/unsubscribe/{token}", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Unsubscribe"))
    assert_accessible(page, f"unsubscribe page, {scope} ({lang})")
    page.get_by_role("main").get_by_role("button", name=say(lang, "Unsubscribe"), exact=True).press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(say(lang, "Unsubscribed"))
    check_page(page, lang)
    assert_accessible(page, f"unsubscribed page, {scope} ({lang})")
