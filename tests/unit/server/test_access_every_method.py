"""Every public method of the Repository, found by introspection, asked by each kind of teacher.

Each method declares what it needs (circle.store.needs); this test asks it, in the school of
school.py, as ana (a facilitator of Maths), ben (a mentee), cy (a teacher not in Maths), adm
(an admin not in Maths) and eve (not a registered teacher), and expects the declared rule's
answer: allowed, or AccessDenied with nothing on disk changed. A public method with no
declaration, or with no example call here, fails by name.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from circle.domain.server.access import AccessDenied, Action, Actor, CircleFacts, NoSuchCircle, allowed
from circle.store.needs import Needs, declared
from circle.store.repository import Repository

from store.disk import snapshot  # tests/unit is on the path: its store tests are a package
from .school import School, build_school, copy_school

ACTORS = {
    "ana": Actor("ana", teacher=True),
    "ben": Actor("ben", teacher=True),
    "cy": Actor("cy", teacher=True),
    "adm": Actor("adm", teacher=True, admin=True),
    "eve": Actor("eve", teacher=False),
}
IN_MATHS = {  # what each actor is in Maths, the circle every example call names
    "ana": CircleFacts("Maths", member=True, facilitator=True),
    "ben": CircleFacts("Maths", member=True),
}


def public_methods() -> list[str]:
    """Every callable attribute of the Repository not starting with _, from every class it is made of."""
    names = {
        name
        for cls in Repository.__mro__
        if cls is not object
        for name in vars(cls)
        if not name.startswith("_") and callable(getattr(Repository, name))
    }
    return sorted(names)


@dataclass(frozen=True)
class Call:
    args: Callable[[School], tuple[Any, ...]]
    kwargs: dict[str, Any] = field(default_factory=dict)
    # Who gets no refusal, for a method whose rule depends on its arguments or that answers
    # the access question itself; any other method's answer comes from what it declared.
    who: frozenset[str] | None = None


def maths(*more: Any) -> Callable[[School], tuple[Any, ...]]:
    return lambda s: (s.maths, *more)


def progress(goal: dict) -> dict:
    return {**goal, "progress": 50}


def close(old: dict, successor: str) -> dict:
    return {**old, "status": "reworked", "successor": successor}


EVERYONE = frozenset(ACTORS)
MEMBERS = frozenset({"ana", "ben"})
MANAGERS = frozenset({"ana", "adm"})  # its facilitators and admins: adding or changing others
CALLS: dict[str, Call] = {
    "add_goal": Call(lambda s: (s.maths, {"member": s.ben, "title": "Cold-call less"}), who=frozenset({"ben"})),
    "add_member": Call(maths("Dee"), {"username": "dee"}, who=MANAGERS),
    "add_members": Call(maths([{"name": "Dee", "username": "dee"}, {"name": "Eli"}]), who=MANAGERS),
    "append_event": Call(lambda s: (s.maths, s.session, {"type": "note"})),
    "circle_file": Call(maths()),
    "circle_figures": Call(maths()),
    "circle_rosters": Call(lambda s: ()),
    "circle_with_roster": Call(maths()),
    "circle_year": Call(maths()),
    "create_circle": Call(lambda s: ("History",)),
    "create_session": Call(maths({"plan": "community-60"})),
    "get_agreement": Call(maths()),
    "get_circle": Call(maths()),
    "get_events": Call(lambda s: (s.maths, s.session)),
    "get_facilitators": Call(maths()),
    "get_norms": Call(maths()),
    "get_session": Call(lambda s: (s.maths, s.session)),
    "latest_session_id": Call(maths()),
    "list_circles": Call(lambda s: ()),
    "list_goals": Call(maths()),
    "list_members": Call(maths()),
    "list_sessions": Call(maths()),
    "may": Call(lambda s: (Action.READ, s.maths), who=EVERYONE),  # answers; never refuses
    "may_list": Call(maths(), who=EVERYONE),
    "now": Call(lambda s: ()),
    "readable_circles": Call(lambda s: ()),
    "recent_sessions": Call(maths()),
    "remove_member": Call(lambda s: (s.maths, s.ben)),
    "require": Call(lambda s: (Action.READ, s.maths), who=MEMBERS),  # its answer is the rule's
    "rework_goal": Call(lambda s: (s.maths, s.ben_goal, {"member": s.ben, "title": "Wait 3 s"}, close),
                        who=frozenset({"ben"})),  # fmt: skip
    "server_actor": Call(lambda s: ()),
    "session_file": Call(lambda s: (s.maths, s.session)),
    "session_ids": Call(maths()),
    "session_records": Call(maths()),
    "sessions_dir": Call(maths()),
    "set_agreement": Call(maths({"place": "Library"})),
    "set_facilitators": Call(maths(["ana", "ben"])),
    "set_norms": Call(maths(["Phones away"])),
    "slug_of": Call(maths()),
    "update_circle": Call(maths(), {"description": "Year 8"}),
    "update_goal": Call(lambda s: (s.maths, s.ben_goal, progress), who=frozenset({"ben"})),
    "update_member": Call(lambda s: (s.maths, s.ben), {"experience": "new"}, who=MANAGERS),
    "update_session": Call(lambda s: (s.maths, s.session), {"summary": "Good"}),
}


def expected_allowed(wanted: Needs, call: Call, actor: str) -> bool:
    if call.who is not None:
        return actor in call.who
    assert wanted.rule is None, "a method with a rule on its arguments needs `who` in its example call"
    if wanted.nothing:
        return True
    if wanted.teacher:
        return ACTORS[actor].teacher
    assert wanted.action is not None
    facts = IN_MATHS.get(actor, CircleFacts("Maths")) if wanted.takes_circle else None
    return allowed(wanted.action, ACTORS[actor], facts)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_school(tmp_path_factory.mktemp("school"))


@pytest.fixture
def school(built: Path, tmp_path: Path) -> School:
    return copy_school(built, tmp_path / "s")


def test_every_public_method_declares_what_it_needs() -> None:
    undeclared = [name for name in public_methods() if declared(getattr(Repository, name)) is None]
    assert undeclared == [], f"public Repository methods that declare no access (circle.store.needs): {undeclared}"


def test_every_public_method_has_an_example_call_here() -> None:
    missing = sorted(set(public_methods()) - set(CALLS))
    assert missing == [], f"public Repository methods with no example call in CALLS: {missing}"
    assert sorted(set(CALLS) - set(public_methods())) == []


def ask(school: School, actor: str, method: str, *, circle: Any = None) -> Any:
    call = CALLS[method]
    args = call.args(school)
    if circle is not None:
        args = (circle, *args[1:])
    return getattr(school.repo(actor), method)(*args, **call.kwargs)


@pytest.mark.parametrize("actor", sorted(ACTORS))
@pytest.mark.parametrize("method", public_methods())
def test_each_method_answers_as_it_declared(school: School, method: str, actor: str) -> None:
    wanted = declared(getattr(Repository, method))
    assert wanted is not None, f"Repository.{method} declares no access"
    assert method in CALLS, f"Repository.{method} has no example call in CALLS"
    before = snapshot(school.home)
    if expected_allowed(wanted, CALLS[method], actor):
        ask(school, actor, method)
        return
    with pytest.raises(AccessDenied):
        ask(school, actor, method)
    assert snapshot(school.home) == before, f"{actor} was refused {method}, but the data home changed"


@pytest.mark.parametrize("method", public_methods())
def test_on_a_laptop_every_method_is_allowed_at_the_cost_of_one_stat(
    school: School, method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import circle.store.access as access

    (school.home / "teachers.json").unlink()
    looks: list[Path] = []
    real_stamp = access._stamp
    monkeypatch.setattr(access, "_stamp", lambda path: looks.append(path) or real_stamp(path))
    ask(school, "cy", method)
    assert len(looks) <= 1 and all(path.name == "teachers.json" for path in looks)


def first_argument(method: str) -> str | None:
    return next(iter(list(inspect.signature(getattr(Repository, method)).parameters)[1:]), None)


CIRCLE_METHODS = [m for m in public_methods() if first_argument(m) == "circle"]


@pytest.mark.parametrize("method", CIRCLE_METHODS)
def test_a_circle_a_teacher_is_not_in_is_refused_as_one_that_is_not_there(school: School, method: str) -> None:
    """By its folder name or its name, to a teacher in another circle or in none: the answer
    for a circle that does not exist, naming the circle as it was asked for."""
    before = snapshot(school.home)
    cases = [("cy", school.maths, "nowhere"), ("cy", "Maths", "Nowhere"),  # cy is in Science only
             ("ben", school.science, "nowhere"), ("ben", "Science", "Nowhere")]  # fmt: skip
    for actor, asked, missing in cases:
        with pytest.raises(NoSuchCircle) as there:
            ask(school, actor, method, circle=asked)
        with pytest.raises(NoSuchCircle) as not_there:
            ask(school, actor, method, circle=missing)
        assert str(there.value) == f"there is no circle named {asked!r} that you can open"
        assert str(not_there.value) == str(there.value).replace(repr(asked), repr(missing))
        assert there.value.exit_code == not_there.value.exit_code
    assert snapshot(school.home) == before


def test_the_access_check_itself_answers_alike_for_a_circle_not_there(school: School) -> None:
    ben = school.repo("ben")
    for action in Action:
        with pytest.raises(NoSuchCircle) as there:
            ben.require(action, "Science")
        with pytest.raises(NoSuchCircle) as not_there:
            ben.require(action, "Nowhere")
        assert str(not_there.value) == str(there.value).replace("Science", "Nowhere")
        assert not ben.may(action, "Science") and not ben.may(action, "Nowhere")
