"""`flask demo load` brings trust and administration to look at: Paula in the sandbox with her introduction
waiting for review, the watched words with each action, an idea with a flagged burst of supports, and the current
month's transparency figures; loading twice adds nothing, and the pages read in German and English."""
from __future__ import annotations

import pytest
from helpers import html_lang, page_text, translated
from sqlalchemy import func, select

from app.extensions import db
from app.moderation import hiding
from app.moderation.models import Action, Decision, ItemStatus, Report, ReviewItem, Sanction
from app.transparency import figures
from app.trust import gate
from app.trust.models import ALL_LANGUAGES, TrustLevel, WatchedWord, WordAction
from app.users.models import User
from app.users.services import find_by_username
from demo import support_burst, trust
from demo.users import DEMO_PASSWORD
from forums import services as forum_services
from forums.categories import find_category
from forums.models import Post, Thread
from ideas import integrity
from ideas.models import Idea
from voting.models import SupportTrace, Vote

MODELS = (User, WatchedWord, Thread, Post, Idea, Vote, SupportTrace, Report, ReviewItem, Decision, Sanction)


def counts() -> dict[str, int]:
    db.session.rollback()
    return {model.__name__: db.session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in MODELS}


def login(client, username: str, locale: str | None = None) -> None:
    if locale is not None:
        find_by_username(username).locale = locale
        db.session.commit()
    email = find_by_username(username).email
    assert client.post("/login", data={"login": email, "password": DEMO_PASSWORD}).status_code == 302


def paulas_post() -> Post:
    return db.session.execute(select(Post).where(Post.author_id == find_by_username("paula").id)).scalar_one()


def burst_idea() -> Idea:
    return db.session.execute(select(Idea).where(Idea.title == support_burst.TITLE)).scalar_one()


def test_paula_is_in_the_sandbox_and_her_introduction_waits_for_review(app, demo_loaded):
    paula = find_by_username("paula")
    assert paula.trust_level == TrustLevel.SANDBOX and not paula.trust_locked
    post = paulas_post()
    assert post.thread.category.slug == "vorstellen" and find_category("vorstellen").premoderated
    assert post.subject.hidden_reason == hiding.HELD and post.subject.hidden_automatically
    item = db.session.execute(select(ReviewItem).where(ReviewItem.subject_id == post.subject_id)).scalar_one()
    assert item.status == ItemStatus.PENDING and item.report_count == 0
    trusted = demo_loaded[demo_loaded.index("Trust:"):]
    assert "paula@example.org" in trusted and DEMO_PASSWORD in trusted

    outsider = app.test_client()
    assert trust.NEWCOMER_REPLY[:40] not in page_text(outsider.get(f"/t/{post.thread_id}", follow_redirects=True))
    for locale in ("de", "en"):
        client = app.test_client()
        login(client, "paula", locale)
        text = page_text(client.get(f"/t/{post.thread_id}", follow_redirects=True))
        assert trust.NEWCOMER_REPLY[:40] in text and translated(app, locale, "Waiting for review") in text
        moderator = app.test_client()
        login(moderator, "moderator", locale)
        queue = moderator.get("/moderation")
        assert queue.status_code == 200 and html_lang(queue)[0] == locale
        assert f'href="/moderation/items/{item.id}"' in queue.get_data(as_text=True)
        assert moderator.get(f"/moderation/items/{item.id}").status_code == 200


def test_the_watched_words_cover_every_action_and_language(app, demo_loaded):
    found = {(w.word, w.locale, w.action, w.replacement)
             for w in db.session.execute(select(WatchedWord)).scalars()}
    assert found == set(trust.WORDS)
    assert {action for *_, action, _ in found} == set(WordAction)
    assert {locale for _, locale, *_ in found} == {ALL_LANGUAGES, "de", "en"}
    with pytest.raises(gate.Refused):  # a block works on the loaded demo
        forum_services.reply(find_by_username("mitglied"), paulas_post().thread, "Jetzt Kredit ohne  SCHUFA!")
    for locale in ("de", "en"):
        admin = app.test_client()
        login(admin, "admin", locale)
        response = admin.get("/admin/words")
        assert response.status_code == 200 and html_lang(response)[0] == locale
        assert "Kredit ohne Schufa" in page_text(response)


def test_the_integrity_overview_flags_the_burst_with_its_evidence(app, demo_loaded):
    idea = burst_idea()
    flagged = integrity.overview()
    assert [item.idea.id for item in flagged] == [idea.id]  # the regulars' supports are not mistaken for one
    burst = len(support_burst.BURST) - 1  # one of the ten was set aside
    assert {(group.kind, group.size) for group in flagged[0].groups} == {
        ("network", burst), ("agent", burst), ("same_day", burst), ("sandboxed", burst)}
    assert max(group.minutes for group in flagged[0].groups) <= 3
    aside = db.session.execute(select(Vote).where(Vote.subject_id == idea.subject_id,
                                                  Vote.set_aside_at.is_not(None))).scalars().all()
    assert [vote.voter_id for vote in aside] == [find_by_username("hans_g61").id]
    assert aside[0].set_aside_reason == support_burst.SET_ASIDE[2]
    counted = db.session.execute(select(func.count(Vote.id)).where(
        Vote.subject_id == idea.subject_id, Vote.set_aside_at.is_(None))).scalar_one()
    assert idea.support_count == counted == len(support_burst.REGULARS) + burst + 1
    for locale in ("de", "en"):
        staff = app.test_client()
        login(staff, "stadt", locale)
        overview = staff.get("/ideas/integrity")
        assert overview.status_code == 200 and html_lang(overview)[0] == locale
        assert support_burst.TITLE in page_text(overview)
        review = staff.get(f"/ideas/{idea.id}/integrity")
        assert review.status_code == 200 and "anna_w85" in page_text(review)


def test_the_transparency_page_shows_this_months_figures(app, demo_loaded):
    month = figures.year_figures(figures.current_year()).months[0]
    assert month.automated == 1 and month.manual >= 5  # the casino advert hidden automatically; Mira, Milo
    assert {month.by_action[action] for action in (Action.KEEP, Action.IGNORE, Action.SUSPEND)} == {1}
    assert month.by_action[Action.HIDE] == 3 and month.set_aside == 1 and month.appeals_received == 1
    assert month.reports_total >= 5 and month.median_seconds and month.median_seconds > 3600  # reports came earlier
    data = app.test_client().get("/transparency.json").get_json()
    assert data["months"][0]["month"] == month.key and data["months"][0]["supports_set_aside"] == 1
    for locale in ("de", "en"):
        client = app.test_client()
        client.post("/language", data={"locale": locale})
        response = client.get("/transparency")
        assert response.status_code == 200 and html_lang(response)[0] == locale


def test_loading_twice_adds_nothing(app, demo_loaded):
    first = counts()
    assert "8 watched words, 1 reply waiting for review, 1 idea with a burst of supports and 5 decisions" \
           in demo_loaded
    second = app.test_cli_runner().invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "0 watched words, 0 reply waiting for review, 0 idea with a burst of supports and 0 decisions" \
           in second.output
    assert counts() == first
