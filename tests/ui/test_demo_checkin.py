"""The demo says where it lives from its first screen: its data home, and the command that
follows its session from a second terminal, whole at 80 columns."""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import OptionList

from circle.domain.clock import ManualClock
from circle.domain.plans.plan import DEFAULT_PLAN
from circle.store.demo_data import DEMO_CIRCLE, seed_demo
from circle.store.repository import Repository
from circle.ui.launch import session_app

NOW = datetime(2026, 12, 7, 15, 30, tzinfo=timezone.utc)


def demo_repo(home: Path) -> Repository:
    repo = Repository(home, "facilitator", clock=ManualClock(NOW), rng=random.Random(2))
    seed_demo(repo)
    return repo


@pytest.fixture
def short_home() -> Iterator[Path]:
    """A home like the demo's own temporary one (short, under the temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="circle-demo-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def banner_lines(app) -> list[str]:
    banner = app.screen.query_one("#demo-banner")
    whole = Region(0, 0, banner.region.width, banner.region.height)  # its padding too
    return [strip.text.strip() for strip in banner.render_lines(whole)]


async def test_the_demos_check_in_names_its_home_and_the_follow_command(short_home: Path) -> None:
    repo = demo_repo(short_home)
    app = session_app(repo, DEMO_CIRCLE, DEFAULT_PLAN, clock=repo.clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = banner_lines(app)
        assert lines[0] == f"Demo data in {short_home} · a second terminal follows it with:"
        assert lines[1] == f"circle --home {short_home} watch demo-circle"  # a line of its own, to copy
        assert app.screen.query_one("#attendance", OptionList).option_count == 5  # check-in still fits
        assert app.screen.query_one("#checkin-hint").region.bottom <= 23


async def test_a_long_home_wraps_whole_never_cut(short_home: Path) -> None:
    home = short_home / "a-rather-long-folder-name" / "home"  # the command no longer fits a line
    longer = short_home / ("a-much-longer-folder-name-" * 3) / "home"  # longer than a line
    for home in (home, longer):
        repo = demo_repo(home)
        app = session_app(repo, DEMO_CIRCLE, DEFAULT_PLAN, clock=repo.clock, demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            lines = banner_lines(app)
            if home != longer:
                assert all(any(str(home) in line for line in lines[at:]) for at in (0, 2))  # whole, twice
                assert " ".join(lines).endswith(f"circle --home {home} watch demo-circle")
            else:  # broken where a line ends, every character kept
                assert str(home) in "".join(lines) and "".join(lines).endswith("watch demo-circle")


async def test_a_circles_own_check_in_has_no_demo_banner(short_home: Path) -> None:
    repo = demo_repo(short_home)
    app = session_app(repo, DEMO_CIRCLE, DEFAULT_PLAN, clock=repo.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#demo-banner")
