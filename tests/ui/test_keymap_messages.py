"""With HOME/keymap.toml moving every session key, the session's messages name the moved keys:
the refusals a key press gets, the top line, the turn queue, the prompt card and the stage's
cue; the default keys named by the words are gone, and a refused key moves with its action."""

from __future__ import annotations

from session_driver import make_app, start_session

from circle.domain.session.keys import DEFAULT_KEYS
from circle.ui.key_names import key_names
from circle.ui.session.screen import SessionScreen

# Every session key moved to a key of its own, shown as Textual shows it ("f13").
MOVED = {binding_id: f"f{13 + index}" for index, binding_id in enumerate(DEFAULT_KEYS)}


def write_keymap(repo) -> None:
    lines = [f'"{binding_id}" = "{key}"' for binding_id, key in MOVED.items()]
    (repo.home / "keymap.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def default_keys_named(text: str) -> set[str]:
    tokens = {token.strip("(),;:.") if len(token) > 1 else token for token in text.split()}
    return tokens & set(DEFAULT_KEYS.values())


class Said:
    """Every notice and every line naming keys that the screen showed, in order."""

    def __init__(self, app, monkeypatch) -> None:
        self.lines: list[str] = []
        original = app.notify
        monkeypatch.setattr(app, "notify", lambda message, **kw: (self.lines.append(message), original(message, **kw))[1])

    def read(self, screen) -> None:
        for selector in ("#session-status", "#speaker-name", "#prompt-caption", "#prompt-text"):
            self.lines.append(str(screen.query_one(selector).render()))
        self.lines.append(screen.query_one("#stage-more").text)

    @property
    def last(self) -> str:
        return self.lines[-1]


async def test_the_default_keys_shown_are_the_screens_own(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        names = key_names(screen)
        shown = {binding_id: names[binding_id] for binding_id in DEFAULT_KEYS if binding_id.startswith("session.")}
        assert shown == {k: v for k, v in DEFAULT_KEYS.items() if k.startswith("session.")}
        assert set(shown) == {b.id for b in SessionScreen.BINDINGS if b.id in DEFAULT_KEYS}


async def test_a_round_and_an_open_floor_name_the_moved_keys(repo, circle, clock, monkeypatch) -> None:
    write_keymap(repo)
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        said = Said(app, monkeypatch)
        screen = await start_session(pilot)
        keys = MOVED
        await pilot.press(keys["session.hand"])  # in a round: says why, naming the moved next key
        assert said.last == (f"hands are for open floor, in phase 3 (Open-ended questions); "
                             f"in a round, {keys['session.next']} gives the next speaker")
        told = len(said.lines)
        await pilot.press("h")  # the default key does nothing now
        assert len(said.lines) == told
        await pilot.press(keys["session.pause"])
        said.read(screen)
        assert f"PAUSED ({keys['session.pause']} resumes)" in said.lines[-5]
        await pilot.press(keys["session.pause"])
        while screen.engine.speaker is not None:
            await pilot.press(keys["session.next"])
        said.read(screen)
        assert said.lines[-5].startswith(f"Round complete: {keys['session.next_phase']} goes on to Challenge sharing")
        await pilot.press(keys["session.next"])
        assert said.last == f"the round is complete: {keys['session.next_phase']} goes on to phase 2 (Challenge sharing)"
        await pilot.press(keys["session.next_phase"], keys["session.next_phase"])
        assert screen.engine.phase.turns == "open"
        said.read(screen)
        assert said.lines[-4] == f"open floor: {keys['session.hand']} raises a hand"
        assert said.lines[-2] == f"press {keys['session.draw']} to draw a prompt"
        await pilot.press(keys["session.next"])
        assert said.last == (f"no hand is raised: {keys['session.hand']} raises one, "
                             f"then {keys['session.next']} gives them the floor")
        for line in said.lines:
            assert not default_keys_named(line), line


async def test_a_case_story_names_the_moved_keys(repo, circle, clock, monkeypatch) -> None:
    write_keymap(repo)
    app = make_app(repo, circle, clock, plan="case-story")
    async with app.run_test(size=(80, 24)) as pilot:
        said = Said(app, monkeypatch)
        screen = await start_session(pilot)
        keys = MOVED
        await pilot.press(keys["session.ideas"])  # no case story in this phase
        assert said.last == "phase 1 (Positive opener) has no case story: its ideas show in phase 2 (Case story)"
        await pilot.press(keys["session.next_phase"], keys["session.ideas"])
        assert said.last == (f"no case story drawn yet: {keys['session.draw']} draws one, "
                             f"then {keys['session.ideas']} shows its ideas")
        await pilot.press(keys["session.draw"], keys["session.draw"])
        await pilot.pause()
        said.read(screen)
        assert said.lines[-3].startswith(f"Case story 2  ·  {keys['session.ideas']} shows ideas from mentors  ·  "
                                         f"{keys['session.previous_prompt']} brings back case story 1")
        await pilot.press(keys["session.ideas"])
        await pilot.pause()
        await pilot.pause()
        said.read(screen)
        assert said.last == f"▲ more above: {keys['session.scroll_up']} scrolls"
        await pilot.press(keys["session.scroll_up"])
        await pilot.pause()
        said.read(screen)
        assert said.last == f"▼ more below: {keys['session.scroll_down']} scrolls"
        for line in said.lines:
            assert not default_keys_named(line), line


async def test_the_goals_phase_names_the_moved_keys(repo, circle, clock) -> None:
    write_keymap(repo)
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        keys = MOVED
        for _ in range(3):
            await pilot.press(keys["session.next_phase"])
        assert screen.engine.phase.kind == "goals"
        goal_list = screen.query_one("#session-goal-list")
        await pilot.pause()
        assert goal_list.empty_hint == f"No goals yet: press {keys['session.goals']}, then {keys['goals.add']} to set one."
        assert goal_list.focused_empty_hint == f"No goals yet: press {keys['goals.add']} to set one."


async def test_the_check_in_hints_name_the_moved_keys(repo, circle, clock) -> None:
    lines = ['"checkin.toggle" = "x"', '"checkin.start" = "ctrl+s"', '"checkin.leader" = "f20"']
    (repo.home / "keymap.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = str(app.screen.query_one("#checkin-hint").render())
        assert "x marks present or absent; ^s starts." in hint, hint
        await pilot.press("x")
        await pilot.pause()
        assert "3 of 4 present. x marks" in str(app.screen.query_one("#checkin-hint").render())


async def test_the_check_in_hints_use_words_for_the_usual_keys(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = str(pilot.app.screen.query_one("#checkin-hint").render())
        assert "space marks present or absent; enter starts." in hint, hint
