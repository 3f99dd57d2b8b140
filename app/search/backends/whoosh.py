"""The embedded search backend: a Whoosh index in a directory (SEARCH_INDEX_DIR), nothing else to run.

Layout: SEARCH_INDEX_DIR holds one or more generation directories (`gen-<hex>`, each a whole Whoosh index) and
the file CURRENT naming the one in use. A rebuild writes a new generation beside the current one and then
replaces CURRENT by a rename, which is atomic: searches answer from the old generation until that moment, and a
rebuild that dies leaves the old one (its half-built directory is cleaned up by the next rebuild). REBUILD.lock
(held by a rebuild) keeps rebuilds one at a time; Whoosh's own write lock keeps writers of a generation one at a
time, waited for at most WRITE_TIMEOUT seconds (several gunicorn workers and an indexer may write). Each
generation keeps FREQUENT (the terms whose word pairs it indexes, whoosh_analysis); a rebuild of many documents is
written by REBUILD_PROCS processes, one segment each.

Searching reads postings in bulk and ranks from the matching sets (whoosh_docsets, whoosh_ranking), with what a
searcher is asked again (kind and hidden sets, created_at, recently read terms) kept until the index changes.

Each backend keeps one open searcher and reopens it when the index changed. Whatever goes wrong with the files (a
missing directory, no index, a truncated or garbled segment, a lock held too long) is Unavailable, never another
exception: /search says so, and `flask search rebuild` repairs it.
"""
from __future__ import annotations

import gc
import itertools
import json
import logging
import os
import shutil
import threading
import uuid
import warnings
from collections.abc import Iterable

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.util.filelock import FileLock

from app.search.backends import Unavailable
from app.search.backends import whoosh_analysis as analysis
from app.search.backends import whoosh_docsets as docsets
from app.search.backends import whoosh_postings as postings
from app.search.backends import whoosh_ranking as ranking
from app.search.backends import whoosh_schema as schema
from app.search.backends import whoosh_snippets as snippets
from app.search.documents import Document, Key
from app.search.query import Hit, Results, SearchRequest

log = logging.getLogger("werkstadt.search")

WRITE_TIMEOUT = 10.0  # seconds a writer waits for another one to finish
CURRENT = "CURRENT"
GENERATION_PREFIX = "gen-"
FREQUENT = "FREQUENT.json"  # in a generation: the terms whose pairs it indexes (whoosh_analysis)
REBUILD_PROCS = 2  # processes that write a rebuild of at least whoosh_analysis.SAMPLE documents
REBUILD_JOB = 500  # documents handed to one of them at a time
CREATED_ARRAY_FROM = 100  # ordering this many documents or more reads the whole created_at column once


def guarded(problem: str, work, *, quiet: bool = False):
    """`work()`, with any failure turned into Unavailable(problem) (None when `quiet`). Whoosh leaves files open
    when it fails to read a damaged index; they are closed here (ResourceWarnings silenced) before the error
    goes on, so a broken index costs no file handles."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return work()
        except Unavailable:
            raise
        except Exception as error:  # a damaged file shows as any exception: struct, zlib, pickle, EOF, OS
            detail = f"{problem}: {type(error).__name__}: {error}"
            if not quiet:  # the text only: a record holding the traceback would hold the open files too
                log.warning("%s (run `flask search rebuild`)", detail)
        gc.collect()  # the failed reader's open files, held by the frames of the traceback
    if quiet:
        return None
    raise Unavailable(detail)


class WhooshBackend:
    """The Backend protocol (app.search.backends) on a Whoosh index in `index_dir`."""

    name = "whoosh"

    def __init__(self, index_dir: str, *, write_timeout: float = WRITE_TIMEOUT) -> None:
        self.index_dir = os.path.abspath(index_dir)
        self.write_timeout = write_timeout
        self._lock = threading.RLock()
        self._generation: str | None = None
        self._searcher = None
        self._ix = None
        self._sets: dict[str, object] = {}
        self._frequent_by_path: dict[str, dict[str, analysis.Shares]] = {}

    # --- where the index is -----------------------------------------------------------------------------

    def current_generation(self) -> str:
        """The directory of the index in use; Unavailable when there is none."""
        try:
            with open(os.path.join(self.index_dir, CURRENT), encoding="ascii") as file:
                name = file.read().strip()
        except (OSError, UnicodeError) as error:
            raise Unavailable(f"no search index in {self.index_dir}") from error
        path = os.path.join(self.index_dir, name)
        if not name.startswith(GENERATION_PREFIX) or os.sep in name or not os.path.isdir(path):
            raise Unavailable(f"the search index {path} is missing")
        return path

    def _open(self, path: str):
        return guarded(f"the search index in {path} cannot be opened",
                       lambda: whoosh_index.open_dir(path, schema=schema.make_schema()))

    def _rebuild_lock(self) -> FileLock:
        return FileLock(os.path.join(self.index_dir, "REBUILD.lock"))

    def _rebuilding(self) -> bool:
        if not os.path.isdir(self.index_dir):
            return False
        lock = self._rebuild_lock()
        if lock.acquire(blocking=False):
            lock.release()
            return False
        return True

    # --- writing ----------------------------------------------------------------------------------------

    def apply(self, documents: list[Document], removed: list[Key]) -> None:
        if not documents and not removed:
            return
        rebuilding = self._rebuilding()
        path = self.current_generation()
        self._write(path, documents, removed)
        # A rebuild reads the database while it runs and then replaces this generation: what was written here
        # meanwhile may be older than what it read, so the caller keeps its outbox rows for after the swap.
        if rebuilding or self._rebuilding() or self.current_generation() != path:
            raise Unavailable("a rebuild of the search index is running; these changes are indexed after it")

    def _write(self, path: str, documents: Iterable[Document], removed: Iterable[Key], *,
               fresh: bool = False, procs: int = 1) -> int:
        """Write into the generation at `path` in one commit; nothing of it when anything fails. A rebuild of
        many documents (`procs` > 1) writes one segment per process."""
        frequent = self._frequent(path)
        ix = self._open(path)
        try:
            writer = guarded("the search index cannot be written", lambda: self._writer(ix, procs))
            counted = [0]

            def write() -> None:
                for kind, object_id in removed:
                    writer.delete_by_term("key", schema.key_text(kind, object_id))
                for document in documents:
                    values = schema.fields_of(document, frequent)
                    (writer.add_document if fresh else writer.update_document)(**values)
                    counted[0] += 1

            try:
                # A rebuild writes into a new, empty index: what fails there is the caller's (a batch that
                # raises); an update reads the current segments, and any failure of theirs is Unavailable.
                if fresh:
                    write()
                else:
                    guarded("the search index cannot be written", write)
            except BaseException:
                for task in getattr(writer, "tasks", ()):  # a rebuild's writer processes: stopped, not left
                    task.terminate()  # waiting for work (Whoosh's cancel cannot reach them) or writing on
                    task.join(WRITE_TIMEOUT)
                guarded("cancelling", writer.cancel, quiet=True)
                raise
            guarded("the search index cannot be written", writer.commit)
            return counted[0]
        finally:
            guarded("closing", ix.close, quiet=True)

    def _writer(self, ix, procs: int = 1):
        try:
            if procs > 1:
                return ix.writer(procs=procs, multisegment=True, batchsize=REBUILD_JOB, timeout=self.write_timeout,
                                 delay=0.05, limitmb=256)
            return ix.writer(timeout=self.write_timeout, delay=0.05, limitmb=128)
        except whoosh_index.LockError:
            pass
        raise Unavailable(f"the search index is locked by another writer for {self.write_timeout} s")

    def rebuild(self, batches: Iterable[list[Document]]) -> int:
        os.makedirs(self.index_dir, exist_ok=True)
        lock = self._rebuild_lock()
        if not lock.acquire(blocking=False):
            raise Unavailable("another rebuild of the search index is running")
        try:
            self._clean_up(keep=self._current_name())
            name = GENERATION_PREFIX + uuid.uuid4().hex
            path = os.path.join(self.index_dir, name)
            try:
                storage = FileStorage(path).create()
                storage.create_index(schema.make_schema()).close()
                documents = (document for batch in batches for document in batch)
                sample = list(itertools.islice(documents, analysis.SAMPLE))
                self._keep_frequent(path, sample)
                procs = REBUILD_PROCS if len(sample) >= analysis.SAMPLE else 1
                count = self._write(path, itertools.chain(sample, documents), (), fresh=True, procs=procs)
                pointer = os.path.join(self.index_dir, f"{CURRENT}.{uuid.uuid4().hex}.tmp")
                with open(pointer, "w", encoding="ascii") as file:
                    file.write(name)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(pointer, os.path.join(self.index_dir, CURRENT))  # the swap: atomic
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            self._clean_up(keep=name)
            return count
        finally:
            lock.release()

    @staticmethod
    def _keep_frequent(path: str, sample: list[Document]) -> None:
        """Decide from `sample` which terms are frequent (their pairs are indexed: whoosh_analysis) and keep the
        list in the generation at `path`."""
        texts = []
        for document in sample:
            values = schema.fields_of(document, {})
            suffix = values["language"]
            texts.append((suffix, values[f"title_{suffix}"] + values[f"body_{suffix}"]))
        with open(os.path.join(path, FREQUENT), "w", encoding="utf-8") as file:
            json.dump(analysis.frequent_terms(texts), file)

    def _frequent(self, path: str) -> dict[str, analysis.Shares]:
        """The frequent terms of the generation at `path` with their shares, read once per generation. Every
        rebuild writes the list; a generation without one was built by an older version (no word pairs) and is
        Unavailable until a rebuild."""
        found = self._frequent_by_path.get(path)
        if found is None:
            try:
                with open(os.path.join(path, FREQUENT), encoding="utf-8") as file:
                    found = {suffix: {str(term): float(share) for term, share in shares.items()}
                             for suffix, shares in json.load(file).items()}
            except (OSError, ValueError, AttributeError, TypeError) as error:
                raise Unavailable(f"the search index in {path} was built by an older version "
                                  "or is damaged") from error
            self._frequent_by_path = {path: found}
        return found

    def _current_name(self) -> str | None:
        try:
            return os.path.basename(self.current_generation())
        except Unavailable:
            return None

    def _clean_up(self, keep: str | None) -> None:
        """Remove every generation but `keep` (old ones, and half-built ones of rebuilds that died), and stray
        pointer files. Processes that still have an old generation open go on reading it (POSIX keeps open
        files) until their next search, which opens the current one."""
        for entry in os.listdir(self.index_dir):
            path = os.path.join(self.index_dir, entry)
            if entry.startswith(GENERATION_PREFIX) and entry != keep:
                shutil.rmtree(path, ignore_errors=True)
            elif entry.startswith(CURRENT + ".") and entry.endswith(".tmp"):
                os.remove(path)

    # --- reading ----------------------------------------------------------------------------------------

    def check(self) -> None:
        with self._lock:
            self._run(lambda searcher: (searcher.doc_count(), next(iter(searcher.documents()), None),
                                        searcher.search(wq.Every(), limit=1).scored_length()))

    def search(self, request: SearchRequest) -> Results:
        with self._lock:
            return self._run(lambda searcher: self._search(searcher, request))

    def _run(self, work):
        """`work(searcher)` on a searcher of the current index; any failure of the files is Unavailable (and the
        next search opens the index again)."""
        try:
            return guarded("the search index cannot be read", lambda: work(self._current_searcher()))
        except Unavailable:
            self._forget()
            raise

    def _current_searcher(self):
        path = self.current_generation()
        # Not Searcher.refresh(): the reader it makes reuses the old segment readers and with them their old
        # deletions (whoosh3 3.54.0), so an updated document would be found twice.
        if self._searcher is None or self._generation != path or \
                self._ix.latest_generation() != self._searcher.reader().generation():
            self._forget()
            self._frequent(path)  # an index of an older version is Unavailable
            self._ix = self._open(path)
            self._searcher, self._generation = self._ix.searcher(), path
        return self._searcher

    def _forget(self) -> None:
        for resource in (self._searcher, self._ix):
            if resource is not None:
                guarded("closing", resource.close, quiet=True)
        self._searcher, self._ix, self._generation, self._sets = None, None, None, {}

    def _docs(self, searcher, query: wq.Query) -> set[int]:
        if isinstance(query, wq.Term):  # one posting list, read plainly
            reader = searcher.reader()
            text = reader.schema[query.fieldname].to_bytes(query.text)
            return postings.term_docs(reader, query.fieldname, text.decode("utf-8"))
        return set(searcher.docs_for_query(query))

    def _cache(self, searcher) -> postings.ReaderCache:
        """What this searcher's reader was asked before (prefix expansions)."""
        found = self._sets.get("cache")
        if found is None:
            found = self._sets["cache"] = postings.ReaderCache(searcher.reader(), self._frequent(self._generation))
        return found  # type: ignore[return-value]

    def _created(self, searcher, size: int):
        """created_at by docnum: the whole column as a list, read once per searcher, when many documents are
        looked up or it is read already; else Whoosh's column reader (a few documents)."""
        found = self._sets.get("created")
        if found is None and size >= CREATED_ARRAY_FROM:
            found = self._sets["created"] = postings.numeric_column(searcher.reader(), "created_at")
        return found if found is not None else searcher.reader().column_reader("created_at")

    def _kind_sets(self, searcher) -> dict[str, set[int]]:
        """kind -> its documents, once per searcher (a handful of kinds)."""
        found = self._sets.get("kinds")
        if found is None:
            kinds = [term.decode("utf-8") for term in searcher.lexicon("kind")]
            found = {kind: self._docs(searcher, wq.Term("kind", kind)) for kind in kinds}
            self._sets["kinds"] = found
        return found  # type: ignore[return-value]

    def _hidden(self, searcher) -> set[int]:
        found = self._sets.get("hidden")
        if found is None:
            found = self._docs(searcher, wq.Term("hidden", True))
            self._sets["hidden"] = found
        return found  # type: ignore[return-value]

    @staticmethod
    def _by_kind(kind_sets: dict[str, set[int]], matched) -> dict[str, int]:
        """kind -> how many of `matched` are of it; a document has one kind, so the biggest kind's count is what
        the others leave (one intersection fewer, and the biggest)."""
        if not kind_sets or not matched:
            return {}
        biggest = max(kind_sets, key=lambda kind: len(kind_sets[kind]))
        counts = {kind: len(docs & matched) for kind, docs in kind_sets.items() if kind != biggest}
        counts[biggest] = len(matched) - sum(counts.values())
        return {kind: count for kind, count in sorted(counts.items()) if count}

    def _search(self, searcher, request: SearchRequest) -> Results:
        page, per_page = max(request.page, 1), max(request.per_page, 1)
        found = docsets.match(searcher, request.parsed, self._cache(searcher))
        matched = found.docs
        viewer = request.viewer
        if not viewer.sees_hidden:
            hidden = self._hidden(searcher) & matched
            if hidden:
                readable = self._docs(searcher, wq.Term("visible_to", str(viewer.id))) if viewer.id else set()
                matched -= hidden - readable
        filters = schema.filter_query(request)
        if filters is not None and matched:
            matched &= self._docs(searcher, filters)
        bounds = schema.date_bounds(request)
        if bounds is not None and matched:
            when = self._created(searcher, len(matched))
            matched = {docnum for docnum in matched if bounds[0] <= when[docnum] <= bounds[1]}
        kind_sets = self._kind_sets(searcher)
        by_kind = self._by_kind(kind_sets, matched)
        if request.kinds:
            matched &= set().union(*(kind_sets.get(kind, set()) for kind in request.kinds))
        total = len(matched)
        hits: list[Hit] = []
        if matched and (page - 1) * per_page < total:
            wanted = page * per_page
            created = lambda size: self._created(searcher, size)  # noqa: E731
            if request.sort == "newest":
                ranked = [(docnum, 0.0) for docnum in ranking.newest(matched, wanted, created)]
            else:
                ranked = ranking.ranked(matched, found.terms, wanted, created)
            for docnum, score in ranked[(page - 1) * per_page:]:
                hits.append(self._hit(searcher.stored_fields(docnum), score, request))
        return Results(hits, total, by_kind, page, per_page)

    def _hit(self, stored: dict, score: float, request: SearchRequest) -> Hit:
        kind, _, object_id = stored["key"].rpartition(":")
        title, body = stored.get("title", ""), stored.get("body", "")
        if request.snippets:
            suffix = stored.get("language", "xx")
            exact, prefixes = schema.marked_terms(request.parsed, suffix)
            title = snippets.title(title, suffix, exact, prefixes)
            body = snippets.snippet(body, suffix, exact, prefixes)
        else:
            body = ""
        return Hit(kind, int(object_id), score, title, body, bool(stored.get("hidden", False)))
