"""The demo in every language: Turkish and Arabic members with ideas and replies in their languages, community
translations of demo ideas, summaries in plain language and the page in Leichte Sprache."""
from __future__ import annotations

from helpers import soup
from sqlalchemy import select

from app.content_translations.models import ContentTranslation
from app.extensions import db
from demo.multilingual import IDEAS, PLAIN_SUMMARIES, TRANSLATIONS
from forums.models import Post
from ideas.models import Idea


def by_title(title: str) -> Idea:
    return db.session.execute(select(Idea).where(Idea.title == title)).scalar_one()


def test_turkish_and_arabic_ideas_with_replies_in_their_languages(demo_loaded):
    languages = sorted(by_title(item.title).language for item in IDEAS)
    assert languages == ["ar", "ar", "tr"]
    for item in IDEAS:
        idea = by_title(item.title)
        assert not idea.is_draft and idea.discussion.reply_count == len(item.replies)
    replies = db.session.execute(select(Post.body_md)).scalars().all()
    assert any("Annem" in body for body in replies) and any("والدي" in body for body in replies)


def test_two_demo_ideas_are_translated_by_the_community(demo_loaded):
    rows = db.session.execute(select(ContentTranslation)).scalars().all()
    assert len(rows) == len(TRANSLATIONS) == 4
    translated = {row.original_subject_id for row in rows}
    assert len(translated) == 3
    assert all(row.translator is not None and row.language != row.from_language for row in rows)


def test_a_turkish_reader_reads_the_german_idea_in_turkish(client, demo_loaded):
    idea = by_title("Termine im Bürgerbüro online buchen")

    page = soup(client.get(f"/ideas/{idea.id}", headers={"Accept-Language": "tr"}))

    assert page.html["lang"] == "tr" and page.h1.get_text(strip=True).startswith("Vatandaşlık bürosunda")
    assert "Selin Aydın" in page.find(id="translation-note").get_text()
    arabic = soup(client.get(f"/ideas/{idea.id}", headers={"Accept-Language": "ar"}))
    assert arabic.html["dir"] == "rtl" and arabic.h1.get_text(strip=True).startswith("حجز مواعيد")


def test_ideas_carry_summaries_in_plain_language(demo_loaded):
    for title, _writer, text in PLAIN_SUMMARIES:
        assert by_title(title).plain_summary == text


def test_the_page_in_leichte_sprache_is_linked_from_the_home_page_and_every_footer(client, demo_loaded):
    home = soup(client.get("/", headers={"Accept-Language": "de"}))
    assert home.find("a", href="/pages/leichte-sprache").get_text(strip=True) == "Die WerkSTADT in Leichter Sprache"
    for path in ("/", "/ideas", "/login"):
        footer = soup(client.get(path)).find("footer")
        assert footer.find("a", href="/pages/leichte-sprache"), path
    page = soup(client.get("/pages/leichte-sprache", headers={"Accept-Language": "de"}))
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings == ["Was ist die WerkSTADT?", "Wie kann ich mitmachen?", "Wie finde ich mich zurecht?",
                        "Barriere·freiheit"]
