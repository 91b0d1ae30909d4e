"""A point and a commitment are told apart by a word, not only by colour: in the note
dialog at 80x24, in the session's summary and in the Markdown export."""

from __future__ import annotations

from session_driver import make_app, start_session
from textual.widgets import Static

from circle.ui.session.note_dialog import NoteDialog
from circle.ui.session.summary import note_lines


async def test_the_note_dialog_says_the_chosen_kind_in_words(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await pilot.press("t")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, NoteDialog)
        words = dialog.query_one("#note-kind-words", Static)
        assert str(words.render()) == "Kept as: Point"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert str(words.render()) == "Kept as: Commitment"
        assert words.region.bottom <= 24  # on screen at 80x24
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert str(words.render()) == "Kept as: Point"


def test_the_summary_labels_each_note() -> None:
    events = [
        {"type": "note", "member": "ana", "data": {"note": "Seating plan", "kind": "point"}},
        {"type": "note", "member": None, "data": {"note": "Ben tries exit tickets", "kind": "commitment"}},
    ]
    assert [line.plain for line in note_lines(events, {"ana": "Ana Ruiz"})] == [
        "Point: Ana Ruiz: Seating plan", "Commitment: Ben tries exit tickets"]
