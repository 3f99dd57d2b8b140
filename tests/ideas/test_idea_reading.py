"""The idea listings: every sort orders as promised, filters combine, drafts never show, awaiting-answer order."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_reply, make_user
from sqlalchemy import update

from app.extensions import db
from app.models import utcnow
from app.users.models import Role
from ideas import reading
from ideas.models import Idea, Status
from ideas.reading import IDEAS_PER_PAGE, IdeaFilters, Sort
from ideas.services import change_status, support
from voting.models import Vote

NOW = utcnow()


def set_fields(idea: Idea, **values) -> None:
    """Write columns straight into the row (times in the past, statuses no service would set)."""
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(**values))
    db.session.commit()


def titles(page: reading.IdeaPage) -> list[str]:
    return [row.idea.title for row in page.rows]


def listed(viewer=None, page: int = 1, **filters) -> list[str]:
    return titles(reading.list_ideas(IdeaFilters(**filters), page, viewer))


def trio(category=None) -> dict[str, Idea]:
    """Ideas "old", "middle" and "young", published 3, 2 and 1 days ago, made out of order."""
    category = category or make_idea_category("city", threshold=50)
    ideas = {title: make_idea(category=category, title=title) for title in ("middle", "old", "young")}
    for days, title in ((3, "old"), (2, "middle"), (1, "young")):
        set_fields(ideas[title], published_at=NOW - timedelta(days=days))
    return ideas


# --- sorts ---------------------------------------------------------------------------------------------------

def test_newest_first_by_publication(db):
    trio()

    assert listed() == ["young", "middle", "old"]
    assert listed(sort=Sort.NEWEST) == ["young", "middle", "old"]


def test_drafts_are_never_listed_whatever_is_asked(db):
    ideas = trio()
    author = make_user("drafter")
    make_idea(author, ideas["old"].category, title="secret draft", publish=False)

    for sort in Sort:
        assert "secret draft" not in listed(author, sort=sort)
    assert listed(author, status=Status.DRAFT) == ["young", "middle", "old"]  # a draft status filters nothing
    assert listed(author, mine=True) == []
    assert reading.list_ideas(IdeaFilters(), 1).total == 3


def test_most_supported_first_then_newest(db):
    ideas = trio()
    add_supporters(ideas["old"], 2)
    add_supporters(ideas["middle"], 1)

    assert listed(sort=Sort.SUPPORTED) == ["old", "middle", "young"]
    add_supporters(ideas["young"], 1)  # a tie with "middle": the newer one first
    assert listed(sort=Sort.SUPPORTED) == ["old", "young", "middle"]


def test_trending_counts_only_the_supports_of_the_last_14_days(db):
    ideas = trio()
    old_supporters = add_supporters(ideas["old"], 3)
    add_supporters(ideas["middle"], 2)
    add_supporters(ideas["young"], 1)
    db.session.execute(update(Vote).where(Vote.subject_id == ideas["old"].subject_id)
                       .values(created_at=NOW - timedelta(days=15)))
    db.session.execute(update(Vote).where(Vote.subject_id == ideas["middle"].subject_id)
                       .values(created_at=NOW - timedelta(days=13)))
    db.session.commit()

    # middle: 2 recent, young: 1 recent, old: 0 recent (but the most supports overall)
    assert listed(sort=Sort.TRENDING) == ["middle", "young", "old"]
    assert len(old_supporters) == 3
    more = add_supporters(ideas["old"], 2)  # two fresh supports for "old": ties with "middle", more in total
    assert len(more) == 2
    assert listed(sort=Sort.TRENDING) == ["old", "middle", "young"]


def test_trending_breaks_ties_by_support_count(db):
    ideas = trio()
    add_supporters(ideas["old"], 2)
    db.session.execute(update(Vote).values(created_at=NOW - timedelta(days=20)))
    db.session.commit()

    assert listed(sort=Sort.TRENDING) == ["old", "young", "middle"]


def test_most_discussed_first_by_replies_in_the_discussion(db):
    ideas = trio()
    talker = make_user("talker")
    for _ in range(2):
        make_reply(ideas["old"].discussion, talker)
    make_reply(ideas["middle"].discussion, talker)

    assert listed(sort=Sort.DISCUSSED) == ["old", "middle", "young"]
    rows = reading.list_ideas(IdeaFilters(sort=Sort.DISCUSSED), 1).rows
    assert [row.idea.reply_count for row in rows] == [2, 1, 0]


def test_recently_answered_lists_answered_ideas_only_latest_answer_first(db):
    ideas = trio()
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    change_status(staff, ideas["young"], Status.ACCEPTED, "We do it.")
    change_status(staff, ideas["old"], Status.DECLINED, "Not now.")
    set_fields(ideas["young"], answered_at=NOW - timedelta(days=5))

    assert listed(sort=Sort.ANSWERED) == ["old", "young"]
    assert reading.list_ideas(IdeaFilters(sort=Sort.ANSWERED), 1).total == 2


# --- filters -------------------------------------------------------------------------------------------------

@pytest.fixture
def scene(db):
    """alice's and bob's ideas in two categories; carol supports two of them; one is accepted."""
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    city, school = make_idea_category("city", threshold=50), make_idea_category("school", threshold=50)
    made = {
        "a-city": make_idea(alice, city, title="a-city"),
        "a-school": make_idea(alice, school, title="a-school"),
        "b-city": make_idea(bob, city, title="b-city"),
        "b-school": make_idea(bob, school, title="b-school"),
    }
    for index, title in enumerate(("a-city", "a-school", "b-city", "b-school")):
        set_fields(made[title], published_at=NOW - timedelta(hours=10 - index))
    support(carol, made["a-city"])
    support(carol, made["b-school"])
    change_status(staff, made["b-school"], Status.ACCEPTED, "Yes.")
    return {"alice": alice, "bob": bob, "carol": carol, "city": city, "school": school}


def test_each_filter_alone(scene):
    assert listed(status=Status.ACCEPTED) == ["b-school"]
    assert listed(status=Status.NEW) == ["b-city", "a-school", "a-city"]
    assert listed(category=scene["city"]) == ["b-city", "a-city"]
    assert listed(scene["alice"], mine=True) == ["a-school", "a-city"]
    assert listed(scene["carol"], supported=True) == ["b-school", "a-city"]


def test_filters_combine(scene):
    assert listed(scene["alice"], category=scene["city"], mine=True) == ["a-city"]
    assert listed(scene["carol"], category=scene["school"], supported=True) == ["b-school"]
    assert listed(scene["carol"], status=Status.NEW, supported=True) == ["a-city"]
    assert listed(scene["carol"], status=Status.NEW, category=scene["school"], supported=True) == []
    assert listed(scene["carol"], sort=Sort.SUPPORTED, category=scene["city"]) == ["a-city", "b-city"]
    assert listed(scene["bob"], sort=Sort.ANSWERED, mine=True) == ["b-school"]
    assert reading.list_ideas(IdeaFilters(category=scene["city"], mine=True), 1, scene["alice"]).total == 1


def test_mine_and_supported_need_a_viewer(scene):
    assert listed(None, mine=True) == ["b-school", "b-city", "a-school", "a-city"]
    assert listed(None, supported=True) == ["b-school", "b-city", "a-school", "a-city"]


def test_rows_say_whether_the_viewer_supports_the_idea(scene):
    for viewer, expected in ((scene["carol"], {"a-city", "b-school"}), (scene["alice"], set()), (None, set())):
        rows = reading.list_ideas(IdeaFilters(), 1, viewer).rows
        assert {row.idea.title for row in rows if row.supported} == expected
    row = reading.list_ideas(IdeaFilters(status=Status.ACCEPTED), 1).rows[0]
    assert (row.idea.category.slug, row.idea.author.username, row.idea.support_count) == ("school", "bob", 1)


# --- pages ---------------------------------------------------------------------------------------------------

def test_pages_hold_20_ideas_and_count_them_all(db):
    category = make_idea_category("city", threshold=50)
    author = make_user("prolific")
    for index in range(IDEAS_PER_PAGE + 3):
        make_idea(author, category, title=f"idea {index:02d}")

    first, second = (reading.list_ideas(IdeaFilters(), page) for page in (1, 2))

    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (23, 2, 20, 3)
    assert titles(first)[0] == "idea 22" and titles(second)[-1] == "idea 00"
    assert not set(titles(first)) & set(titles(second))


def test_an_empty_list_has_one_page(db):
    empty = reading.list_ideas(IdeaFilters(), 1)

    assert (empty.rows, empty.pages, empty.total) == ([], 1, 0)


# --- awaiting the city's answer ------------------------------------------------------------------------------

def test_awaiting_answer_lists_unanswered_ideas_past_the_threshold_earliest_due_first(db):
    category = make_idea_category("city", threshold=1, answer_days=30)
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    made = {title: make_idea(category=category, title=title)
            for title in ("later", "overdue", "soon", "answered", "below", "withdrawn")}
    for title in ("later", "overdue", "soon", "answered", "withdrawn"):
        add_supporters(made[title], 1)  # the threshold of 1 starts the clock
    set_fields(made["later"], answer_due_at=NOW + timedelta(days=20))
    set_fields(made["overdue"], answer_due_at=NOW - timedelta(days=2))
    set_fields(made["soon"], answer_due_at=NOW + timedelta(days=1))
    set_fields(made["withdrawn"], status=Status.WITHDRAWN.value, answer_due_at=NOW - timedelta(days=9))
    change_status(staff, made["answered"], Status.DECLINED, "No.")
    draft = make_idea(category=category, title="draft", publish=False)
    set_fields(draft, threshold_reached_at=NOW, answer_due_at=NOW - timedelta(days=30))

    shown = reading.awaiting_answer(1, now=NOW)

    assert titles(shown) == ["overdue", "soon", "later"]
    assert [row.overdue for row in shown.rows] == [True, False, False]
    assert (shown.total, shown.pages) == (3, 1)
    later = reading.awaiting_answer(1, now=NOW + timedelta(days=10))
    assert [row.overdue for row in later.rows] == [True, True, False]


def test_an_answer_takes_an_idea_off_the_awaiting_list(db):
    category = make_idea_category("city", threshold=1)
    idea = make_idea(category=category, title="waiting")
    add_supporters(idea, 1)
    assert titles(reading.awaiting_answer(1)) == ["waiting"]

    change_status(make_user("staff", roles=(Role.CITY_STAFF,)), idea, Status.UNDER_REVIEW, "We look at it.",
                  official=True)

    assert titles(reading.awaiting_answer(1)) == []


def test_triage_shows_the_newest_ideas_still_new(scene):
    shown = reading.awaiting_triage()

    assert titles(shown) == ["b-city", "a-school", "a-city"]
    assert shown.total == 3
