"""The review queue, an item, the direct-action form (also with errors) and the statement are valid HTML (Nu Html
Checker), in German and English."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.models import Subject
from app.moderation import actions
from app.moderation.models import Reason
from factories import PASSWORD, make_user
from moderation_queue_scene import make_house_rules, make_item, make_note, notes, profile_subject  # noqa: F401

VNU_JAR = Path(__file__).resolve().parents[3] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def vnu() -> list[str]:
    java = shutil.which("java")
    problem = None if java else "java is not installed (apt-get install -y default-jre-headless)"
    if not problem and not VNU_JAR.is_file():
        problem = f"vnu.jar missing at {VNU_JAR} (run `npm ci`)"
    if problem:
        if os.environ.get("WERKSTADT_REQUIRE_BROWSER", "").strip() == "1":
            pytest.fail(problem + "; WERKSTADT_REQUIRE_BROWSER=1 forbids skipping", pytrace=False)
        pytest.skip(problem)
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout"]


def test_moderation_pages_are_valid_html(app, db, notes, vnu, tmp_path):
    from app.users.models import Role

    make_house_rules()
    moderator = make_user("mia", roles=(Role.MODERATOR,))
    reporter = make_user("rita")
    author = make_user("otto", bio_md="Buy **now**.")
    note = make_note(author, body="Buy *cheap* watches.")
    item = make_item(db.session.get(Subject, note.subject_id), author, reporters=[reporter], note="Spam!", notices=1)
    other = make_item(profile_subject(author), author, reporters=[reporter], category="profiles")
    decision = actions.agree_and_hide(moderator, other, actions.Statement(
        reason=Reason.SPAM, facts="Advertising.", rule_number=2), actions.SanctionOrder("silence", 3))
    db.session.commit()
    pages = {}
    for lang in ("de", "en"):
        client = app.test_client()
        client.post("/login", data={"login": "mia", "password": PASSWORD})
        client.post("/language", data={"locale": lang})
        for name, method, path, data in [
            ("queue", "GET", "/moderation", None),
            ("queue-resolved", "GET", "/moderation?status=resolved", None),
            ("bulk-errors", "POST", "/moderation/bulk", {"verdict": "hide", "facts": "x"}),
            ("item", "GET", f"/moderation/items/{item.id}", None),
            ("item-errors", "POST", f"/moderation/items/{item.id}", {"verdict": "delete", "sanction": "suspend",
                                                                     "days": "0", "rule": "legal"}),
            ("item-resolved", "GET", f"/moderation/items/{other.id}", None),
            ("act", "GET", f"/moderation/subjects/{note.subject_id}/act", None),
            ("statement", "GET", f"/moderation/decisions/{decision.id}", None),
        ]:
            response = client.open(path, method=method, data=data)
            assert response.status_code == 200, f"{path} ({lang}) answered {response.status_code}"
            assert f'<html lang="{lang}"' in response.text
            pages[f"{lang}-{name}"] = response.text
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    run = subprocess.run([*vnu, *files], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
                       f"\n    {m.get('extract', '').strip()!r}" for m in errors)
    assert not errors, f"{len(errors)} HTML error(s):\n{report}"
