"""The house checks in the suite (tests/house_checks.py holds them, stdlib only, for `make check`): the import
layers, small modules with docstrings, core templates that name no feature, and that each check catches what it
should.

    ideas -> forums -> voting -> app        an arrow means "may import"; everything may import app
    demo, bench -> ideas, forums, voting, app   content loaders above the features; nobody imports them
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from house_checks import (ROOT, check_modules, check_source, check_template_source, check_templates, check_tree,
                          core_templates, imports_of, module_name, resolve_relative, source_files, template_names)

PACKAGES = ("app", "voting", "forums", "ideas", "demo", "bench")


# --- the real code ----------------------------------------------------------------------------------

def test_the_walk_sees_the_code():
    files = source_files()
    assert ROOT / "app" / "__init__.py" in files
    assert ROOT / "app" / "text.py" in files
    assert len(files) >= 20
    edges = [e for p in files for e in imports_of(p.read_text(encoding="utf-8"), *module_name(p, ROOT))]
    assert any(e.imported == "app.extensions" for e in edges)  # relative and absolute imports resolved


@pytest.mark.parametrize("package", [p for p in PACKAGES if (ROOT / p).is_dir()])
def test_no_forbidden_imports(package):
    violations = [v for v in check_tree() if v.startswith((f"{package}.", f"{package}:"))]
    assert violations == []


# --- the checker catches what it should -------------------------------------------------------------

@pytest.mark.parametrize(("module", "is_package", "source", "expected"), [
    ("app.moderation.views", False, "import forums", ["app.moderation.views:1 imports forums"]),
    ("app.search", True, "from ideas.models import Idea", ["app.search:1 imports ideas.models",
                                                            "app.search:1 imports ideas.models.Idea"]),
    ("app.text", False, "def f():\n    from voting import services\n",
     ["app.text:2 imports voting", "app.text:2 imports voting.services"]),
    ("app.text", False, "if TYPE_CHECKING:\n    import voting.models as vm\n", ["app.text:2 imports voting.models"]),
    ("app.auth.views", False, "from ...forums import x", ["app.auth.views:1 imports forums",
                                                         "app.auth.views:1 imports forums.x"]),
    ("app.auth", True, "from ... import wsgi", ["app.auth:1 imports wsgi"]),
    ("app.text", False, "import importlib\nimportlib.import_module('ideas.models')",
     ["app.text:2 imports ideas.models"]),
    ("app.text", False, "__import__('forums')", ["app.text:1 imports forums"]),
    ("voting.services", False, "from forums.signals import post_added",
     ["voting.services:1 imports forums.signals", "voting.services:1 imports forums.signals.post_added"]),
    ("voting.services", False, "import ideas", ["voting.services:1 imports ideas"]),
    ("voting.services", False, "import config", ["voting.services:1 imports config"]),
    ("forums.views", False, "from ideas import services", ["forums.views:1 imports ideas",
                                                           "forums.views:1 imports ideas.services"]),
    ("forums.models", False, "from ..ideas.models import Idea", ["forums.models:1 imports ideas.models",
                                                                 "forums.models:1 imports ideas.models.Idea"]),
    # the content loaders: nothing but the composition root imports them, and they do not import each other
    ("app.main.views", False, "from demo.users import DEMO_PASSWORD", ["app.main.views:1 imports demo.users",
                                                                     "app.main.views:1 imports demo.users.DEMO_PASSWORD"]),
    ("ideas.services", False, "import bench.dataset", ["ideas.services:1 imports bench.dataset"]),
    ("forums.views", False, "from demo import forums", ["forums.views:1 imports demo", "forums.views:1 imports demo.forums"]),
    ("demo.ideas", False, "from bench.dataset import forums", ["demo.ideas:1 imports bench.dataset",
                                                              "demo.ideas:1 imports bench.dataset.forums"]),
    ("bench.dataset.ideas", False, "import demo", ["bench.dataset.ideas:1 imports demo"]),
    ("demo", True, "import config", ["demo:1 imports config"]),
])
def test_checker_catches_forbidden_imports(module, is_package, source, expected):
    assert check_source(source, module, is_package) == expected


@pytest.mark.parametrize(("module", "is_package", "source"), [
    ("app", True, "def create_app():\n    import forums, ideas, voting\n"),       # the composition root
    ("app", True, "from config import Config"),
    ("app.text", False, "from app.extensions import db\nimport bleach\nimport os"),
    ("app.auth.views", False, "from . import bp\nfrom ..extensions import db\nfrom .forms import LoginForm"),
    ("voting.services", False, "from app.models import Subject\nfrom . import signals\nimport sqlalchemy"),
    ("forums.services", False, "from voting.services import cast_vote\nfrom app import subjects"),
    ("forums.views", False, "from .models import Thread\nfrom ..voting import policy"),
    ("ideas.services", False, "import forums.services\nfrom voting import services\nfrom app.text import x"),
    ("ideas.solutions.views", False, "from ..models import Idea\nfrom ...forums import services"),
    ("app.text", False, "import forumsx\nimport app_extra\nimportlib.import_module(name)"),  # not our packages
    ("app", True, "import bench\nimport demo"),                                  # the composition root
    ("demo.ideas", False, "from ideas import services\nfrom forums.models import Post\nfrom voting import models"),
    ("bench.dataset.ideas", False, "from .forums import Extra\nfrom ideas.models import Idea\nfrom app import db"),
])
def test_checker_allows_permitted_imports(module, is_package, source):
    assert check_source(source, module, is_package) == []


def test_checker_finds_a_forbidden_import_in_a_file(tmp_path):
    (tmp_path / "app" / "moderation").mkdir(parents=True)
    (tmp_path / "voting").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("import voting\n")
    (tmp_path / "app" / "moderation" / "__init__.py").write_text("")
    (tmp_path / "app" / "moderation" / "queue.py").write_text("def f():\n    from ...voting import tally\n")
    (tmp_path / "voting" / "__init__.py").write_text("from .services import cast_vote\nfrom app import db\n")
    assert check_tree(tmp_path) == [
        "app.moderation.queue:2 imports voting",
        "app.moderation.queue:2 imports voting.tally",
    ]


@pytest.mark.parametrize(("module", "is_package", "level", "name", "expected"), [
    ("app.auth.views", False, 1, None, "app.auth"),
    ("app.auth.views", False, 1, "forms", "app.auth.forms"),
    ("app.auth.views", False, 2, "extensions", "app.extensions"),
    ("app.auth", True, 1, "views", "app.auth.views"),
    ("app.auth", True, 2, None, "app"),
    ("app.auth", True, 3, None, ""),
    ("ideas.solutions.views", False, 3, "forums", "forums"),
])
def test_relative_imports_resolve(module, is_package, level, name, expected):
    assert resolve_relative(module, is_package, level, name) == expected


# --- modules: small, with a docstring --------------------------------------------------------------------------

def test_product_modules_are_small_and_say_what_they_are_for():
    assert check_modules() == []


def test_the_module_check_finds_a_long_module_and_a_missing_docstring(tmp_path):
    (tmp_path / "forums").mkdir()
    (tmp_path / "forums" / "__init__.py").write_text("")  # empty: needs no docstring
    (tmp_path / "forums" / "big.py").write_text('"""Long."""\n' + "x = 1\n" * 400)
    (tmp_path / "forums" / "bare.py").write_text("import os\n")
    (tmp_path / "forums" / "fine.py").write_text('"""Short and documented."""\nx = 1\n')
    assert check_modules(tmp_path) == ["forums/bare.py has no module docstring",
                                       "forums/big.py has 401 lines (at most 400: split it into a package)"]


# --- core templates name no feature ----------------------------------------------------------------------------

def test_core_templates_name_no_feature():
    assert len(core_templates()) >= 20 and ROOT / "app" / "templates" / "base.html" in core_templates()
    assert check_templates() == []


def test_the_feature_only_names_are_found():
    feature = template_names(ROOT, ("voting", "forums", "ideas", "demo", "bench"))
    core = template_names(ROOT, ("app",))
    assert {"forum_time", "forum_policy", "idea_policy", "help_role_label"} <= feature - core
    assert {"cooked", "markdown", "main_navigation", "current_language"} <= core


@pytest.mark.parametrize(("source", "expected"), [
    ("<a href=\"{{ url_for('forums.index') }}\">", ["t.html:1 links to a feature endpoint (forums.…): use app.navigation"]),
    ('{% set x = 1 %}\n{{ url_for( "ideas.solutions.index") }}',
     ["t.html:2 links to a feature endpoint (ideas.…): use app.navigation"]),
    ("{{ url_for('voting.x') }}", ["t.html:1 links to a feature endpoint (voting.…): use app.navigation"]),
    ("{{ post.created_at|forum_time }}", ["t.html:1 uses 'forum_time', which only a feature package defines"]),
    ("{% if idea_policy.can_edit(current_user, idea) %}x{% endif %}",
     ["t.html:1 uses 'idea_policy', which only a feature package defines"]),
    ("{{ url_for('main.home') }} {{ body|cooked }} {{ _('forum_time') }} forum_time in text", []),
    ("{{ url_for('pages.show', slug='forums.index') }}", []),
])
def test_the_template_check_catches_feature_names(source, expected):
    assert check_template_source(source, "t.html", {"forum_time", "idea_policy"}) == expected


def test_the_template_check_reads_registrations_of_every_kind(tmp_path):
    (tmp_path / "forums").mkdir()
    (tmp_path / "forums" / "display.py").write_text(
        '"""Helpers."""\n'
        'def init_app(app):\n'
        '    app.jinja_env.filters["shiny"] = str\n'
        '    app.jinja_env.globals.update(forum_thing=1, other=2)\n'
        '    app.add_template_global(len, "counted")\n'
        '@bp.app_template_global("by_decorator")\n'
        'def f(): pass\n'
        '@bp.app_template_filter\n'
        'def bare_filter(x): return x\n')
    assert template_names(tmp_path, ("forums",)) == {"shiny", "forum_thing", "other", "counted", "by_decorator",
                                                     "bare_filter"}


def test_make_check_runs_without_the_test_tools():
    """`python3 tests/house_checks.py` needs the standard library only, and passes on the real code."""
    result = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "tests" / "house_checks.py")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stderr
