"""Solutions from idea to closure by keyboard alone, and every solution form accessible with its errors, de and en."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from app.users.models import Role
from browsing import LANGUAGES, flashed, follow, key_to, landed, tab_once_to
from factories import make_idea, make_idea_category, make_user
STAFF, STAFF_NAME = "sven", "Sven Amtmann"
CITIZEN, CITIZEN_NAME = "carla", "Carla Nowak"
IDEA_TITLE = "Termine im Bürgeramt online buchen"
TITLE = "Online-Terminbuchung im Bürgeramt"
WORK_TITLE = "Barrierefreie Stadtwebsite"
PLANNED_TITLE = "Offene Daten zum Radverkehr"
SUMMARY = "Termine rund um die Uhr buchen und absagen."
DESCRIPTION = "Ein Buchungsdienst mit Erinnerung per E-Mail."
EXPLANATION = "Die Idee wird jetzt gebaut."
MILESTONE = "Prototyp im Bürgeramt"
NOTE = "Ich teste gern mit dem Screenreader."
UPDATE = "Der Prototyp läuft im Testbetrieb."
LIVE_EXPLANATION = "Die Buchung ist online."
COMMENT = "Klappt gut, nur die Erinnerung fehlt."
SCORES = {5: "5: it fully meets the need", 4: "4: it mostly meets the need", 2: "2: hardly"}
ANSWERED = "%(num)s supporter of its ideas answered.", "%(num)s supporters of its ideas answered."


def before(text: str) -> str:
    """The part of a message before its first variable (a date whose time zone the test need not repeat)."""
    return text.split("\0")[0]


@dataclass
class Checker:
    """Visits, sends and checks the form pages in `lang`."""

    page: Page
    lang: str
    say: object
    say_count: object
    assert_accessible: object

    def t(self, msgid: str, **variables) -> str:
        return self.say(self.lang, msgid, **variables)

    def label(self, msgid: str) -> Locator:
        return self.page.get_by_label(self.t(msgid), exact=True)

    def button(self, msgid: str, **variables) -> Locator:
        return self.page.get_by_role("main").get_by_role("button", name=self.t(msgid, **variables), exact=True)

    def region(self, name: str) -> Locator:
        return self.page.get_by_role("region", name=name, exact=True)

    def visit(self, path: str, heading: str, what: str) -> None:
        """Open `path`: answered 200, one h1 saying `heading`, in `lang`, no id twice, no axe violation."""
        response = self.page.goto(path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        landed(self.page, self.lang, heading)
        self.assert_accessible(self.page, what)

    def send(self, button: str) -> None:
        """Submit with `button`; the same form comes back."""
        heading = self.page.locator("h1").inner_text()
        with self.page.expect_navigation():
            self.button(button).click()
        landed(self.page, self.lang, heading)

    def errors(self, what: str, errors: dict[str, str], groups: tuple[str, ...] = ()) -> None:
        """An error summary above the form links to each field (id → message; a radio group: its first option);
        each error stands in its field's box; the field (a radio group: its fieldset) is described by it, and
        marked invalid. No axe violation."""
        page, summary = self.page, self.page.get_by_role("alert")
        expect(summary).to_have_count(1)
        expect(summary.get_by_role("heading")).to_have_text(self.say_count(
            self.lang, "Please correct %(num)d entry", "Please correct %(num)d entries", len(errors)))
        # each link names its field before the message ("Title: Please fill in this field.")
        expect(summary.get_by_role("link")).to_have_text(
            [re.compile(rf"^\S.*: {re.escape(message)}$") for message in errors.values()])
        targets = [f"#{field_id}-0" if field_id in groups else f"#{field_id}" for field_id in errors]
        assert summary.get_by_role("link").evaluate_all("links => links.map(a => a.getAttribute('href'))") == targets
        for target in targets:  # a link leads to a control that takes focus: a radio group's first option
            assert page.locator(target).evaluate("e => e.matches('input, select, textarea')"), target
        assert page.evaluate("() => document.querySelector('.error-summary').getBoundingClientRect().bottom <= "
                             "document.querySelector('form.stack').getBoundingClientRect().top")
        for field_id, message in errors.items():
            field = page.locator(f"#{field_id}")
            box = page.locator(f".field-has-error:is(#{field_id}, :has(#{field_id}))")  # the field's own box
            expect(box.locator(f"#{field_id}-error")).to_contain_text(message)
            expect(field).to_have_attribute("aria-describedby", re.compile(rf"(^| ){field_id}-error( |$)"))
            expect(field).to_have_accessible_description(re.compile(re.escape(message)))
            for control in (field.get_by_role("radio") if field_id in groups else field).all():
                expect(control).to_have_attribute("aria-invalid", "true")
        self.assert_accessible(page, what)


@pytest.fixture
def checker(page: Page, say, say_count, assert_accessible, lang) -> Checker:
    return Checker(page, lang, say, say_count, assert_accessible)


# --- 1. the journey --------------------------------------------------------------------------------------------

def type_in(page: Page, *fields: tuple[Locator, str | tuple[str, ...] | None]) -> None:
    """Tab to the first field, then one Tab to each next one; type its text, press its keys (a tuple) or pass."""
    for index, (field, entry) in enumerate(fields):
        (key_to if index == 0 else tab_once_to)(page, field)
        for key in entry if isinstance(entry, tuple) else ():
            page.keyboard.press(key)
        if isinstance(entry, str):
            page.keyboard.type(entry)


def submit(page: Page, button: Locator) -> None:
    """The button is the next Tab stop after the last field; Enter."""
    tab_once_to(page, button)
    page.keyboard.press("Enter")


@pytest.fixture
def accepted_idea(app, lang) -> int:
    """An idea accepted by the city, supported by Carla."""
    from ideas.models import Status
    from ideas.services import change_status, support

    with app.app_context():
        staff = make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale=lang)
        citizen = make_user(CITIZEN, display_name=CITIZEN_NAME, locale=lang)
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus", threshold=1)
        idea = make_idea(make_user("frieda", locale=lang), category, title=IDEA_TITLE, language="de")
        support(citizen, idea)
        change_status(staff, idea, Status.ACCEPTED, "Ja, das machen wir.")
        return idea.id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_an_accepted_idea_to_a_rated_solution_by_keyboard(page: Page, checker: Checker, log_in, say_count,
                                                                accepted_idea, lang):
    t, label, button, region = checker.t, checker.label, checker.button, checker.region

    def tools(name: str) -> Locator:
        return page.get_by_role("navigation", name=t("Work on this solution")).get_by_role("link", name=t(name))

    def switch_to(username: str, name: str) -> None:
        follow(page, page.get_by_role("banner").get_by_role("button", name=t("Log out")))
        flashed(page, t("You are logged out."))
        log_in(username, name, then=solution)

    def average(score: int) -> str:
        return t("Average: %(average)s of 5.", average=f"{score},0" if lang == "de" else f"{score}.0")

    # City staff: the accepted idea → "Start a solution from this idea", its number filled in; the texts typed,
    # the category and language chosen by typing their first letters into the closed selects.
    log_in(STAFF, STAFF_NAME, then=f"/ideas/{accepted_idea}")
    expect(page.locator(".idea-header .idea-status")).to_contain_text(t("Accepted"))
    follow(page, page.get_by_role("link", name=t("Start a solution from this idea")))
    landed(page, lang, t("Start a solution"))
    ideas, category, language = (label("Numbers of the ideas it is built from (optional)"), label("Category"),
                                 label("Language of the text"))
    expect(ideas).to_have_value(str(accepted_idea))
    type_in(page, (label("Title"), TITLE), (label("Summary"), SUMMARY), (label("Description"), DESCRIPTION),
            (category, "Digi"), (language, "Deutsch"), (label("Progress in per cent (optional)"), None),
            (ideas, None), (label("Public explanation for the ideas"), EXPLANATION))
    expect(category).to_have_value("digitales-rathaus")
    expect(language).to_have_value("de")
    submit(page, button("Create the solution"))

    # The solution's page lists the idea "in development"; the idea's page says so and links back.
    flashed(page, t("The solution has been created. Add its milestones next."))
    landed(page, lang, TITLE)
    solution = re.search(r"/solutions/\d+$", page.url).group(0)  # None (an error) if not on a solution's page
    expect(page.locator(".idea-header .idea-meta")).to_contain_text(t("Category: %(category)s",
                                                                      category="Digitales Rathaus"))
    built_from = region(t("Built from these ideas")).get_by_role("listitem")
    expect(built_from).to_have_count(1)
    expect(built_from.locator(".idea-status")).to_contain_text(t("In development"))
    follow(page, built_from.get_by_role("link", name=IDEA_TITLE))
    landed(page, lang, IDEA_TITLE)
    expect(page.locator(".idea-header .idea-status")).to_contain_text(t("In development"))
    built = region(say_count(lang, "The solution built from it", "The solutions built from it", 1))
    expect(built).to_contain_text(t("Planned"))
    follow(page, built.get_by_role("link", name=TITLE))
    landed(page, lang, TITLE)

    # A milestone. Its date is typed with day = month: Chromium orders the date's segments by its own UI
    # language (dd.mm or mm/dd), not the page's; after the year, Tab visits the date picker's button.
    follow(page, tools("Add a milestone"))
    landed(page, lang, t("Add a milestone to “%(title)s”", title=TITLE))
    day = date(date.today().year + 1, 3, 3)
    planned = label("Planned for")
    type_in(page, (label("Title"), MILESTONE), (planned, day.strftime("%d%m%Y")))
    expect(planned).to_have_value(day.isoformat())
    follow(page, button("Add the milestone"))
    flashed(page, t("The milestone has been added."))
    milestone = region(t("Milestones")).get_by_role("listitem")
    expect(milestone.get_by_role("heading")).to_have_text([MILESTONE])
    expect(milestone).to_contain_text(before(t("Planned for %(date)s", date="\0")))
    expect(milestone.locator(f"time[datetime='{day.isoformat()}']")).to_have_count(1)

    # Carla, who supports the idea, offers her help: a role (Space), a note, consent (Space).
    switch_to(CITIZEN, CITIZEN_NAME)
    team = region(t("Team"))
    follow(page, team.get_by_role("link", name=t("Offer your help")))
    landed(page, lang, t("Offer your help with “%(title)s”", title=TITLE))
    testing = page.get_by_role("group", name=t("How would you like to help?")).get_by_role("radio", name=t("Testing"))
    consent = label("Show my name on the public team list once I am accepted")
    type_in(page, (testing, ("Space",)), (label("A short note to the team (optional)"), NOTE), (consent, ("Space",)))
    expect(testing).to_be_checked()
    expect(consent).to_be_checked()
    submit(page, button("Offer my help"))
    flashed(page, t("Thank you for offering your help. The team will answer you soon."))
    expect(team).to_contain_text(t("You offered your help (%(role)s). The team has not answered yet.",
                                   role=t("Testing")))

    # Sven, who leads the solution, reads the offer and accepts it.
    switch_to(STAFF, STAFF_NAME)
    offers = team.locator(".solution-offers > li")
    expect(offers).to_have_count(1)
    expect(offers).to_contain_text(t("%(name)s offers help: %(role)s.", name=CITIZEN_NAME, role=t("Testing")))
    expect(offers).to_contain_text(t("May be named on the team list."))
    expect(offers.locator("blockquote")).to_have_text(NOTE)
    follow(page, offers.get_by_role("button", name=t("Accept the offer of %(name)s", name=CITIZEN_NAME)))
    flashed(page, t("%(name)s is now on the team.", name=CITIZEN_NAME))
    expect(team.locator(".solution-offers")).to_have_count(0)
    expect(team.locator(".solution-team")).to_contain_text(f"{CITIZEN_NAME} ({t('Testing')})")

    # Carla, now on the team, posts an update and ticks the milestone off.
    switch_to(CITIZEN, CITIZEN_NAME)
    follow(page, tools("Post an update"))
    landed(page, lang, t("Post an update on “%(title)s”", title=TITLE))
    type_in(page, (label("Your update"), UPDATE))
    submit(page, button("Post the update"))
    flashed(page, t("Your update has been posted."))
    updates = region(t("Progress updates")).get_by_role("listitem")
    expect(updates).to_have_text([re.compile(f"{CITIZEN_NAME}.*{re.escape(UPDATE)}", re.S)])  # one, by her
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "0")
    follow(page, milestone.get_by_role("button", name=t("Mark “%(title)s” as done", title=MILESTONE)))
    flashed(page, t("“%(title)s” is marked as done.", title=MILESTONE))
    expect(milestone).to_have_class("milestone milestone-done")
    expect(milestone).to_contain_text(before(t("Done on %(date)s", date="\0")))
    expect(milestone.get_by_role("button", name=t("Mark “%(title)s” as not done", title=MILESTONE))).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "100")

    # Sven sets it live with an explanation: the idea is implemented.
    switch_to(STAFF, STAFF_NAME)
    follow(page, tools("Change status"))
    landed(page, lang, t("Change the status of “%(title)s”", title=TITLE))
    status = label("New status")
    type_in(page, (status, t("Live")), (label("Public explanation"), LIVE_EXPLANATION))
    expect(status).to_have_value("live")
    submit(page, button("Change status"))
    flashed(page, t("The status has been changed to “%(status)s”.", status=t("Live")))
    expect(page.locator(".idea-header .solution-status")).to_contain_text(t("Live"))
    expect(built_from.locator(".idea-status")).to_contain_text(t("Implemented"))

    # Carla answers the closure question: 4 (Tab enters the group at 5, ArrowDown, Space) and a comment.
    switch_to(CITIZEN, CITIZEN_NAME)
    ratings = region(t("Does it meet the need?"))
    expect(ratings).to_contain_text(t("Nobody has answered yet."))
    follow(page, ratings.get_by_role("link", name=t("Answer: does it meet the need?")))
    question = t("Does “%(title)s” meet the need?", title=TITLE)
    landed(page, lang, question)
    scores = page.get_by_role("group", name=t("Does it meet the need of the idea you supported?"))
    score = {n: scores.get_by_role("radio", name=t(text), exact=True) for n, text in SCORES.items()}
    comment = label("Comment (optional)")
    type_in(page, (score[5], ("ArrowDown", "Space")), (comment, COMMENT))
    expect(score[4]).to_be_checked()
    submit(page, button("Send my answer"))
    flashed(page, t("Thank you for your answer."))
    expect(ratings).to_contain_text(say_count(lang, *ANSWERED, 1))
    expect(ratings).to_contain_text(average(4))
    expect(ratings).to_contain_text(t("Your answer: %(score)s of 5.", score=4))
    expect(ratings.locator(".rating-comments")).to_contain_text(COMMENT)

    # She changes it to 2: the form shows her earlier answer (Tab enters the group at it), the page the change.
    follow(page, ratings.get_by_role("link", name=t("Change your answer")))
    landed(page, lang, question)
    expect(page.get_by_role("main")).to_contain_text(
        before(t("You answered on %(date)s; you can change your answer.", date="\0")))
    expect(score[4]).to_be_checked()
    expect(comment).to_have_value(COMMENT)
    type_in(page, (score[4], ("ArrowDown", "ArrowDown")), (comment, None))
    expect(score[2]).to_be_checked()
    submit(page, button("Change my answer"))
    flashed(page, t("Thank you: your answer has been changed."))
    expect(ratings).to_contain_text(say_count(lang, *ANSWERED, 1))
    expect(ratings).to_contain_text(average(2))
    expect(ratings).to_contain_text(t("Your answer: %(score)s of 5.", score=2))
    rated = before(t("Rated %(score)s of 5 on %(date)s:", score=2, date="\0"))
    expect(ratings.locator(".rating-comments > li")).to_have_text([re.compile(f"{re.escape(rated)}.*{COMMENT}", re.S)])


# --- 2. and 3. every form accessible, empty and with errors ----------------------------------------------------

@dataclass(frozen=True)
class FormScene:
    work: int  # in development: two milestones (one done), Carla on the team, Olaf's offer pending
    live: int  # live, built from an idea Carla supports, not rated yet
    planned: int  # planned, nobody on it
    idea: int  # accepted, not linked


@pytest.fixture
def forms(app, lang) -> FormScene:
    from ideas.models import Status
    from ideas.services import change_status as change_idea_status, support
    from ideas.solutions import services
    from ideas.solutions.models import Role as HelpRole, SolutionStatus

    with app.app_context():
        staff = make_user(STAFF, display_name=STAFF_NAME, roles=(Role.CITY_STAFF,), locale=lang)
        carla = make_user(CITIZEN, display_name=CITIZEN_NAME, locale=lang)
        olaf = make_user("olaf", display_name="Olaf Berg", locale=lang)
        category = make_idea_category("digitales-rathaus", name="Digitales Rathaus")
        ideas = [make_idea(make_user(locale=lang), category, title=f"{IDEA_TITLE} {n}", language="de") for n in (1, 2)]
        support(carla, ideas[0])
        for idea in ideas:
            change_idea_status(staff, idea, Status.ACCEPTED, "Ja.")

        def solution(title: str, **links):
            return services.create_solution(staff, services.SolutionInput(
                title=title, summary=SUMMARY, description_md=DESCRIPTION, language="de", category=category), **links)

        work = solution(WORK_TITLE)
        services.set_milestone_done(staff, services.add_milestone(staff, work, title="Prüfbericht",
                                                                  planned_on=date.today()), True)
        services.add_milestone(staff, work, title=MILESTONE, planned_on=date.today() + timedelta(days=20))
        services.decide_volunteer(staff, services.volunteer(carla, work, role=HelpRole.TESTING, public=True), True)
        services.volunteer(olaf, work, role=HelpRole.DESIGN, note=NOTE, public=False)
        services.change_status(staff, work, SolutionStatus.IN_DEVELOPMENT)
        live = solution(TITLE, ideas=(ideas[0],), explanation_md=EXPLANATION)
        services.change_status(staff, live, SolutionStatus.LIVE, LIVE_EXPLANATION)
        planned = solution(PLANNED_TITLE)
        return FormScene(work=work.id, live=live.id, planned=planned.id, idea=ideas[1].id)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_staff_form_is_accessible_empty_with_errors_and_previewed(page: Page, checker: Checker, log_in, forms,
                                                                        lang):
    t, label = checker.t, checker.label
    log_in(STAFF, STAFF_NAME, then="/solutions")
    checker.visit(f"/solutions/new?idea={forms.idea}", t("Start a solution"), "new solution, empty")

    # Sent back with errors: a title too short, no summary; what was typed stays.
    label("Title").fill("Kurz")
    label("Description").fill(DESCRIPTION)
    label("Public explanation for the ideas").fill(EXPLANATION)
    checker.send("Create the solution")
    checker.errors("new solution, with errors", {
        "title": t("Please use between %(min)d and %(max)d characters.", min=5, max=150),
        "summary": t("Please fill in this field.")})
    expect(label("Title")).to_have_value("Kurz")
    expect(label("Description")).to_have_value(DESCRIPTION)
    expect(label("Numbers of the ideas it is built from (optional)")).to_have_value(str(forms.idea))
    expect(label("Public explanation for the ideas")).to_have_value(EXPLANATION)

    # A preview of Markdown: no error shown, the text rendered below the page's headings, the fields kept.
    label("Description").fill("Ein **Buchungsdienst**.\n\n## Für wen?\n\nFür alle.")
    checker.send("Preview")
    preview = page.get_by_role("region", name=t("Preview"))
    expect(preview.locator("strong")).to_have_text("Buchungsdienst")
    expect(preview.get_by_role("heading", level=3)).to_have_text("Für wen?")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(label("Title")).to_have_value("Kurz")
    checker.assert_accessible(page, "new solution, preview")

    checker.visit(f"/solutions/{forms.work}/edit", t("Edit the solution"), "edit form")
    expect(label("Title")).to_have_value(WORK_TITLE)
    checker.visit(f"/solutions/{forms.work}/status", t("Change the status of “%(title)s”", title=WORK_TITLE),
                  "status form")
    label("New status").select_option("live")
    checker.send("Change status")
    checker.errors("status form, with an error", {"explanation": t(
        "Please explain publicly what is live now: the ideas' supporters read it.")})
    checker.visit(f"/solutions/{forms.work}/ideas", t("Link an idea to “%(title)s”", title=WORK_TITLE), "link form")
    checker.visit(f"/solutions/{forms.work}/milestones/new", t("Add a milestone to “%(title)s”", title=WORK_TITLE),
                  "milestone form, empty")
    label("Description (optional)").fill("Mit *Nutzertest*.")
    checker.send("Add the milestone")
    checker.errors("milestone form, with errors", {"title": t("Please fill in this field."),
                                                   "planned_on": t("Please enter a date, e.g. 2027-03-31.")})
    expect(label("Description (optional)")).to_have_value("Mit *Nutzertest*.")
    checker.visit(f"/solutions/{forms.work}/updates/new", t("Post an update on “%(title)s”", title=WORK_TITLE),
                  "update form")

    # The owner's view of the solution, an offer waiting with its note and the two answers.
    checker.visit(f"/solutions/{forms.work}", WORK_TITLE, "solution, owner with a pending offer")
    offers = page.locator(".solution-offers > li")
    expect(offers).to_have_count(1)
    expect(offers.locator("blockquote")).to_have_text(NOTE)
    expect(offers.get_by_role("button", name=t("Accept the offer of %(name)s", name="Olaf Berg"))).to_be_visible()
    expect(offers.get_by_role("button", name=t("Decline the offer of %(name)s", name="Olaf Berg"))).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_citizen_form_is_accessible_empty_with_errors_and_when_changing_an_answer(page: Page, checker: Checker,
                                                                                       log_in, forms, lang):
    t, label = checker.t, checker.label
    log_in(CITIZEN, CITIZEN_NAME, then="/solutions")

    # A contributor sees a tick button on each milestone, done or not, but may not edit.
    checker.visit(f"/solutions/{forms.work}", WORK_TITLE, "solution, contributor")
    milestones = page.get_by_role("region", name=t("Milestones")).get_by_role("listitem")
    expect(milestones.get_by_role("button")).to_have_text([t("Mark “%(title)s” as not done", title="Prüfbericht"),
                                                           t("Mark “%(title)s” as done", title=MILESTONE)])
    expect(page.get_by_role("link", name=t("Post an update"))).to_be_visible()
    expect(page.get_by_role("link", name=t("Edit the solution"))).to_have_count(0)

    # Offering help without a role: the error belongs to the group; the note and the consent stay.
    offer = t("Offer your help with “%(title)s”", title=PLANNED_TITLE)
    checker.visit(f"/solutions/{forms.planned}/volunteer", offer, "volunteer form, empty")
    label("A short note to the team (optional)").fill(NOTE)
    label("Show my name on the public team list once I am accepted").check()
    checker.send("Offer my help")
    checker.errors("volunteer form, with an error", {"role": t("Please choose how you would like to help.")},
                   groups=("role",))
    expect(label("A short note to the team (optional)")).to_have_value(NOTE)
    expect(label("Show my name on the public team list once I am accepted")).to_be_checked()

    # The closure question without a rating: the comment stays. Then answered, and open again to change it.
    question = t("Does “%(title)s” meet the need?", title=TITLE)
    checker.visit(f"/solutions/{forms.live}/rating", question, "rating form, empty")
    label("Comment (optional)").fill(COMMENT)
    checker.send("Send my answer")
    checker.errors("rating form, with an error", {"score": t("Please choose a rating from 1 to 5.")},
                   groups=("score",))
    expect(label("Comment (optional)")).to_have_value(COMMENT)
    page.get_by_role("radio", name=t(SCORES[4]), exact=True).check()
    page.get_by_role("main").get_by_role("button", name=t("Send my answer")).click()
    flashed(page, t("Thank you for your answer."))
    checker.visit(f"/solutions/{forms.live}/rating", question, "rating form, changing an earlier answer")
    expect(page.get_by_role("radio", name=t(SCORES[4]), exact=True)).to_be_checked()
    expect(label("Comment (optional)")).to_have_value(COMMENT)
    expect(page.get_by_role("main").get_by_role("button", name=t("Change my answer"))).to_be_visible()
