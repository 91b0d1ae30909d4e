"""circle uses Textual and Rich through their public API only.

A private name of theirs (underscored: a module, or an attribute or method of one of
their classes) may be read, written or overridden only in ``circle/ui/textual_compat.py``.
Everywhere else this test finds, by reading the source:

- an import from a private module (``textual.widgets._footer``) or of a private name;
- in a module that imports Textual or Rich, an attribute ``x._name`` where ``_name`` is a
  private attribute of a Textual or Rich class and ``x`` is not ``self`` (nor ``cls``),
  unless the name is circle's own;
- on ``self`` or ``super()`` inside a class that subclasses a Textual or Rich class: an
  attribute or a method whose underscored name that class's Textual/Rich bases also
  have (read, written, or defined again: circle's own names must not collide with theirs);
- a method of such a class named as any private name of Textual or Rich.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from functools import cache
from pathlib import Path

import rich
import textual

import circle

SRC = Path(circle.__file__).resolve().parent
COMPAT = SRC / "ui" / "textual_compat.py"
THEIRS = ("textual", "rich")
# Modules not imported to list their classes: they do work when imported (a timing loop,
# a demo); their private names are still found in their source.
NOT_IMPORTED = {"textual._sleep", "textual.__main__", "rich.__main__"}


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_module(module: str) -> bool:
    parts = module.split(".")
    return parts[0] in THEIRS and any(private(part) for part in parts[1:])


@cache
def their_self_attributes() -> dict[str, set[str]]:
    """For each Textual/Rich class (by module and name), the private names its methods set on self."""
    found: dict[str, set[str]] = {}
    for package in (textual, rich):
        for path in Path(package.__file__).resolve().parent.rglob("*.py"):
            module = ".".join(path.relative_to(Path(package.__file__).resolve().parent.parent).with_suffix("").parts)
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"))
            except (SyntaxError, UnicodeDecodeError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    names = found.setdefault(f"{module}.{node.name}", set())
                    for sub in ast.walk(node):
                        if (isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name)
                                and sub.value.id == "self" and private(sub.attr)):
                            names.add(sub.attr)
    return found


@cache
def their_private_names() -> frozenset[str]:
    """Every private name any Textual or Rich class has or sets on its instances."""
    names: set[str] = set()
    for attributes in their_self_attributes().values():
        names |= attributes
    for package in (textual, rich):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name in NOT_IMPORTED:
                continue
            try:
                module = importlib.import_module(info.name)
            except Exception:  # noqa: BLE001  # optional parts (a driver for another platform)
                continue
            for value in vars(module).values():
                if inspect.isclass(value) and value.__module__.split(".")[0] in THEIRS:
                    names |= {name for name in dir(value) if private(name)}
    return frozenset(names)


def their_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if base.__module__.split(".")[0] in THEIRS]


def private_names_of_bases(cls: type) -> set[str]:
    names: set[str] = set()
    for base in their_bases(cls):
        names |= {name for name in vars(base) if private(name)}
        names |= their_self_attributes().get(f"{base.__module__}.{base.__qualname__}", set())
    return names


def circle_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(SRC.rglob("*.py")):
        if path == COMPAT:
            continue
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules.append((name, path))
    return modules


@cache
def circle_own_private_names() -> frozenset[str]:
    """Underscored names circle defines or sets on objects of its own (not of a Textual subclass)."""
    names: set[str] = set()
    for _module, path in circle_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and private(node.name):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and private(node.attr):
                names.add(node.attr)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names |= {t.id for t in targets if isinstance(t, ast.Name) and private(t.id)}
    return frozenset(names - their_private_names())


def uses_theirs(tree: ast.Module) -> bool:
    """Whether a module imports Textual or Rich (only there can an object of theirs be at hand)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in THEIRS:
            return True
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] in THEIRS for a in node.names):
            return True
    return False


def uses_in(module_name: str, path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    where = str(path.relative_to(SRC.parent)) if path.is_relative_to(SRC.parent) else path.name
    found: list[str] = []
    theirs = their_private_names()
    own = circle_own_private_names()
    module = None

    def at(node: ast.AST, what: str) -> None:
        found.append(f"{where}:{getattr(node, 'lineno', 0)}: {what}")

    class_of: dict[ast.AST, type] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            if module is None:
                module = importlib.import_module(module_name)
            cls = getattr(module, node.name, None)
            if inspect.isclass(cls) and their_bases(cls):
                for sub in ast.walk(node):
                    class_of.setdefault(sub, cls)
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign)):
                        names = [item.name] if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) else [
                            t.id for t in (item.targets if isinstance(item, ast.Assign) else [item.target])
                            if isinstance(t, ast.Name)]
                        for name in names:
                            if private(name) and name in private_names_of_bases(cls):
                                at(item, f"{cls.__name__}.{name} reuses a private name of its Textual/Rich base")
                            elif (private(name) and name in theirs
                                  and isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))):
                                # Not on its bases today, but Textual's own name for something: a
                                # method of that name may reach a base in any release.
                                at(item, f"{cls.__name__}.{name} is named as a private method of Textual/Rich")
        elif isinstance(node, ast.ImportFrom) and node.module:
            if private_module(node.module):
                at(node, f"import from private module {node.module}")
            elif node.module.split(".")[0] in THEIRS:
                for alias in node.names:
                    if private(alias.name):
                        at(node, f"import of private name {node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if private_module(alias.name):
                    at(node, f"import of private module {alias.name}")

    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and private(node.attr)):
            continue
        value = node.value
        on_self = isinstance(value, ast.Name) and value.id in ("self", "cls")
        on_super = isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super"
        cls = class_of.get(node)
        if on_self or on_super:
            if cls is not None and node.attr in private_names_of_bases(cls):
                at(node, f"{cls.__name__}: self.{node.attr} is a private name of its Textual/Rich base")
        elif uses_theirs(tree) and node.attr in theirs and node.attr not in own:
            at(node, f".{node.attr} is a private name of a Textual/Rich class")
    return found


def test_no_private_textual_or_rich_name_outside_the_compat_module() -> None:
    found = [use for name, path in circle_modules() for use in uses_in(name, path)]
    assert not found, "\n".join(found)


def test_the_finder_sees_each_kind_of_private_use(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "planted"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text(
        "from textual.widgets._footer import FooterKey\n"
        "from textual.widgets import Digits\n"
        "class D(Digits):\n"
        "    def _on_key(self, event):\n"
        "        pass\n"
        "    def update(self, value):\n"
        "        self._value = value\n"
        "    def _toggle(self):\n"
        "        pass\n"
        "def cache_key(widget):\n"
        "    return widget.styles._cache_key\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    found = uses_in("planted.bad", package / "bad.py")
    text = "\n".join(found)
    assert "textual.widgets._footer" in text
    assert "D._on_key" in text
    assert "self._value" in text
    assert "D._toggle is named as a private method" in text
    assert "._cache_key" in text
