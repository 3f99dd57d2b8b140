"""The house plan's arrows, checked: which package may import which (see ARCHITECTURE.md).

    ideas -> forums -> voting -> app        an arrow means "may import"; everything may import app

`app/__init__.py` is the composition root and may import every package; the rest of `app` imports no
feature package. Imports are found with `ast` wherever they are (module level, inside functions,
under `if TYPE_CHECKING`), relative imports are resolved, and `importlib.import_module("...")` and
`__import__("...")` with a literal name count too.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "voting", "forums", "ideas")
FIRST_PARTY = frozenset({*PACKAGES, "config", "wsgi"})
ALLOWED: dict[str, frozenset[str]] = {
    "app": frozenset({"app", "config"}),
    "voting": frozenset({"app", "voting"}),
    "forums": frozenset({"app", "voting", "forums"}),
    "ideas": frozenset({"app", "voting", "forums", "ideas"}),
}
COMPOSITION_ROOT = "app"  # the module app/__init__.py
COMPOSITION_ALLOWED = frozenset({*PACKAGES, "config"})


@dataclass(frozen=True)
class Edge:
    module: str    # the importing module, dotted
    imported: str  # the imported module, dotted and absolute
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def module_name(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of the module at `path`, and whether it is a package's __init__."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts), is_package


def resolve_relative(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of `from <level dots><name> import ...` written in `module`."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, name] if name else base)


_DYNAMIC_IMPORTERS = {("importlib", "import_module"), (None, "import_module"), (None, "__import__")}


def _dynamic_import(node: ast.Call) -> str | None:
    func = node.func
    owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if (owner, name) in _DYNAMIC_IMPORTERS and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def imports_of(source: str, module: str, is_package: bool = False) -> list[Edge]:
    """Every module `source` imports, resolved to absolute dotted names."""
    edges = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            edges += [Edge(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = resolve_relative(module, is_package, node.level, node.module) if node.level else node.module
            if base:
                edges.append(Edge(module, base, node.lineno))
            # `from app import auth` may name a submodule: count `app.auth` too
            edges += [Edge(module, f"{base}.{alias.name}" if base else alias.name, node.lineno)
                      for alias in node.names if alias.name != "*"]
        elif isinstance(node, ast.Call) and (target := _dynamic_import(node)):
            edges.append(Edge(module, target, node.lineno))
    return edges


def forbidden(edge: Edge) -> bool:
    """True if the house plan forbids `edge`."""
    importer, imported = edge.module.split(".")[0], edge.imported.split(".")[0]
    if imported not in FIRST_PARTY or importer not in ALLOWED:
        return False
    allowed = COMPOSITION_ALLOWED if edge.module == COMPOSITION_ROOT else ALLOWED[importer]
    return imported not in allowed


def check_source(source: str, module: str, is_package: bool = False) -> list[str]:
    return [str(edge) for edge in imports_of(source, module, is_package) if forbidden(edge)]


def source_files(root: Path = ROOT) -> list[Path]:
    return sorted(p for package in PACKAGES if (root / package).is_dir() for p in (root / package).rglob("*.py"))


def check_tree(root: Path = ROOT) -> list[str]:
    violations = []
    for path in source_files(root):
        module, is_package = module_name(path, root)
        violations += check_source(path.read_text(encoding="utf-8"), module, is_package)
    return violations


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
