"""Who may do what on a school server, through the repository: each rule allowed and refused.

Maths: ana (mentor: a facilitator) and ben (mentee). Science: cy (mentor).
adm is an admin in neither circle; eve is not a registered teacher.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from circle.domain.server.access import AccessDenied, Action, NoSuchCircle
from circle.domain.clock import ManualClock
from circle.domain.server.ssh_keys import parse_public_key
from circle.store.repository import Repository
from circle.store.teachers import TeacherRegistry

from store.disk import snapshot  # tests/unit is on the path: its store tests are a package
from .keys import key_text


class School:
    def __init__(self, home: Path, keys: Path) -> None:
        self.home = home
        setup = self.repo("setup")  # no teachers yet: a laptop, where anyone may do anything
        self.maths = setup.create_circle("Maths", norms=["Start on time"])["slug"]
        self.science = setup.create_circle("Science")["slug"]
        self.ana = setup.add_member(self.maths, "Ana", role="mentor", username="ana").id
        self.ben = setup.add_member(self.maths, "Ben", role="mentee", username="ben").id
        setup.add_member(self.science, "Cy", role="mentor", username="cy")
        setup.set_agreement(self.maths, {"place": "Room 4"})
        self.ana_goal = setup.add_goal(self.maths, {"member": self.ana, "title": "Ask open questions"})["id"]
        self.ben_goal = setup.add_goal(self.maths, {"member": self.ben, "title": "Wait 5 s"})["id"]
        self.session = setup.create_session(self.maths, {"plan": "community-60"})
        setup.update_session(self.maths, self.session, ended="2026-01-01T10:00:00")
        registry = TeacherRegistry(home, keys, lambda name: f"/usr/bin/circle shell {name}")
        for seed, name in enumerate(("ana", "ben", "cy", "adm")):
            registry.add(name, [parse_public_key(key_text(seed), name)], admin=name == "adm")

    def repo(self, actor: str) -> Repository:
        return Repository(self.home, actor, clock=ManualClock(), rng=random.Random(3))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("school")
    School(folder / "home", folder / "authorized_keys")
    return folder


@pytest.fixture
def school(built: Path, tmp_path: Path) -> School:
    """A fresh copy of the built school for each test (building it costs more than copying)."""
    import shutil

    shutil.copytree(built, tmp_path / "s")
    school = School.__new__(School)
    school.home = tmp_path / "s" / "home"
    setup_view = Repository(school.home, "adm")
    circles = {c["name"]: c["slug"] for c in setup_view.list_circles()}
    school.maths, school.science = circles["Maths"], circles["Science"]
    members = {m.username: m.id for m in setup_view.list_members(school.maths)}
    school.ana, school.ben = members["ana"], members["ben"]
    reader = Repository(school.home, "ana")
    goals = {g["member"]: g["id"] for g in reader.list_goals(school.maths)}
    school.ana_goal, school.ben_goal = goals[school.ana], goals[school.ben]
    school.session = reader.latest_session_id(school.maths)
    return school


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(AccessDenied) as error:
        call(*args, **kwargs)
    message = str(error.value)
    assert message.startswith("refused: ") and "\n" not in message
    return message


def hidden(call, circle, *args, **kwargs) -> str:
    """A circle the teacher is not in: refused as if it were not there, naming it as asked."""
    with pytest.raises(NoSuchCircle) as error:
        call(circle, *args, **kwargs)
    assert str(error.value) == f"there is no circle named {circle!r} that you can open"
    return str(error.value)


def progress(goal: dict) -> dict:
    return {**goal, "progress": 50}


# -- seeing circles ----------------------------------------------------------------


def test_each_teacher_lists_only_their_circles_and_an_admin_lists_all(school: School) -> None:
    names = lambda actor: [c["name"] for c in school.repo(actor).list_circles()]  # noqa: E731
    assert names("ana") == ["Maths"] and names("ben") == ["Maths"] and names("cy") == ["Science"]
    assert names("adm") == ["Maths", "Science"]


def test_someone_who_is_not_a_teacher_is_refused_everything(school: School) -> None:
    eve = school.repo("eve")
    assert "eve is not a teacher on this server" in refused(eve.list_circles)
    refused(eve.get_circle, school.maths)
    refused(eve.list_goals, school.maths)


def test_a_teacher_opens_only_circles_they_are_in(school: School) -> None:
    assert school.repo("ana").get_circle(school.maths)["name"] == "Maths"
    assert school.repo("ana").get_circle("Maths")["slug"] == school.maths  # by name too
    hidden(school.repo("ana").get_circle, school.science)
    hidden(school.repo("ana").get_circle, "Science")
    hidden(school.repo("cy").list_members, school.maths)


def test_a_removed_member_loses_access(school: School) -> None:
    school.repo("adm").remove_member(school.maths, school.ben)
    hidden(school.repo("ben").get_norms, school.maths)
    assert school.repo("ben").list_circles() == []


# -- reading a circle's content -------------------------------------------------------


READS = [
    ("get_norms", ()), ("get_agreement", ()), ("list_goals", ()), ("list_sessions", ()),
    ("session_ids", ()), ("latest_session_id", ()), ("recent_sessions", ()),
    ("circle_with_roster", ()),
]  # fmt: skip


@pytest.mark.parametrize("method, args", READS)
def test_members_read_their_circles_content(school: School, method: str, args: tuple) -> None:
    for actor in ("ana", "ben"):
        getattr(school.repo(actor), method)(school.maths, *args)


@pytest.mark.parametrize("method, args", READS)
def test_others_and_admins_do_not_read_a_circles_content(school: School, method: str, args: tuple) -> None:
    message = refused(getattr(school.repo("adm"), method), school.maths, *args)
    assert "adm may not read the norms, agreement, history and goals of 'Maths'" in message
    hidden(getattr(school.repo("cy"), method), school.maths, *args)


def test_session_records_and_logs_are_for_members_only(school: School) -> None:
    assert school.repo("ben").get_session(school.maths, school.session)["id"] == school.session
    assert school.repo("ben").get_events(school.maths, school.session) == []
    refused(school.repo("adm").get_session, school.maths, school.session)
    refused(school.repo("adm").get_events, school.maths, school.session)
    hidden(school.repo("cy").get_session, school.maths, school.session)
    hidden(school.repo("cy").get_events, school.maths, school.session)


def test_an_admin_sees_the_roster_of_a_circle_they_are_not_in(school: School) -> None:
    adm = school.repo("adm")
    assert [m.name for m in adm.list_members(school.maths)] == ["Ana", "Ben"]
    assert adm.get_circle(school.maths)["name"] == "Maths"


# -- goals ------------------------------------------------------------------------------


def test_a_member_changes_their_own_goals(school: School) -> None:
    ben = school.repo("ben")
    changed = ben.update_goal(school.maths, school.ben_goal, progress)
    assert changed["progress"] == 50 and changed["updated_by"] == "ben"
    added = ben.add_goal(school.maths, {"member": school.ben, "title": "Cold-call less"})
    assert added["created_by"] == "ben"


def test_a_member_does_not_change_another_members_goals(school: School) -> None:
    ben = school.repo("ben")
    before = snapshot(school.home)
    assert "ben may not change another member's goals in 'Maths'" in refused(
        ben.update_goal, school.maths, school.ana_goal, progress)  # fmt: skip
    refused(ben.add_goal, school.maths, {"member": school.ana, "title": "x"})
    # Nor hand their own goal over to someone else.
    refused(ben.update_goal, school.maths, school.ben_goal, lambda g: {**g, "member": school.ana})
    assert snapshot(school.home) == before


def test_a_facilitator_changes_a_members_goals_only_while_a_session_runs(school: School) -> None:
    ana = school.repo("ana")
    message = refused(ana.update_goal, school.maths, school.ben_goal, progress)
    assert "only its facilitators during a session may" in message
    ana.create_session(school.maths, {"plan": "community-60"})
    assert ana.update_goal(school.maths, school.ben_goal, progress)["updated_by"] == "ana"
    assert ana.add_goal(school.maths, {"member": school.ben, "title": "Plan the week"})["created_by"] == "ana"


def test_an_admin_and_other_teachers_change_no_goals(school: School) -> None:
    school.repo("ana").create_session(school.maths, {"plan": "community-60"})  # even while one runs
    refused(school.repo("adm").update_goal, school.maths, school.ben_goal, progress)
    refused(school.repo("adm").add_goal, school.maths, {"member": school.ben, "title": "x"})
    hidden(school.repo("cy").update_goal, school.maths, school.ben_goal, progress)
    hidden(school.repo("cy").add_goal, school.maths, {"member": school.ben, "title": "x"})


# -- sessions -----------------------------------------------------------------------------


def test_a_facilitator_runs_sessions(school: School) -> None:
    ana = school.repo("ana")
    session = ana.create_session(school.maths, {"plan": "community-60"})
    ana.append_event(school.maths, session, {"type": "start"})
    assert ana.update_session(school.maths, session, ended="x")["updated_by"] == "ana"


@pytest.mark.parametrize("actor", ["ben", "cy", "adm"])
def test_others_do_not_run_sessions(school: School, actor: str) -> None:
    repo = school.repo(actor)
    denied = hidden if actor == "cy" else refused
    before = snapshot(school.home)
    message = denied(repo.create_session, school.maths, {"plan": "community-60"})
    assert actor == "cy" or "only its facilitators (its mentors, unless it names its own) may" in message
    denied(repo.append_event, school.maths, school.session, {"type": "note"})
    denied(repo.update_session, school.maths, school.session, ended="x")
    assert snapshot(school.home) == before


def test_a_circle_can_name_its_own_facilitators(school: School) -> None:
    school.repo("ana").set_facilitators(school.maths, ["ben"])
    assert school.repo("ben").get_facilitators(school.maths) == ["ben"]
    school.repo("ben").create_session(school.maths, {"plan": "community-60"})
    refused(school.repo("ana").create_session, school.maths, {"plan": "community-60"})
    refused(school.repo("ana").set_facilitators, school.maths, ["ana"])
    school.repo("ben").set_facilitators(school.maths, [])  # back to its mentors
    school.repo("ana").create_session(school.maths, {"plan": "community-60"})


# -- editing the circle ----------------------------------------------------------------------


def test_a_facilitator_edits_norms_agreement_and_members(school: School) -> None:
    ana = school.repo("ana")
    ana.set_norms(school.maths, ["Phones away"])
    ana.set_agreement(school.maths, {"place": "Library"})
    new = ana.add_member(school.maths, "Dee", username="dee")
    ana.update_member(school.maths, new.id, role="mentee")
    ana.remove_member(school.maths, new.id)
    assert ana.update_circle(school.maths, description="Year 7")["updated_by"] == "ana"
    assert ana.get_norms(school.maths) == ["Phones away"]


@pytest.mark.parametrize("actor", ["ben", "adm", "cy"])
def test_others_do_not_edit_norms_or_agreement(school: School, actor: str) -> None:
    repo = school.repo(actor)
    denied = hidden if actor == "cy" else refused
    before = snapshot(school.home)
    denied(repo.set_norms, school.maths, ["x"])
    denied(repo.set_agreement, school.maths, {"place": "x"})
    denied(repo.set_facilitators, school.maths, [actor])
    assert snapshot(school.home) == before


@pytest.mark.parametrize("actor", ["ben", "cy"])
def test_members_and_outsiders_do_not_manage_members(school: School, actor: str) -> None:
    repo = school.repo(actor)
    denied = hidden if actor == "cy" else refused
    before = snapshot(school.home)
    message = denied(repo.add_member, school.maths, "Dee")
    assert actor == "cy" or "only its facilitators and admins may" in message
    denied(repo.update_member, school.maths, school.ben, role="mentor")  # a mentee making themselves mentor
    denied(repo.remove_member, school.maths, school.ana)
    denied(repo.update_circle, school.maths, name="Mine")
    denied(repo.add_members, school.maths, [{"name": "Dee"}])
    assert snapshot(school.home) == before


# -- admins ------------------------------------------------------------------------------------


def test_an_admin_creates_circles_and_manages_members(school: School) -> None:
    adm = school.repo("adm")
    circle = adm.create_circle("History", norms=["Listen"])
    assert circle["created_by"] == "adm"
    member = adm.add_member(circle["slug"], "Dee", role="mentor", username="dee")
    adm.update_member(school.maths, school.ben, experience="new")
    adm.update_circle(school.maths, description="Year 8")
    adm.remove_member(circle["slug"], member.id)
    adm.require(Action.CHECK)


def test_an_admin_cannot_join_a_circle_on_their_own(school: School) -> None:
    adm = school.repo("adm")
    assert "adm may not add themselves to 'Maths'" in refused(adm.add_member, school.maths, "Adm", username="adm")
    refused(adm.update_member, school.maths, school.ben, username="adm")
    # A facilitator may add them: then the circle sees who is in it.
    school.repo("ana").add_member(school.maths, "Adm", username="adm")
    assert school.repo("adm").get_norms(school.maths) == ["Start on time"]


def test_only_admins_create_circles_and_check(school: School) -> None:
    assert "ana may not create a circle: only admins may" in refused(school.repo("ana").create_circle, "Mine")
    assert "only admins may" in refused(school.repo("ana").require, Action.CHECK)


def test_on_a_laptop_with_no_teachers_everything_is_allowed(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "home", "anyone", clock=ManualClock())
    slug = repo.create_circle("Maths")["slug"]
    member = repo.add_member(slug, "Ana")
    repo.set_norms(slug, ["x"])
    goal = repo.add_goal(slug, {"member": member.id, "title": "x"})
    repo.update_goal(slug, goal["id"], progress)
    repo.create_session(slug, {"plan": "community-60"})
    repo.require(Action.CHECK)
    assert repo.server_actor() is None


def test_an_admins_home_screen_and_circle_list_show_rosters_not_content(school: School, capsys) -> None:
    import json
    from datetime import date

    from circle.cli import main
    from circle.ui.home.overview import home_cards

    cards, _ = home_cards(school.repo("adm"), "adm", date(2026, 1, 5))
    maths = next(card for card in cards if card.name == "Maths")
    assert maths.private and not maths.problem and [m.name for m in maths.members] == ["Ana", "Ben"]
    assert maths.last_session is None and maths.agreement_note == ""
    assert main(["--home", str(school.home), "--actor", "adm", "circles", "--json"]) == 0
    listed = {c["name"]: c for c in json.loads(capsys.readouterr().out)}
    assert listed["Maths"]["members"] == 2 and listed["Maths"]["last_session"] is None
    assert main(["--home", str(school.home), "--actor", "adm", "circles"]) == 0
    assert "Maths (maths): 2 members, its sessions are its members' only" in capsys.readouterr().out
    assert main(["--home", str(school.home), "--actor", "ana", "circles", "--json"]) == 0
    assert [c["name"] for c in json.loads(capsys.readouterr().out)] == ["Maths"]
    assert main(["--home", str(school.home), "--actor", "ana", "export", "--circle", "Science"]) == 3
    assert capsys.readouterr().err == "circle: there is no circle named 'Science' that you can open\n"
    assert main(["--home", str(school.home), "--actor", "ana", "check"]) == 3
    assert main(["--home", str(school.home), "--actor", "adm", "check"]) == 0


def test_run_is_refused_before_the_screen_opens_for_a_member_who_does_not_facilitate(school: School, capsys) -> None:
    from circle.cli import main

    assert main(["--home", str(school.home), "--actor", "ben", "run", "Maths"]) == 3
    assert "ben may not run a session of 'Maths'" in capsys.readouterr().err


def test_a_damaged_circle_file_is_left_out_of_a_teachers_list_and_reported_to_an_admin(school: School) -> None:
    from circle.store.errors import CorruptFileError

    (school.home / "circles" / school.science / "circle.json").write_text("{not json")
    assert [c["name"] for c in school.repo("ana").list_circles()] == ["Maths"]
    with pytest.raises(CorruptFileError, match="science"):
        school.repo("adm").list_circles()


def test_facilitators_are_named_from_the_command_line_by_a_facilitator_only(school: School, capsys) -> None:
    from circle.cli import main

    home = ["--home", str(school.home)]
    assert main([*home, "--actor", "ben", "circles", "facilitators", "Maths"]) == 0
    assert capsys.readouterr().out == "Maths is facilitated by its mentors.\n"
    assert main([*home, "--actor", "ben", "circles", "facilitators", "Maths", "ben"]) == 3
    assert "ben may not edit the norms, agreement and facilitators of 'Maths'" in capsys.readouterr().err
    assert main([*home, "--actor", "ana", "circles", "facilitators", "Maths", "cy"]) == 1
    assert "'cy' is not the username of an active member" in capsys.readouterr().err
    assert main([*home, "--actor", "ana", "circles", "facilitators", "Maths", "ana", "ben"]) == 0
    assert capsys.readouterr().out == "Maths is facilitated by ana, ben.\n"
    assert main([*home, "--actor", "ben", "circles", "facilitators", "Maths", "--mentors"]) == 0
    assert capsys.readouterr().out == "Maths is facilitated by its mentors.\n"
