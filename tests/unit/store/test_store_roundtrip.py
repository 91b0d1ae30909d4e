"""User text comes back exactly as it was given: it is data, never markup or escapes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.domain.clock import ManualClock
from circle.store.atomic_storage import AtomicJSONStorage
from circle.store.errors import ValidationError
from circle.store.repository import Repository

ODD = [
    "Zoë's \"quoted\" 'text'",
    "line one\nline two\r\nline three\ttabbed",
    "[bold]not bold[/bold] [link=x]y[/link] [red]",
    "\x1b[31mred?\x1b[0m \x07 bell \x00 nul \x7f",
    "emoji 😀👩‍🏫👨‍👩‍👧 flags 🇫🇷 skin 👍🏽",
    "right-to-left \u202eevil\u202c שלום مرحبا",
    "back\\slash \\n not a newline {braces} %s $HOME `cmd`",
    "combining e\u0301 vs \u00e9, zero\u200bwidth",
    "lone surrogate \ud800 kept",
    "",
    " leading and trailing spaces ",
]


# Text a terminal would act on: refused where the user types it (see below), kept where
# the domain built the record (goals and events may carry text written by an older version).
CONTROLS = (ODD[3], ODD[5])  # escapes and bells; a right-to-left override
TYPED = [text for text in ODD if text not in CONTROLS]


def test_odd_text_round_trips_everywhere(repo: Repository, circle: str) -> None:
    ada = repo.add_member(circle, "Ada [bold]😀 \"A\"").id
    assert repo.list_members(circle)[0].name == "Ada [bold]😀 \"A\""
    repo.update_circle(circle, description="\n".join(TYPED))
    assert repo.get_circle(circle)["description"] == "\n".join(TYPED)
    norms = [text for text in TYPED if text and "\n" not in text and "\u200b" not in text]
    repo.set_norms(circle, norms)
    assert repo.get_norms(circle) == norms
    repo.set_agreement(circle, {text: text for text in norms})
    assert repo.get_agreement(circle) == {text: text for text in norms}
    for text in ODD:
        goal = repo.add_goal(circle, {"member": ada, "title": text, "history": [{"note": text}]})
        assert repo.list_goals(circle)[-1]["title"] == text
        changed = repo.update_goal(circle, goal["id"], lambda g, t=text: {**g, "measure": t + t})
        assert changed["measure"] == text + text
    sid = repo.create_session(circle, {"notes": ODD})
    for text in ODD:
        repo.append_event(circle, sid, {"type": "note", "data": {"text": text}})
    assert [e["data"]["text"] for e in repo.get_events(circle, sid)] == ODD
    assert repo.get_session(circle, sid)["notes"] == ODD


def test_typed_text_with_controls_is_refused_naming_the_field(repo: Repository, circle: str) -> None:
    before = repo.get_circle(circle), repo.get_norms(circle), repo.get_agreement(circle)
    for text in CONTROLS:
        with pytest.raises(ValidationError, match="the description holds control"):
            repo.update_circle(circle, description=text)
        with pytest.raises(ValidationError, match="the norm holds control"):
            repo.set_norms(circle, ["fine", text])
        with pytest.raises(ValidationError, match="the agreement cancel holds control"):
            repo.set_agreement(circle, {"cancel": text})
        with pytest.raises(ValidationError, match="the member name holds control"):
            repo.add_member(circle, text)
    assert (repo.get_circle(circle), repo.get_norms(circle), repo.get_agreement(circle)) == before


def test_names_with_markup_and_emoji_are_kept_exactly(repo: Repository) -> None:
    name = "[b]Circle[/b] 👩‍🏫 \"Ms. O'Neil\""
    made = repo.create_circle(name)
    assert made["name"] == name
    assert repo.get_circle(name) == made
    assert repo.list_circles()[0]["name"] == name


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(codec=None)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_values)
def test_any_json_value_round_trips_through_the_storage(tmp_path: Path, value: object) -> None:
    storage = AtomicJSONStorage(tmp_path / "v.json")
    storage.write({"t": {"1": {"v": value}}})
    assert storage.read() == {"t": {"1": {"v": value}}}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1))
def test_any_event_text_round_trips(tmp_path: Path, text: str) -> None:
    repo = Repository(tmp_path / "home", "ana", clock=ManualClock(), rng=random.Random(1))
    circle = repo.list_circles()[0]["slug"] if repo.list_circles() else repo.create_circle("c")["slug"]
    sid = repo.create_session(circle, {})
    repo.append_event(circle, sid, {"type": "note", "data": {"text": text}})
    assert repo.get_events(circle, sid)[-1]["data"]["text"] == text
