"""`flask translate`: extract strings, update every catalog, fill the English source catalog, compile."""
from __future__ import annotations

import os
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from flask import Flask, current_app
from flask.cli import AppGroup

SOURCE_LOCALE = "en"  # msgids are English; this catalog repeats them so it is complete by construction

translate_cli = AppGroup("translate", help="Translation catalogs in translations/.")


def _root() -> Path:
    return Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]).parent


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def fill_source_catalog(po_path: Path) -> int:
    """Copy each msgid into the empty msgstr of the source-language catalog; returns how many were filled."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=SOURCE_LOCALE)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = (message.id[0], message.id[1])
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True, sort_by_file=True)
    return filled


@translate_cli.command("update")
def update_command() -> None:
    """Extract every string into messages.pot and merge it into each catalog (no fuzzy guesses)."""
    root = _root()
    os.chdir(root)
    # Babel skips directories starting with "_" unless told otherwise; templates/_macros/ holds strings too.
    _pybabel("extract", "--no-location", "--sort-by-file", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
             "--ignore-dirs", ".* __pycache__ node_modules", "-o", "translations/messages.pot", ".")
    _pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-i", "translations/messages.pot",
             "-d", "translations")
    filled = fill_source_catalog(root / "translations" / SOURCE_LOCALE / "LC_MESSAGES" / "messages.po")
    click.echo(f"Catalogs updated; {filled} English entries filled from their source text.")


@translate_cli.command("compile")
def compile_command() -> None:
    """Compile every catalog to .mo."""
    os.chdir(_root())
    _pybabel("compile", "-d", "translations")


def init_app(app: Flask) -> None:
    app.cli.add_command(translate_cli)
