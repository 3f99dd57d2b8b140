"""The house checks (docs/architecture.md): import layers, module size and docstrings, core templates that name no
feature. Standard library only, so `make check` (`python3 tests/house_checks.py`) runs without the test tools;
tests/test_architecture.py runs the same checks in the suite and tests that they catch what they should.

    ideas -> forums -> voting -> app        an arrow means "may import"; everything may import app
    demo, bench -> ideas, forums, voting, app   content loaders above the features; nobody imports them

`app/__init__.py` is the composition root and may import every package; the rest of `app` imports no feature
package. Imports are found with `ast` wherever they are (module level, inside functions, under
`if TYPE_CHECKING`), relative imports are resolved, and `importlib.import_module("...")` and `__import__("...")`
with a literal name count too.
"""
from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ("voting", "forums", "ideas")
LOADERS = ("demo", "bench")
PACKAGES = ("app", *FEATURES, *LOADERS)
FIRST_PARTY = frozenset({*PACKAGES, "config", "wsgi"})
ALLOWED: dict[str, frozenset[str]] = {
    "app": frozenset({"app", "config"}),
    "voting": frozenset({"app", "voting"}),
    "forums": frozenset({"app", "voting", "forums"}),
    "ideas": frozenset({"app", "voting", "forums", "ideas"}),
    "demo": frozenset({"app", *FEATURES, "demo"}),
    "bench": frozenset({"app", *FEATURES, "bench"}),
}
COMPOSITION_ROOT = "app"  # the module app/__init__.py
COMPOSITION_ALLOWED = frozenset({*PACKAGES, "config"})
MAX_MODULE_LINES = 400


# --- import layers --------------------------------------------------------------------------------------------

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


def source_files(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Path]:
    return sorted(p for package in packages if (root / package).is_dir() for p in (root / package).rglob("*.py"))


def check_tree(root: Path = ROOT) -> list[str]:
    violations = []
    for path in source_files(root):
        module, is_package = module_name(path, root)
        violations += check_source(path.read_text(encoding="utf-8"), module, is_package)
    return violations


# --- modules: small, with a docstring ---------------------------------------------------------------------------

def check_modules(root: Path = ROOT, max_lines: int = MAX_MODULE_LINES) -> list[str]:
    """Every product module has at most `max_lines` lines and, unless it is empty, a docstring."""
    problems = []
    for path in source_files(root):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(root).as_posix()
        lines = len(source.splitlines())
        if lines > max_lines:
            problems.append(f"{name} has {lines} lines (at most {max_lines}: split it into a package)")
        if source.strip() and ast.get_docstring(ast.parse(source)) is None:
            problems.append(f"{name} has no module docstring")
    return problems


# --- core templates name no feature ---------------------------------------------------------------------------

_TEMPLATE_CODE = re.compile(r"{{(.*?)}}|{%(.*?)%}", re.S)
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_FEATURE_ENDPOINT = re.compile(r"url_for\(\s*['\"](%s)\." % "|".join(FEATURES))
_NAME = re.compile(r"\b[A-Za-z_]\w*\b")
_TEMPLATE_REGISTRARS = {"app_template_filter", "app_template_global", "template_filter", "template_global",
                        "add_app_template_filter", "add_app_template_global", "add_template_filter",
                        "add_template_global"}


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _jinja_names_in(tree: ast.AST) -> set[str]:
    """Names a module gives templates: `jinja_env.filters[...] =`, `jinja_env.globals.update(name=...)`,
    `@bp.app_template_global("name")`, `app.add_template_filter(f, "name")` and the like."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
                        and target.value.attr in ("filters", "globals") and (name := _string(target.slice))):
                    names.add(name)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if (node.func.attr == "update" and isinstance(owner, ast.Attribute)
                    and owner.attr in ("filters", "globals")):
                names.update(keyword.arg for keyword in node.keywords if keyword.arg)
            elif node.func.attr in _TEMPLATE_REGISTRARS:
                given = [_string(arg) for arg in node.args] + [_string(k.value) for k in node.keywords
                                                              if k.arg == "name"]
                names.update(name for name in given if name)
        elif isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(call, ast.Attribute) and call.attr in _TEMPLATE_REGISTRARS:
                    named = [_string(arg) for arg in decorator.args] if isinstance(decorator, ast.Call) else []
                    names.add(next((name for name in named if name), node.name))
    return names


def template_names(root: Path, packages: tuple[str, ...]) -> set[str]:
    """Every filter and global the modules of `packages` give templates."""
    names: set[str] = set()
    for path in source_files(root, packages):
        names |= _jinja_names_in(ast.parse(path.read_text(encoding="utf-8")))
    return names


def core_templates(root: Path = ROOT) -> list[Path]:
    """The core's templates: app/templates and app/<package>/templates."""
    folders = [root / "app" / "templates", *sorted((root / "app").glob("*/templates"))]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.suffix in (".html", ".txt"))


def check_template_source(source: str, name: str, feature_only: set[str]) -> list[str]:
    """What in one core template names a feature: a feature endpoint, or a filter or global only features define."""
    problems = []
    for match in _FEATURE_ENDPOINT.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        problems.append(f"{name}:{line} links to a feature endpoint ({match.group(1)}.…): use app.navigation")
    for match in _TEMPLATE_CODE.finditer(source):
        code = _STRING.sub("''", match.group(1) or match.group(2))
        line = source.count("\n", 0, match.start()) + 1
        problems += [f"{name}:{line} uses {used!r}, which only a feature package defines"
                     for used in sorted(set(_NAME.findall(code)) & feature_only)]
    return problems


def check_templates(root: Path = ROOT) -> list[str]:
    feature_only = template_names(root, (*FEATURES, *LOADERS)) - template_names(root, ("app",))
    problems = []
    for path in core_templates(root):
        problems += check_template_source(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix(),
                                          feature_only)
    return problems


def main() -> int:
    """Print every problem; exit 1 if there is any."""
    problems = [*check_tree(), *check_modules(), *check_templates()]
    for problem in problems:
        print(problem)
    print(f"house checks: {len(problems)} problem(s) in {len(source_files())} modules and "
          f"{len(core_templates())} core templates", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
