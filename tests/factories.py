"""Plain factory functions for tests; call them inside an app context."""
from __future__ import annotations

import itertools

from app.users.models import Role, User
from app.users.services import create_user

PASSWORD = "correct horse battery"
_numbers = itertools.count(1)


def make_user(username: str | None = None, *, roles: tuple[Role, ...] = (), confirmed: bool = True,
              locale: str = "de", password: str = PASSWORD, **fields) -> User:
    """A saved user; confirmed unless told otherwise, and a member past the new-member sandbox unless a test sets
    `trust_level=0` (tests of the sandbox make fresh accounts on purpose)."""
    username = username or f"user{next(_numbers)}"
    email = fields.pop("email", f"{username}@example.org")
    display_name = fields.pop("display_name", username.capitalize())
    user = create_user(email=email, username=username, password=password, display_name=display_name,
                       roles=roles, locale=locale, confirmed=confirmed,
                       established=fields.pop("trust_level", 1) == 1)
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        from app.extensions import db

        db.session.commit()
    return user


def make_category(slug: str | None = None, *, name: str | None = None, position: int | None = None,
                  color: str = "#0b4f8a"):
    """A saved forum category with German and English names (placed last unless `position` is given)."""
    from forums.categories import CategoryInput, save_category

    slug = slug or f"category-{next(_numbers)}"
    name = name or slug.replace("-", " ").capitalize()
    data = CategoryInput(slug=slug, names={"de": name, "en": name}, color=color, position=position,
                         descriptions={"de": f"Über {name}", "en": f"About {name}"})
    return save_category(None, data)


def make_thread(author: User | None = None, category=None, title: str = "A thread", body: str = "The opening post."):
    """A thread opened through the service (author and category made if not given)."""
    from forums.services import create_thread

    author = author or make_user()
    category = category or make_category()
    return create_thread(author, category, title=title, body_md=body)


def make_discussion(author: User | None = None, title: str = "About something"):
    """A thread attached to a fresh Subject (no category, no opening post; replies may carry stances)."""
    from app.extensions import db
    from app.models import Subject
    from forums.services import open_thread

    subject = Subject(kind="test")
    db.session.add(subject)
    db.session.flush()
    thread = open_thread(subject, title=title, author=author)
    db.session.commit()
    return thread


def make_reply(thread, author: User | None = None, body: str | None = None, *, to=None, stance=None):
    """A reply through the service, to the thread or to post `to` (author made if not given)."""
    from forums.services import reply

    author = author or make_user()
    return reply(author, thread, body or f"Reply {next(_numbers)}.", to=to, stance=stance)


def add_replies(thread, count: int, author: User | list[User] | None = None, *, nested: bool = True) -> None:
    """Insert `count` replies straight into the tables (fast, for big threads), with the counters a service keeps.

    Nested: every fourth reply starts a tree, then one at depth 2, one at depth 3, and one more at depth 2.
    Flat: every reply hangs under the thread (depth 1). A list of authors takes turns.
    """
    from sqlalchemy import update

    from app.extensions import db
    from app.models import Subject, utcnow
    from app.text import PIPELINE_VERSION
    from forums.models import ForumCategory, Post, Thread

    authors = author if isinstance(author, list) else [author or make_user()]
    author = authors[(count - 1) % len(authors)]  # the last poster
    first = thread.highest_post_number + 1
    shape = [1, 2, 3, 2] if nested else [1]
    latest: dict[int, Post] = {}  # depth -> latest post at that depth
    parent_of: dict[int, Post | None] = {}  # index -> structural parent
    posts = []
    now = utcnow()
    for index in range(count):
        depth, poster = shape[index % len(shape)], authors[index % len(authors)]
        post = Post(thread_id=thread.id, number=first + index, depth=depth, author_id=poster.id,
                    body_md=f"Reply {index}", body_html=f"<p>Reply {index}</p>", cooked_version=PIPELINE_VERSION,
                    child_count=0, created_at=now, subject=Subject(kind="post"))
        parent_of[index] = latest[depth - 1] if depth > 1 else None
        latest[depth] = post
        posts.append(post)
    for depth in (1, 2, 3):  # a level at a time, so parents have ids before their children
        level = [(index, post) for index, post in enumerate(posts) if post.depth == depth]
        for index, post in level:
            parent = parent_of[index]
            segment = f"{post.number:08d}"
            if parent is None:
                post.sort_path = segment
            else:
                post.parent_id, post.reply_to_id, post.root_id = parent.id, parent.id, parent.root_id
                post.sort_path = f"{parent.sort_path}.{segment}"
                parent.child_count += 1
        db.session.add_all(post for _, post in level)
        db.session.flush()
        for _, post in level:
            if depth == 1:
                post.root_id = post.id
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(
        highest_post_number=Thread.highest_post_number + count, reply_count=Thread.reply_count + count,
        last_posted_at=now, last_poster_id=author.id))
    if thread.category_id is not None:
        db.session.execute(update(ForumCategory).where(ForumCategory.id == thread.category_id).values(
            post_count=ForumCategory.post_count + count, last_posted_at=now))
    db.session.commit()


def make_idea_category(slug: str | None = None, *, threshold: int = 3, answer_days: int = 30,
                       authors_may_support: bool = False, name: str | None = None):
    """A saved idea category with German and English names and a small support threshold."""
    from ideas.categories import CategoryInput, save_category

    slug = slug or f"ideas-{next(_numbers)}"
    name = name or slug.replace("-", " ").capitalize()
    return save_category(None, CategoryInput(
        slug=slug, names={"de": name, "en": name}, descriptions={"de": f"Über {name}", "en": f"About {name}"},
        support_threshold=threshold, answer_days=answer_days, authors_may_support=authors_may_support))


def make_idea(author: User | None = None, category=None, *, title: str = "Book appointments online",
              body: str = "Citizens book their **appointments** online.", language: str = "en",
              publish: bool = True):
    """A saved idea (published unless told otherwise) by `author` (a new member if None)."""
    from ideas.services import IdeaInput, create_idea

    author = author or make_user()
    category = category or make_idea_category()
    return create_idea(author, IdeaInput(title=title, body_md=body, category=category, language=language),
                       publish=publish)


def add_supporters(idea, count: int) -> list[User]:
    """`count` new members who each support `idea`."""
    from ideas.services import support

    supporters = [make_user() for _ in range(count)]
    for supporter in supporters:
        support(supporter, idea)
    return supporters
