"""The Subject registry: kinds, capabilities, fresh subjects, and finding the row that owns a subject.

No core table owns a subject yet (ideas, threads and posts come with their packages), so these tests
bring their own owner: `Gadget`, mapped on a private declarative base whose metadata holds a copy of
the `subject` table for its foreign key. Its table is created for each test and dropped afterwards, and
it never joins `db.metadata`, so migrations, the table cleanup and the other tests do not see it.
"""
from __future__ import annotations

import pytest
from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import subjects
from app.extensions import db as _db
from app.models import Subject
from app.subjects import SubjectKind, UnknownKind


class _TestBase(DeclarativeBase):
    metadata = MetaData()


Subject.__table__.to_metadata(_TestBase.metadata)  # lets the foreign key below resolve


class Gadget(_TestBase):
    """A stand-in participatory object: one row per subject, through a unique foreign key."""

    __tablename__ = "test_subjects_gadget"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), unique=True)

    @property
    def subject(self) -> Subject:
        return _db.session.get(Subject, self.subject_id)


class Widget(_TestBase):
    """A second owner with a table of its own, to show kinds never resolve to each other's rows."""

    __tablename__ = "test_subjects_widget"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), unique=True)


KINDS = {
    "test_gadget": dict(model=Gadget, title=lambda g: f"Gadget {g.name}", url=lambda g: f"/gadgets/{g.id}",
                        votable=True, reportable=True),
    "test_widget": dict(model=Widget, title=lambda w: "Widget", url=lambda w: f"/widgets/{w.id}",
                        votable=False, reportable=True),
    "test_plain": dict(model=Widget, title=str, url=str),
}


@pytest.fixture
def registered():
    """The test kinds, registered for one test and forgotten afterwards."""
    entries = {kind: subjects.register(kind, spec["model"], **{k: v for k, v in spec.items() if k != "model"})
               for kind, spec in KINDS.items()}
    yield entries
    for kind in KINDS:
        subjects.unregister(kind)


@pytest.fixture
def tables(db):
    """The owners' tables, created for one test and dropped afterwards."""
    _TestBase.metadata.create_all(db.engine, tables=[Gadget.__table__, Widget.__table__])
    yield
    db.session.remove()
    _TestBase.metadata.drop_all(db.engine, tables=[Gadget.__table__, Widget.__table__])


def add_owner(db, kind: str, model, **fields):
    subject = subjects.new_subject(kind)
    db.session.add(subject)
    db.session.flush()  # the subject's id first: the two models share no relationship to order the inserts
    owner = model(subject_id=subject.id, **fields)
    db.session.add(owner)
    db.session.commit()
    return subject, owner


# --- the registry -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "capabilities"), [
    ("test_gadget", {"votable", "reportable"}),
    ("test_widget", {"reportable"}),
    ("test_plain", set()),
])
def test_register_keeps_only_capabilities_that_are_on(registered, kind, capabilities):
    entry = subjects.get(kind)
    assert entry is registered[kind]
    assert isinstance(entry, SubjectKind)
    assert (entry.kind, entry.model) == (kind, KINDS[kind]["model"])
    assert entry.capabilities == frozenset(capabilities)
    for capability in ("votable", "reportable", "followable"):
        assert entry.can(capability) is (capability in capabilities)


@pytest.mark.parametrize(("capability", "included", "excluded"), [
    (None, {"test_gadget", "test_widget", "test_plain"}, set()),
    ("votable", {"test_gadget"}, {"test_widget", "test_plain"}),
    ("reportable", {"test_gadget", "test_widget"}, {"test_plain"}),
    ("no_such_capability", set(), {"test_gadget", "test_widget", "test_plain"}),
])
def test_kinds_filters_by_capability(registered, capability, included, excluded):
    found = subjects.kinds(capability) if capability else subjects.kinds()
    assert found == sorted(found)
    assert included <= set(found)
    assert not excluded & set(found)


@pytest.mark.parametrize("kind", ["test_unknown", "", "Test_Gadget", "test_gadget "])
def test_unknown_kinds_raise(registered, kind):
    with pytest.raises(UnknownKind):
        subjects.get(kind)
    with pytest.raises(LookupError):  # UnknownKind is a LookupError for callers that catch broadly
        subjects.new_subject(kind)


def test_new_subject_is_a_fresh_unsaved_row(registered, db):
    subject = subjects.new_subject("test_gadget")
    assert isinstance(subject, Subject)
    assert (subject.kind, subject.id) == ("test_gadget", None)
    assert subject not in db.session


def test_registering_again_with_the_same_model_replaces(registered):
    replacement = subjects.register("test_gadget", Gadget, title=str, url=str, votable=False, followable=True)
    assert subjects.get("test_gadget") is replacement
    assert replacement.capabilities == {"followable"}
    assert "test_gadget" not in subjects.kinds("votable")


def test_registering_a_kind_with_another_model_raises(registered):
    with pytest.raises(ValueError, match="test_gadget.*Gadget"):
        subjects.register("test_gadget", Widget, title=str, url=str)
    assert subjects.get("test_gadget") is registered["test_gadget"]  # the first registration stands


def test_unregister_forgets_a_kind_and_tolerates_unknown_ones(registered):
    subjects.unregister("test_plain")
    subjects.unregister("test_never_registered")
    assert "test_plain" not in subjects.kinds()
    with pytest.raises(UnknownKind):
        subjects.get("test_plain")


# --- finding the owner ------------------------------------------------------------------------------

def test_resolve_finds_the_owning_row_with_one_query(registered, tables, db, count_queries):
    add_owner(db, "test_gadget", Gadget, name="first")
    subject, gadget = add_owner(db, "test_gadget", Gadget, name="second")
    subject_id, gadget_id = subject.id, gadget.id
    db.session.expunge_all()
    subject = db.session.get(Subject, subject_id)  # as a caller holds it: loaded, its owner not
    with count_queries() as counter:
        found = subjects.resolve(subject)
    assert counter.count == 1
    assert isinstance(found, Gadget)
    assert (found.id, found.name) == (gadget_id, "second")


def test_resolve_looks_in_the_table_of_the_subjects_kind(registered, tables, db):
    gadget_subject, gadget = add_owner(db, "test_gadget", Gadget, name="g")
    widget_subject, widget = add_owner(db, "test_widget", Widget)
    assert gadget.id == widget.id  # the first row of each table: owner ids collide, subject ids do not
    assert subjects.resolve(gadget_subject) is gadget
    assert subjects.resolve(widget_subject) is widget


def test_resolve_returns_none_when_the_owner_is_gone(registered, tables, db):
    subject, gadget = add_owner(db, "test_gadget", Gadget, name="gone")
    db.session.delete(gadget)
    db.session.commit()
    assert subjects.resolve(subject) is None


def test_resolve_of_an_unregistered_kind_raises(registered, tables, db):
    subject = Subject(kind="test_orphan")
    db.session.add(subject)
    db.session.commit()
    with pytest.raises(UnknownKind):
        subjects.resolve(subject)


def test_title_and_url_come_from_the_registration(registered, tables, db):
    _, gadget = add_owner(db, "test_gadget", Gadget, name="Bank")
    assert subjects.title_of(gadget) == "Gadget Bank"
    assert subjects.url_of(gadget) == f"/gadgets/{gadget.id}"
