"""Who may do what on a school server, through the repository: each rule allowed and refused.

Maths: ana (mentor: a facilitator) and ben (mentee). Science: cy (mentor).
adm is an admin in neither circle; eve is not a registered teacher.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.server.access import AccessDenied, Action, NoSuchCircle
from circle.domain.clock import ManualClock
from circle.store.repository import Repository

from store.disk import snapshot  # tests/unit is on the path: its store tests are a package
from .school import School, build_school, copy_school


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_school(tmp_path_factory.mktemp("school"))


@pytest.fixture
def school(built: Path, tmp_path: Path) -> School:
    return copy_school(built, tmp_path / "s")


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


def test_no_path_lets_an_admin_make_themselves_a_member_or_a_facilitator(school: School) -> None:
    adm = school.repo("adm")
    before = snapshot(school.home)
    refused(adm.add_member, school.maths, "Adm", role="mentor", username=" adm ")
    message = refused(adm.add_members, school.maths, [{"name": "Dee"}, {"name": "Adm", "username": "adm"}])
    assert "adm may not add themselves to 'Maths'" in message
    refused(adm.update_member, school.maths, school.ben, username="adm")
    refused(adm.set_facilitators, school.maths, ["adm"])
    assert snapshot(school.home) == before
    adm.update_circle(school.maths, name="Maths 2")  # renaming changes nobody's standing
    refused(adm.get_norms, school.maths)


def test_an_admin_who_is_a_member_does_not_change_their_own_record(school: School) -> None:
    ana, adm = school.repo("ana"), school.repo("adm")
    mine = ana.add_member(school.maths, "Adm", role="mentee", username="adm").id
    assert adm.get_norms(school.maths) == ["Start on time"]
    before = snapshot(school.home)
    refused(adm.update_member, school.maths, mine, role="mentor")  # they would facilitate
    assert snapshot(school.home) == before
    adm.update_member(school.maths, school.ben, experience="new")  # another member's record: theirs to manage
    ana.remove_member(school.maths, mine)
    before = snapshot(school.home)
    refused(adm.update_member, school.maths, mine, active=True)  # nor come back once removed
    assert snapshot(school.home) == before
    refused(adm.get_norms, school.maths)


def test_an_admin_importing_a_roster_that_names_them_imports_nothing(school: School, tmp_path: Path, capsys) -> None:
    from circle.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("name,role,username\nDee,mentee,dee\nAdm,mentor,adm\n", encoding="utf-8")
    home = ["--home", str(school.home)]
    before = snapshot(school.home)
    assert main([*home, "--actor", "adm", "import", str(roster), "--circle", "Maths"]) == 3
    assert "adm may not add themselves to 'Maths'" in capsys.readouterr().err
    assert main([*home, "--actor", "ben", "import", str(roster), "--circle", "Maths"]) == 3  # a mentee
    assert "ben may not add, change or remove members of 'Maths'" in capsys.readouterr().err
    assert snapshot(school.home) == before
    refused(school.repo("adm").list_goals, school.maths)


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


ASKING_FOR_A_CIRCLE = [
    ("export", "--circle", "{}"), ("import", "{roster}", "--circle", "{}"), ("run", "{}"),
    ("goals", "--plain", "--circle", "{}"), ("circles", "facilitators", "{}"), ("circles", "facilitators", "{}", "ana"),
]  # fmt: skip


@pytest.mark.parametrize("command", ASKING_FOR_A_CIRCLE, ids=lambda words: " ".join(words[:2]))
def test_a_teacher_told_of_a_circle_they_are_not_in_as_of_one_that_is_not_there(
    school: School, tmp_path: Path, capsys, command: tuple[str, ...]
) -> None:
    from circle.cli import main

    roster = tmp_path / "roster.csv"
    roster.write_text("name\nDee\n", encoding="utf-8")

    def answer(circle: str) -> tuple[int, str]:
        argv = [word.format(circle, roster=roster) for word in command]
        status = main(["--home", str(school.home), "--actor", "ana", *argv])
        return status, capsys.readouterr().err

    before = snapshot(school.home)
    missing = answer("Nowhere")
    assert missing[0] != 0 and "Nowhere" in missing[1] and str(tmp_path) not in missing[1]
    for asked in ("Science", "science", "SCIENCE"):  # by its name, its folder name, as typed
        assert answer(asked) == (missing[0], missing[1].replace("Nowhere", asked))
    assert snapshot(school.home) == before


def test_a_missing_circle_is_named_without_the_data_homes_path(tmp_path: Path) -> None:
    from circle.store.errors import NotFound

    repo = Repository(tmp_path / "home", "anyone")
    repo.create_circle("Maths")
    with pytest.raises(NotFound) as error:
        repo.get_norms("Nowhere")
    assert str(error.value) == "there is no circle named 'Nowhere' (`circle circles` lists them)"


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
