"""Plan and deck files that are not sane (NaN, infinity, a day-long phase, huge or deeply
nested TOML, a byte-order mark, bytes that are not UTF-8) get a clear error naming the file,
phase and key, from `circle plans check` and from `circle run`; other plans keep working."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle import paths
from circle.cli import main
from circle.store.plan_files import list_plans, load_plan
from circle.store.repository import Repository

BAD_PLANS = Path(__file__).parent / "bad_plans"
NAN_PLAN = (BAD_PLANS / "phase-minutes-nan.toml").read_text(encoding="utf-8")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    path = tmp_path / "home"
    Repository(path, "t").create_circle("Year 7")
    return path


def plant(home: Path, name: str, content: str | bytes) -> Path:
    path = home / "plans" / f"{name}.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_run_with_a_nan_length_fails_naming_file_phase_and_key(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = plant(home, "phase-minutes-nan", NAN_PLAN)
    assert main(["--home", str(home), "run", "year-7", "--plan", "phase-minutes-nan"]) != 0
    err = capsys.readouterr().err
    assert f"{path}: phase 2 (Challenge sharing): minutes: must be a finite number (it is nan)" in err
    assert "Traceback" not in err
    assert main(["--home", str(home), "plans", "check", str(path)]) != 0
    assert "must be a finite number" in capsys.readouterr().err


HOSTILE = {
    "not-utf8": (b"name = \"x\"\ntitle = \"caf\xe9\"\n", "is not UTF-8 text (byte 23 cannot be read)"),
    "deep": ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nests lists or tables more than 8 deep"),
    "nested": ("x = " + "[" * 12 + "]" * 12 + "\n", "nests lists or tables more than 8 deep"),
    "huge": ("# " + "x" * 300_000 + "\n", "characters long; a plan or deck file has at most"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_plan_file_is_named_and_the_others_still_list_and_load(
    home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, message = HOSTILE[name]
    path = plant(home, name, content)
    assert main(["--home", str(home), "plans", "check", str(path)]) != 0
    err = capsys.readouterr().err
    assert str(path) in err and message in err
    assert "community-60" in [plan.name for plan in list_plans(home)]
    assert load_plan("community-60", home).name == "community-60"
    assert main(["--home", str(home), "plans"]) == 1  # the others listed; the bad one named
    out, err = capsys.readouterr()
    assert "community-60" in out and f"left out {path}" in err


def test_a_byte_order_mark_is_accepted(home: Path) -> None:
    good = (paths.sessions_dir() / "case-story.toml").read_text(encoding="utf-8")
    plant(home, "mine", "\ufeff" + good.replace('name = "case-story"', 'name = "mine"'))
    assert load_plan("mine", home).name == "mine"


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_deck_file_is_named_and_the_other_decks_still_load(
    home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    from circle.store.plan_files import scan_decks

    content, message = HOSTILE[name]
    folder = home / "plans" / "decks"
    folder.mkdir(parents=True)
    path = folder / f"{name}.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    problems = [str(problem) for problem in scan_decks(home).problems]
    assert any(p.startswith(str(path)) and message in p for p in problems), problems
    assert scan_decks(home).decks  # the shipped decks all still load
    assert load_plan("community-60", home).name == "community-60"
    assert main(["--home", str(home), "plans", "check"]) != 0
    assert str(path) in capsys.readouterr().err
    assert main(["--home", str(home), "plans", "decks"]) == 1
    out, err = capsys.readouterr()
    assert out and f"left out a deck: {path}" in err
