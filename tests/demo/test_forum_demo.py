"""`flask demo load` brings forum categories and threads once, with nested replies and a pinned welcome."""
from sqlalchemy import func, select

from forums.models import ForumCategory, Post, Thread


def counts(db):
    """Categories, threads and posts of the forums (ideas' discussions are threads without a category)."""
    in_forum = Thread.category_id.is_not(None)
    return (db.session.execute(select(func.count(ForumCategory.id))).scalar_one(),
            db.session.execute(select(func.count(Thread.id)).where(in_forum)).scalar_one(),
            db.session.execute(select(func.count(Post.id)).join(Thread).where(in_forum)).scalar_one())


def test_demo_load_adds_the_forum_content_once(app, db, demo_loaded):
    assert "3 categories and 3 threads added" in demo_loaded
    after_first = counts(db)
    # and demo/trust.py's pre-moderated introductions with their welcome thread
    assert after_first[0] == 4 and after_first[1] == 4 and after_first[2] > 6

    second = app.test_cli_runner().invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "0 categories and 0 threads added" in second.output
    assert counts(db) == after_first


def test_demo_threads_have_nested_replies_and_a_pinned_welcome(app, db, demo_loaded):
    assert db.session.execute(select(func.max(Post.depth))).scalar_one() >= 2
    pinned = db.session.execute(select(Thread).where(Thread.pinned.is_(True))).scalars().all()
    assert sorted(thread.category.slug for thread in pinned) == ["vorstellen", "werkstatt"]


def test_no_forum_thread_repeats_an_ideas_title_and_each_idea_has_one_discussion(app, db, demo_loaded):
    """An idea's discussion is its own thread (listed under the discussions of ideas), never a second forum thread
    of the same name beside it."""
    from ideas.models import Idea

    ideas = db.session.execute(select(Idea.title, Idea.subject_id).where(Idea.published_at.is_not(None))).all()
    in_forum = db.session.execute(select(Thread.title).where(Thread.category_id.is_not(None))).scalars()
    assert not {title.casefold() for title in in_forum} & {title.casefold() for title, _ in ideas}
    about = db.session.execute(select(Thread.about_subject_id, func.count(Thread.id))
                               .group_by(Thread.about_subject_id)).all()
    counted = dict(about)
    assert all(counted.get(subject_id) == 1 for _, subject_id in ideas)
