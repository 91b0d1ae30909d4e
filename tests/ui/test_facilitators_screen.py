"""Who facilitates a circle, seen and changed from the circle screen; refused on a server for a plain member."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widget import Widget
from textual.widgets import OptionList

from circle.store.repository import Repository
from circle.ui.app import CircleApp
from circle.ui.home.circle_screen import CircleScreen
from circle.ui.home.facilitators import FacilitatorsForm
from home_sample import clock, sample_repo
from test_home import SIZES, _snap, circle_app, option_texts, settle, text_of
from test_server_access import notices, serve

YEAR7 = "year-7-team"  # Ana Lopez (mentor, alopez), Ben Okafor (mentee, bokafor), Chloé (no login), Dev Patel (dpatel)


def server_app(home: Path, actor: str) -> CircleApp:
    return circle_app(Repository(home, actor, clock=clock()), CircleScreen(YEAR7))


async def open_form(pilot) -> FacilitatorsForm:
    await pilot.press("f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FacilitatorsForm)
    return pilot.app.screen


async def tick(pilot, *names: str) -> None:
    """Tick (or untick) members by name: highlight each, then space."""
    listing = pilot.app.screen.query_one("#facilitator-list", OptionList)
    for name in names:
        labels = option_texts(pilot.app, "#facilitator-list")
        listing.highlighted = next(i for i, label in enumerate(labels) if name in label)
        await pilot.press("space")
    await pilot.pause()


async def test_the_circle_shows_its_mentors_until_it_names_its_own(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: its mentors (Ana Lopez)  (f)"
        repo.set_facilitators(YEAR7, ["dpatel", "bokafor"])
        app.screen.reload()
        await pilot.pause()
        assert text_of(app, "#circle-facilitators") == "Facilitators: Dev Patel, Ben Okafor  (f)"


async def test_facilitators_are_ticked_from_the_members_and_saved(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        labels = option_texts(app, "#facilitator-list")
        assert labels == [
            "[ ] Ana Lopez  mentor", "[ ] Ben Okafor  mentee",
            "[ ] Chloé [bold]Martin[/bold]  peer, no login name", "[ ] Dev Patel  peer",
        ]  # fmt: skip
        listing = app.screen.query_one("#facilitator-list", OptionList)
        assert listing.get_option_at_index(2).disabled  # a member without a login cannot facilitate
        assert text_of(app, "#facilitators-after") == "None ticked: its mentors facilitate."
        await tick(pilot, "Dev Patel", "Ben Okafor")
        assert text_of(app, "#facilitators-after") == "2 ticked: they facilitate, not its mentors."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen)
        assert text_of(app, "#circle-facilitators") == "Facilitators: Ben Okafor, Dev Patel  (f)"
    assert repo.get_facilitators(YEAR7) == ["bokafor", "dpatel"]  # in roster order


async def test_escape_leaves_the_facilitators_as_they_were(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        await tick(pilot, "Dev Patel")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen)
    assert repo.get_facilitators(YEAR7) == []


async def test_m_gives_the_circle_back_to_its_mentors(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    repo.set_facilitators(YEAR7, ["dpatel"])
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        assert "[✓] Dev Patel  peer" in option_texts(app, "#facilitator-list")
        await pilot.press("m")
        await pilot.pause()
        assert all(label.startswith("[ ]") for label in option_texts(app, "#facilitator-list"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: its mentors (Ana Lopez)  (f)"
    assert repo.get_facilitators(YEAR7) == []


async def test_a_named_login_no_longer_in_the_circle_is_shown_as_such(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    repo.set_facilitators(YEAR7, ["dpatel"])
    dev = next(m for m in repo.list_members(YEAR7) if m.username == "dpatel")
    repo.remove_member(YEAR7, dev.id)
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: dpatel (not a member now)  (f)"


# -- on a school server: alopez (mentor), bokafor (mentee), it (admin, in no circle) ----------


async def test_a_member_who_does_not_facilitate_sees_who_does_and_is_refused_a_change(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = server_app(home, "bokafor")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: its mentors (Ana Lopez)"  # no (f)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen)  # no form to tick anyone in
        [notice] = notices(app)
        assert notice.startswith("Cannot change the facilitators: refused: bokafor may not edit") and "\n" not in notice
    assert Repository(home, "alopez").get_facilitators(YEAR7) == []


async def test_an_admin_outside_the_circle_sees_its_facilitators_but_cannot_name_them(tmp_path: Path) -> None:
    app = server_app(serve(tmp_path), "it")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: its mentors (Ana Lopez)"
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen)
        assert [n.split(": refused: ")[0] for n in notices(app)] == ["Cannot change the facilitators"]


async def test_a_facilitator_who_names_another_no_longer_may_change_it(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = server_app(home, "alopez")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        await tick(pilot, "Dev Patel")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#circle-facilitators") == "Facilitators: Dev Patel"  # and no (f) for Ana now
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen) and "refused: alopez" in notices(app)[-1]
    assert Repository(home, "it").get_facilitators(YEAR7) == ["dpatel"]


async def test_a_save_refused_after_the_form_opened_is_told_in_the_form(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = server_app(home, "alopez")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_form(pilot)
        Repository(home, "alopez").set_facilitators(YEAR7, ["dpatel"])  # from another terminal
        await tick(pilot, "Ben Okafor")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorsForm)  # open, nothing lost
        assert text_of(app, "#form-error").startswith("refused: alopez may not edit")
    assert Repository(home, "it").get_facilitators(YEAR7) == ["dpatel"]


# -- 80x24 ----------------------------------------------------------------------------------


def assert_whole(widget: Widget, screen_size: tuple[int, int]) -> None:
    """The widget is drawn inside the screen and needs no scrolling to be read."""
    width, height = screen_size
    region = widget.region
    assert region.width > 0 and region.height > 0, widget
    assert region.right <= width and region.bottom <= height, (widget, region)


async def test_the_line_and_the_form_fit_80x24_with_a_long_roster(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    for n in range(10):
        repo.add_member(YEAR7, f"Teacher {n} Withaveryveryverylongsurname", username=f"t{n}")
    repo.set_facilitators(YEAR7, [f"t{n}" for n in range(6)])
    app = circle_app(repo, CircleScreen(YEAR7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.screen.query_one("#circle-facilitators")
        assert_whole(line, (80, 24))
        shown = Text(text_of(app, "#circle-facilitators")).wrap(app.console, line.content_region.width)
        assert line.content_region.height == len(shown)  # every wrapped line of the names is on screen
        await open_form(pilot)
        form = app.screen.query_one(".home-form")
        assert form.max_scroll_y == 0  # title, list, what saving gives, hint and buttons all in view
        for part in form.children:
            assert_whole(part, (80, 24))
        listing = app.screen.query_one("#facilitator-list", OptionList)
        assert listing.max_scroll_x == 0  # a long label wraps: none runs off the side
        assert listing.max_scroll_y > 0  # the long roster scrolls inside the list instead


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_facilitators_form(snap_compare, tmp_path: Path, size) -> None:
    repo = sample_repo(tmp_path / "home")
    repo.set_facilitators(YEAR7, ["alopez", "dpatel"])
    _snap(snap_compare, circle_app(repo, CircleScreen(YEAR7)), size, keys=["f"])
