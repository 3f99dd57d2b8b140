"""Moderation by keyboard alone, in English: a member reports a forum reply, a moderator agrees and hides it with a
reason category, the facts and a house rule, another member sees only the placeholder, the author reads the
statement of reasons (from the link in its e-mail, over a real SMTP server) and appeals, a second moderator
reverses, and the reply is readable again. Each person uses a browser of their own.

Only Tab, Shift+Tab, the arrow keys, typing and Enter are pressed; nothing is clicked, and `locator.focus()` is
never called. At the end the database agrees with what the pages said.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from helpers import mail_parts
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import select

from browsing import is_focused, key_to, tab_once_to
from factories import make_category, make_reply, make_thread, make_user
from moderation_pages_scene import save_house_rules

THREAD = "More benches on the market square"
REPLY = "Anyone who wants benches is a lazy good-for-nothing."
NOTE = "Calls everyone who disagrees lazy."
FACTS = "The reply calls other members lazy good-for-nothings."
APPEAL = "It was a joke between neighbours, not an insult."
ANSWER = "Read in context, it was banter between neighbours; the reply is shown again."
PEOPLE = {"rita": "Rita Reporter", "otto": "Otto Author", "mia": "Mia Moderator", "moritz": "Moritz Second",
          "bruno": "Bruno Reader"}


@pytest.fixture
def lang() -> str:
    return "en"


@pytest.fixture
def scene(app) -> dict[str, int]:
    from app.users.models import Role

    with app.app_context():
        save_house_rules()
        accounts = {name: make_user(name, display_name=display, locale="en",
                                    roles=(Role.MODERATOR,) if name in ("mia", "moritz") else ())
                    for name, display in PEOPLE.items()}
        thread = make_thread(accounts["bruno"], make_category("market", name="Market square"), title=THREAD,
                             body="Where are **benches** missing?")
        reply = make_reply(thread, accounts["otto"], REPLY)
        return {"thread": thread.id, "post": reply.id, "subject": reply.subject_id}


@pytest.fixture
def person(browser: Browser, browser_context_args: dict, log_in) -> Iterator[Callable[[str], Page]]:
    """`person("mia")`: a browser of Mia's own, logged in by keyboard."""
    contexts = []

    def open_as(username: str) -> Page:
        context = browser.new_context(**browser_context_args)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return log_in(username, PEOPLE[username], by_keyboard=True, on=context.new_page())

    yield open_as
    for context in contexts:
        context.close()


def choose(page: Page, first: Locator, wanted: Locator) -> None:
    """Tab into a radio group (its first radio), then press ArrowDown until `wanted` is checked."""
    key_to(page, first)
    page.keyboard.press("Space")
    for _ in range(10):
        if is_focused(wanted):
            break
        page.keyboard.press("ArrowDown")
    expect(wanted).to_be_checked()


def press(page: Page, control: Locator) -> None:
    key_to(page, control)
    page.keyboard.press("Enter")


def test_report_hide_read_the_statement_appeal_and_reverse_by_keyboard(app, person, say, smtp_server, scene):
    main_nav = say("en", "Main")
    by_otto = say("en", "the post by %(name)s", name=PEOPLE["otto"])
    reply = lambda page: page.locator(f"#post-{scene['post']}")  # noqa: E731

    # Rita reports Otto's reply from the thread: reason and a note.
    rita = person("rita")
    rita.goto(f"/t/{scene['thread']}")
    press(rita, reply(rita).get_by_role("link", name=f"{say('en', 'Report')} {by_otto}"))
    expect(rita.get_by_role("heading", level=1)).to_have_text(say("en", "Report content"))
    choose(rita, rita.get_by_label(say("en", "Spam"), exact=True),
           rita.get_by_label(say("en", "Insulting or harassing")))
    tab_once_to(rita, rita.get_by_label(say("en", "A note for the moderators (optional)")))
    rita.keyboard.type(NOTE)
    tab_once_to(rita, rita.get_by_role("button", name=say("en", "Send report")))
    rita.keyboard.press("Enter")
    expect(rita.get_by_role("status")).to_contain_text(say("en", "Thank you. Moderators will look at it."))
    expect(rita.get_by_role("heading", level=1)).to_have_text(THREAD)

    # Mia opens the queue from the main navigation, then the item; agrees and hides with a statement.
    mia = person("mia")
    press(mia, mia.get_by_role("navigation", name=main_nav).get_by_role("link", name=say("en", "Moderation")))
    expect(mia.get_by_role("heading", level=1)).to_have_text(say("en", "Review queue"))
    press(mia, mia.get_by_role("main").get_by_role("link", name=THREAD, exact=True))
    expect(mia.get_by_role("heading", level=1)).to_have_text(say("en", "Review: %(title)s", title=THREAD))
    main = mia.get_by_role("main")
    expect(main).to_contain_text(NOTE)
    expect(main).to_contain_text(REPLY)
    choose(mia, mia.get_by_label(say("en", "Agree and hide")), mia.get_by_label(say("en", "Agree and hide")))
    reasons = mia.get_by_role("group", name=say("en", "Reason category"))
    choose(mia, reasons.get_by_label(say("en", "Spam"), exact=True),
           reasons.get_by_label(say("en", "Insulting or harassing")))
    tab_once_to(mia, mia.get_by_label(say("en", "Facts")))
    mia.keyboard.type(FACTS)
    rule = mia.get_by_label(say("en", "House rule"), exact=True)
    tab_once_to(mia, rule)
    mia.keyboard.type("1.")  # a closed select picks the option its typed letters begin
    expect(rule).to_have_value("1")
    press(mia, mia.get_by_role("button", name=say("en", "Record the decision")))
    expect(mia.get_by_role("status")).to_contain_text(say("en", "The decision has been recorded."))
    expect(mia.get_by_role("main")).to_contain_text(say("en", "Nothing to review here."))

    # Bruno sees only the placeholder where the reply was.
    bruno = person("bruno")
    bruno.goto(f"/t/{scene['thread']}")
    placeholder = say("en", "Hidden by moderation: %(reason)s", reason=say("en", "Insulting or harassing"))
    expect(reply(bruno)).to_contain_text(placeholder)
    expect(bruno.get_by_role("main")).not_to_contain_text(REPLY)

    # Otto gets the statement by e-mail, in English, and follows its link to the statement page.
    [message] = smtp_server.wait_for("otto@example.org")
    text, html = mail_parts(message)
    assert "> Be kind." in text and FACTS in text
    link = re.search(r"https?://[^/\s]+(/moderation/decisions/\d+)\s", text)
    assert link and link.group(1) in html, text
    otto = person("otto")
    otto.goto(link.group(1))
    expect(otto.get_by_role("heading", level=1)).to_have_text(say("en", "Statement of reasons"))
    statement = otto.get_by_role("main")
    expect(statement).to_contain_text(say("en", "Insulting or harassing"))
    expect(statement).to_contain_text(FACTS)
    expect(statement.locator("blockquote")).to_have_text("Be kind.")

    # He appeals from the statement.
    press(otto, otto.get_by_role("link", name=say("en", "Appeal this decision")))
    expect(otto.get_by_role("heading", level=1)).to_have_text(say("en", "Appeal a moderation decision"))
    key_to(otto, otto.get_by_label(say("en", "Why should the decision be changed?")))
    otto.keyboard.type(APPEAL)
    tab_once_to(otto, otto.get_by_role("button", name=say("en", "Send the appeal")))
    otto.keyboard.press("Enter")
    expect(otto.get_by_role("status")).to_contain_text(say(
        "en", "Your appeal has been received. A moderator who did not take the decision will answer."))
    expect(otto.get_by_role("main")).to_contain_text(say("en", "Waiting for a moderator"))
    expect(otto.get_by_role("main").locator("blockquote")).to_have_text(APPEAL)

    # Moritz, the second moderator, opens the open appeals from the queue and reverses with an answer.
    moritz = person("moritz")
    press(moritz, moritz.get_by_role("navigation", name=main_nav).get_by_role("link", name=say("en", "Moderation")))
    press(moritz, moritz.get_by_role("navigation", name=say("en", "Moderation"))
          .get_by_role("link", name=say("en", "Open appeals")))
    expect(moritz.get_by_role("heading", level=1)).to_have_text(say("en", "Open appeals"))
    press(moritz, moritz.get_by_role("main").get_by_role("link", name=re.compile(re.escape(THREAD))))
    expect(moritz.get_by_role("heading", level=1)).to_have_text(say("en", "Decide an appeal"))
    expect(moritz.get_by_role("main")).to_contain_text(APPEAL)
    choose(moritz, moritz.get_by_label(say("en", "Uphold: the decision stands")),
           moritz.get_by_label(say("en", "Reverse: undo the decision")))
    tab_once_to(moritz, moritz.get_by_label(say("en", "Answer to the appellant")))
    moritz.keyboard.type(ANSWER)
    press(moritz, moritz.get_by_role("button", name=say("en", "Save the decision")))
    expect(moritz.get_by_role("status")).to_contain_text(
        say("en", "Your decision on the appeal has been saved, and the people concerned are told."))
    expect(moritz.get_by_role("main")).to_contain_text(say("en", "No appeal is waiting."))

    # The reply is readable again for Bruno; Otto reads the outcome.
    bruno.reload()
    expect(reply(bruno)).to_contain_text(REPLY)
    expect(reply(bruno)).not_to_contain_text(placeholder)
    otto.reload()
    expect(otto.get_by_role("main")).to_contain_text(say("en", "Reversed: the decision was undone"))
    expect(otto.get_by_role("main")).to_contain_text(ANSWER)
    smtp_server.wait_for("otto@example.org", count=2)  # the outcome, by e-mail too

    # The database agrees.
    from app.extensions import db
    from app.models import Subject
    from app.moderation.models import Action, Appeal, AppealStatus, Decision, Reason, Report, ReportStatus
    from app.users.models import User

    with app.app_context():
        ids = {u.username: u.id for u in db.session.execute(select(User)).scalars()}
        [report] = db.session.execute(select(Report).where(Report.subject_id == scene["subject"])).scalars()
        assert (report.reporter_id, report.reason, report.note) == (ids["rita"], Reason.INSULTING, NOTE)
        assert report.status is not ReportStatus.OPEN
        hide = db.session.execute(select(Decision).where(Decision.subject_id == scene["subject"],
                                                         Decision.action == Action.HIDE)).scalar_one()
        assert (hide.moderator_id, hide.affected_id, hide.reason, hide.rule_number, hide.facts) == (
            ids["mia"], ids["otto"], Reason.INSULTING, 1, FACTS)
        assert hide.reversed_at is not None
        [appeal] = db.session.execute(select(Appeal)).scalars()
        assert (appeal.decision_id, appeal.appellant_id, appeal.text) == (hide.id, ids["otto"], APPEAL)
        assert (appeal.status, appeal.handler_id, appeal.response) == (AppealStatus.REVERSED, ids["moritz"], ANSWER)
        assert not db.session.get(Subject, scene["subject"]).is_hidden
