"""The built wheel carries the plans, decks and styles, and an installed `circle plans` finds them.

The wheel goes into a fresh virtual environment with --no-deps; the dependencies
come from the environment running the tests (a .pth line), so the test needs no
network once the build backend is at hand.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("build")

REPO = Path(__file__).resolve().parents[2]
SHIPPED = {"case-story", "community-60", "community-90", "reverse-mentoring"}


def run(argv: list[str | Path], **kwargs: object) -> str:
    result = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=600,
                            **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    command: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO]
    if importlib.util.find_spec("hatchling") is not None:
        command.append("--no-isolation")  # the backend is here already: no download
    run(command)
    (built,) = dist.glob("circle-*.whl")
    return built


def shipped_files(folder: str, pattern: str) -> set[str]:
    return {p.relative_to(REPO / folder).as_posix() for p in (REPO / folder).glob(pattern)}


def test_the_wheel_holds_every_plan_deck_and_style(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    plans = shipped_files("sessions", "**/*.toml")
    styles = shipped_files("styles", "*.tcss")
    assert SHIPPED <= {Path(p).stem for p in plans}
    assert styles, "no style file in styles/"
    assert {f"circle/sessions/{p}" for p in plans} <= names
    assert {f"circle/styles/{s}" for s in styles} <= names


def test_the_installed_command_lists_the_shipped_plans(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--quiet", wheel])
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CIRCLE_HOME")}
    env["CIRCLE_HOME"] = str(tmp_path / "home")
    rows = json.loads(run([venv / "bin" / "circle", "plans", "--json"], cwd=tmp_path, env=env))
    assert SHIPPED <= {r["name"] for r in rows}
    assert all(Path(r["source"]).is_relative_to(venv) for r in rows), rows

    where = json.loads(run([python, "-c", (
        "import json, circle, circle.paths as p\n"
        "print(json.dumps([circle.__file__, str(p.styles_dir()), str(p.decks_dir())]))"
    )], cwd=tmp_path, env=env))
    package, styles, decks = (Path(w) for w in where)
    assert package.is_relative_to(venv)
    assert styles.is_relative_to(venv) and decks.is_relative_to(venv)
    assert {s.name for s in styles.glob("*.tcss")} == shipped_files("styles", "*.tcss") != set()
    assert {d.name for d in decks.glob("*.toml")} == shipped_files("sessions/decks", "*.toml")
