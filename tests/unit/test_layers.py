"""The layers import in one direction only: the import contracts in pyproject.toml hold.

domain is pure; store never reaches up; the session layer (circle.live) imports no
Textual; the UI never imports the commands. `lint-imports` checks the contracts on
the real tree, and a copy of the tree with one forbidden import planted must fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    # The tree under test comes first on the path: the copy, not the installed package.
    env = {"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


def test_the_import_contracts_hold_on_this_tree() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and "4 kept, 0 broken" in result.stdout


PLANTED = [
    ("domain/session/engine.py", "import textual.app"),
    ("domain/goals/goal.py", "import tinydb"),
    ("domain/plans/plan.py", "from circle.store import repository"),
    ("domain/text.py", "import rich.text"),
    ("store/goals.py", "import textual.widget"),
    ("store/sessions.py", "from circle.live import driver"),
    ("live/driver.py", "import textual.app"),
    ("ui/home/navigation.py", "from circle.commands import circles"),
]


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("tree")
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


@pytest.mark.parametrize(("module", "line"), PLANTED)
def test_a_planted_forbidden_import_breaks_a_contract(tree_copy: Path, module: str, line: str) -> None:
    path = tree_copy / "src" / "circle" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{line}\n", encoding="utf-8")
    try:
        result = lint(tree_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_do_not_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from circle.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip()


@pytest.mark.parametrize(("argv", "command"), [
    ([], "home"), (["--home", "h", "--actor=ana"], "home"),  # plain `circle` opens the home screen
    (["goals", "--plain"], "goals"), (["--actor", "ana", "run", "x"], "run"),
    (["--help"], None), (["--version"], None), (["nonsense"], None),  # these list every command
])
def test_only_the_command_run_has_its_parser_built(argv: list[str], command: str | None) -> None:
    from circle.cli import build_parser, named_command

    assert named_command(argv) == command
    if command is not None:  # its parser alone reads the whole line
        assert build_parser([command]).parse_args(argv).command in (command, None)


@pytest.mark.parametrize(("argv", "held"), [(["run", "nobody"], True), (["plans", "--plain"], False)])
def test_a_full_screen_command_holds_the_collector_before_its_modules_load(argv: list[str], held: bool,
                                                                           tmp_path: Path) -> None:
    code = (
        "import gc, sys\n"
        "import circle.cli as cli\n"
        "seen = []\n"
        "build = cli.build_parser\n"
        "cli.build_parser = lambda *a, **k: (seen.append(gc.isenabled()), build(*a, **k))[1]\n"
        f"cli.main(['--home', {str(tmp_path)!r}, *{argv!r}])\n"
        "print('enabled' if seen[0] else 'held')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == ("held" if held else "enabled"), result.stdout + result.stderr
