"""Every catalog in translations/ compiles cleanly, is complete (nothing untranslated or fuzzy), covers the .pot."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
CATALOGS = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def catalog_id(path: Path) -> str:
    return path.relative_to(TRANSLATIONS).parts[0]


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return entry.msgctxt, entry.msgid


def test_there_is_a_catalog_for_each_language_we_offer():
    from app.i18n import LANGUAGES

    assert TEMPLATE.is_file()
    assert {catalog_id(path) for path in CATALOGS} == set(LANGUAGES)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) is not installed")
@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_the_catalog_passes_msgfmt_check(path):
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_nothing_is_untranslated_or_fuzzy(path):
    catalog = polib.pofile(str(path))

    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {catalog_id(path)}, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {catalog_id(path)}, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_the_catalog_covers_every_message_of_the_template(path):
    template = {key(entry) for entry in polib.pofile(str(TEMPLATE)) if not entry.obsolete}
    catalog = {key(entry) for entry in polib.pofile(str(path)) if not entry.obsolete}

    missing = sorted(template - catalog, key=lambda k: k[1])
    assert template, "the template has no messages"
    assert not missing, f"{len(missing)} messages of messages.pot missing in {catalog_id(path)}: {missing[:5]}"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_plural_entries_fill_every_form(path):
    catalog = polib.pofile(str(path))

    incomplete = [entry.msgid for entry in catalog
                  if entry.msgid_plural and not entry.obsolete and not all(entry.msgstr_plural.values())]
    assert not incomplete, f"plural forms missing in {catalog_id(path)}: {incomplete[:5]}"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_the_compiled_catalog_is_the_source_compiled(path):
    """The app reads messages.mo: without it (or with an old one) every page and every `say()` of the browser
    tests falls back to English, and German pages would pass unread. `make translations` compiles it."""
    compiled = path.with_suffix(".mo")
    assert compiled.is_file(), f"{compiled} is missing: run `make translations`"
    written = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path))
               if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    read = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(compiled)) if e.msgid and e.msgstr}
    assert read == written, f"{compiled} is older than its catalog: run `make translations`"
