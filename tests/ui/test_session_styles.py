"""`circle run` starts with the check-in styles only; the session and goals styles join when the
session opens, and the screen is styled exactly as with every stylesheet loaded from the start."""

from __future__ import annotations

from session_driver import make_app

from circle.ui.app import CircleApp
from circle.ui.session.checkin import CheckInScreen
from circle.ui.session.screen import SessionScreen
from circle.live.setup import prepare


def loaded(app: CircleApp) -> set[str]:
    return {path.stem for path in app.css_path}


async def goals_phase_styles(app: CircleApp, pilot) -> dict[str, str]:
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    while screen.engine.phase.kind != "goals":
        await pilot.press("right_square_bracket")
    await pilot.press("g")  # the goal list takes the focus: its focused styles count too
    await pilot.pause()
    return {f"{n}:{w!r}": w.styles.css for n, w in enumerate(screen.walk_children())}


async def test_session_styles_load_when_the_session_opens_and_style_it_the_same(repo, circle, clock) -> None:
    lazy = make_app(repo, circle, clock)
    async with lazy.run_test(size=(100, 40)) as pilot:
        assert isinstance(lazy.screen, CheckInScreen)
        assert loaded(lazy) == {"app", "checkin"}
        got = await goals_phase_styles(lazy, pilot)
        assert loaded(lazy) == {"app", "checkin", "session", "goals"}
        lazy.screen.live.finish()

    setup = prepare(repo, circle["slug"], "community-60")
    eager = CircleApp(repo, start=lambda: CheckInScreen(setup), clock=clock, styles=("checkin", "session", "goals"))
    async with eager.run_test(size=(100, 40)) as pilot:
        expected = await goals_phase_styles(eager, pilot)

    assert got and got == expected
