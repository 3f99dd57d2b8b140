"""What only the Whoosh backend has: its directory (missing, empty, corrupt), the atomic swap of a rebuild, and the
locks between writers. The behaviour both backends share is in test_backend_contract.py."""
from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import pytest
from whoosh import index as whoosh_index

from app.search.backends import Unavailable
from app.search.backends.whoosh import CURRENT, GENERATION_PREFIX, WhooshBackend
from app.search.documents import Document
from app.search.query import SearchRequest, Viewer, parse

WHEN = datetime(2024, 5, 1, 12, tzinfo=UTC)


def note(id: int, title: str, body: str = "Ein Text.") -> Document:
    return Document("post", id, title, body, "de", WHEN)


def found(backend: WhooshBackend, text: str) -> set[int]:
    return {hit.id for hit in backend.search(SearchRequest(parse(text), Viewer(1, sees_hidden=True))).hits}


def generations(index_dir) -> list[str]:
    return sorted(entry for entry in os.listdir(index_dir) if entry.startswith(GENERATION_PREFIX))


def segment_files(backend: WhooshBackend) -> list[str]:
    path = backend.current_generation()
    return [os.path.join(path, name) for name in os.listdir(path) if name.endswith(".seg")]


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "index"


@pytest.fixture
def built(index_dir) -> WhooshBackend:
    backend = WhooshBackend(str(index_dir))
    backend.rebuild([[note(1, "Laterne am Markt"), note(2, "Brunnen am Markt")]])
    return backend


def unavailable_everywhere(backend: WhooshBackend) -> None:
    with pytest.raises(Unavailable):
        backend.search(SearchRequest(parse("Markt")))
    with pytest.raises(Unavailable):
        backend.check()
    with pytest.raises(Unavailable):
        backend.apply([note(3, "Bank am Markt")], [])


def test_a_missing_directory_is_unavailable_until_a_rebuild_makes_it(index_dir):
    backend = WhooshBackend(str(index_dir))
    unavailable_everywhere(backend)
    assert not index_dir.exists()  # nothing written: apply does not make an index that lacks everything else
    assert backend.rebuild([[note(1, "Laterne am Markt")]]) == 1
    backend.check()
    assert found(backend, "Markt") == {1}


@pytest.mark.parametrize("pointer", [None, "", "gen-missing", "../../etc", "gen-x/../../etc", "\xff\xfe"])
def test_an_empty_directory_or_a_bad_pointer_is_unavailable(index_dir, pointer):
    index_dir.mkdir()
    if pointer is not None:
        (index_dir / CURRENT).write_bytes(pointer.encode("latin-1"))
    unavailable_everywhere(WhooshBackend(str(index_dir)))


def test_a_generation_without_an_index_is_unavailable(index_dir):
    (index_dir / "gen-empty").mkdir(parents=True)
    (index_dir / CURRENT).write_text("gen-empty")
    unavailable_everywhere(WhooshBackend(str(index_dir)))


@pytest.mark.parametrize("damage", ["truncate", "garble", "empty", "remove"])
def test_a_corrupt_segment_is_unavailable_and_a_rebuild_repairs_it(built, index_dir, damage):
    assert found(built, "Markt") == {1, 2}
    for path in segment_files(built):
        size = os.path.getsize(path)
        replacement = path + ".damaged"  # written beside and renamed over: the open searcher keeps its file
        if damage == "remove":
            os.remove(path)
            continue
        with open(path, "rb") as original, open(replacement, "wb") as out:
            data = original.read()
            if damage == "truncate":
                out.write(data[:size // 3])
            elif damage == "garble":
                out.write(bytes((byte * 7 + 13) % 256 for byte in data))
        os.replace(replacement, path)
    fresh = WhooshBackend(str(index_dir))  # another process, which opens the files now
    unavailable_everywhere(fresh)
    fresh.rebuild([[note(1, "Laterne am Markt")]])
    fresh.check()
    assert found(fresh, "Markt") == {1}
    assert found(built, "Markt") == {1}  # the first process opens the new generation on its next search


def test_a_garbled_table_of_contents_is_unavailable(built, index_dir):
    path = built.current_generation()
    for name in os.listdir(path):
        if name.endswith(".toc"):
            with open(os.path.join(path, name), "r+b") as toc:
                toc.seek(8)
                toc.write(b"\x00garbage\xff" * 4)
    unavailable_everywhere(WhooshBackend(str(index_dir)))


def test_a_rebuild_swaps_atomically_and_one_that_dies_leaves_the_old_index(built, index_dir):
    other_process = WhooshBackend(str(index_dir))
    assert found(other_process, "Markt") == {1, 2}
    seen_during: list[set[int]] = []

    def batches_that_fail():
        yield [note(10, "Bank am Markt")]
        seen_during.append(found(built, "Markt"))
        seen_during.append(found(WhooshBackend(str(index_dir)), "Markt"))
        yield [note(11, "Baum am Markt")]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        built.rebuild(batches_that_fail())
    assert seen_during == [{1, 2}, {1, 2}]
    assert found(built, "Markt") == found(other_process, "Markt") == {1, 2}
    assert len(generations(index_dir)) == 1  # the half-built generation is gone

    def batches():
        yield [note(10, "Bank am Markt")]
        seen_during.append(found(other_process, "Markt"))
        yield [note(11, "Baum am Markt")]

    assert built.rebuild(batches()) == 2
    assert seen_during[-1] == {1, 2}
    assert found(other_process, "Markt") == found(built, "Markt") == {10, 11}
    assert len(generations(index_dir)) == 1


def test_a_rebuild_cleans_up_what_a_killed_rebuild_left(built, index_dir):
    (index_dir / "gen-killedhalfway").mkdir()
    (index_dir / "gen-killedhalfway" / "MAIN_x.seg").write_bytes(b"partial")
    (index_dir / f"{CURRENT}.dead.tmp").write_text("gen-killedhalfway")
    assert found(built, "Markt") == {1, 2}
    built.rebuild([[note(5, "Markt")]])
    assert len(generations(index_dir)) == 1
    assert sorted(os.listdir(index_dir)) == sorted([CURRENT, "REBUILD.lock", generations(index_dir)[0]])


def test_one_rebuild_at_a_time(built, index_dir):
    def batches():
        yield [note(7, "Markt")]
        with pytest.raises(Unavailable):
            WhooshBackend(str(index_dir)).rebuild([[note(8, "Markt")]])

    assert built.rebuild(batches()) == 1
    assert found(built, "Markt") == {7}


def test_apply_during_a_rebuild_writes_but_keeps_its_outbox_rows(built, index_dir):
    writer = WhooshBackend(str(index_dir))

    def batches():
        yield [note(1, "Laterne am Markt")]
        with pytest.raises(Unavailable, match="rebuild"):
            writer.apply([note(2, "Brunnen am Rathaus")], [])
        assert found(writer, "Rathaus") == {2}  # the old generation has it meanwhile

    built.rebuild(batches())
    assert found(built, "Rathaus") == set()  # the rebuild read older data: the outbox rows do it again
    writer.apply([note(2, "Brunnen am Rathaus")], [])
    assert found(built, "Rathaus") == {2}


def test_a_writer_waits_for_the_lock_and_gives_up_as_unavailable(built, index_dir):
    impatient = WhooshBackend(str(index_dir), write_timeout=0.3)
    ix = whoosh_index.open_dir(impatient.current_generation())
    lock = ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        started = time.monotonic()
        with pytest.raises(Unavailable, match="locked"):
            impatient.apply([note(3, "Bank am Markt")], [("post", 1)])
        assert 0.25 <= time.monotonic() - started < 3
    finally:
        lock.release()
        ix.close()
    assert found(impatient, "Markt") == {1, 2}  # nothing of it was written
    impatient.apply([note(3, "Bank am Markt")], [("post", 1)])
    assert found(impatient, "Markt") == {2, 3}


def test_a_searcher_sees_what_another_process_wrote(built, index_dir):
    assert found(built, "Markt") == {1, 2}
    WhooshBackend(str(index_dir)).apply([note(1, "Laterne am Rathaus")], [("post", 2)])
    assert found(built, "Markt") == set()
    assert found(built, "Rathaus") == {1}
