"""A home that cannot be written (a read-only mount, a backup copy) can still be read:
listing, goals, export, check and plans work; a change says the home is read-only."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.demo_data import seed_demo
from circle.store.repository import Repository


def _inside(home: Path, path: object) -> bool:
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(home.resolve())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


@pytest.fixture
def read_only_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo home, then every way of changing a file under it fails as on a read-only mount."""
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "home"
    seed_demo(Repository(home, "facilitator"))
    real_open = os.open

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    def open_read_only(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _inside(home, path):
            raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_read_only)
    for name in ("mkdir", "replace", "rename", "unlink", "chmod", "link"):
        real = getattr(os, name)
        monkeypatch.setattr(
            os, name,
            lambda path, *args, _real=real, **kwargs: refuse() if _inside(home, path) else _real(path, *args, **kwargs),
        )
    return home


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "--actor", "facilitator", *argv])


def test_every_read_works_on_a_read_only_home(read_only_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(read_only_home, "circles") == 0
    assert "Demo Circle (demo-circle)" in capsys.readouterr().out
    assert run(read_only_home, "circles", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["slug"] == "demo-circle"
    for output in ("--plain", "--json"):
        status = run(read_only_home, "goals", "--circle", "demo-circle", "--member", "Daniel Reyes", output)
        captured = capsys.readouterr()
        assert status == 0, captured.err
    assert run(read_only_home, "export", "--circle", "demo-circle", "--format", "md") == 0
    assert capsys.readouterr().out.startswith("# Demo Circle")
    assert run(read_only_home, "check") == 0
    assert "none is damaged" in capsys.readouterr().out
    assert run(read_only_home, "plans") == 0
    assert capsys.readouterr().out


def test_a_change_says_the_home_is_read_only(read_only_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(read_only_home, "circles", "add", "New circle") != 0
    err = capsys.readouterr().err
    assert "read-only" in err and len(err.splitlines()) == 1
    assert run(read_only_home, "circles") == 0
    assert "New circle" not in capsys.readouterr().out


async def test_the_home_screen_opens_on_a_read_only_home(read_only_home: Path) -> None:
    from textual.widgets import OptionList

    from circle.ui.app import CircleApp
    from circle.ui.home.home_screen import HomeScreen

    app = CircleApp(Repository(read_only_home, "facilitator"), start=lambda: HomeScreen("facilitator"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one("#circle-list", OptionList)
        assert listing.option_count == 1 and listing.get_option_at_index(0).id == "demo-circle"
