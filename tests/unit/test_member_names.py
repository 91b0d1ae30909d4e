"""Whom a name means: one rule for the acting user, a member named, and who a session was handed to."""

from __future__ import annotations

from circle.domain.circles.members import Member, member_called, same_person

MAYA = Member("m1", "Maya Okafor", role="mentor", username="mokafor")
MAYA_B = Member("m2", "Maya Brown")
DANIEL = Member("m3", "Daniel  Reyes", username="daniel")
SAM = Member("m4", "Sam Lee", username="maya")  # a login name that is someone else's first name


def test_a_login_name_then_a_full_name_then_a_first_name_only_one_has() -> None:
    assert member_called("mokafor", [MAYA, DANIEL]) is MAYA
    assert member_called(" maya   OKAFOR ", [MAYA, DANIEL]) is MAYA
    assert member_called("Daniel Reyes", [MAYA, DANIEL]) is DANIEL  # spacing aside
    assert member_called("maya", [MAYA, DANIEL]) is MAYA
    assert member_called("maya", [MAYA, MAYA_B, DANIEL]) is None  # two Mayas: the first name says nobody
    assert member_called("maya", [MAYA, MAYA_B, SAM]) is SAM  # a login name comes first
    assert member_called("zed", [MAYA]) is None and member_called("  ", [MAYA]) is None


def test_two_names_of_one_member_are_the_same_person() -> None:
    members = [MAYA, DANIEL]
    assert same_person("mokafor", "Maya", members) and same_person("maya okafor", "Maya Okafor", [])
    assert not same_person("mokafor", "daniel", members)
    assert not same_person("maya", "Maya Brown", [MAYA, MAYA_B])


def test_the_home_lists_a_users_own_circles_by_login_or_full_name_never_a_first_name() -> None:
    from circle.ui.home.overview import is_member

    tom = Member("m5", "Tom Lindqvist")
    assert is_member("Tom Lindqvist", [tom]) and is_member("mokafor", [MAYA])
    assert not is_member("tom", [tom])  # the system login tom is not the demo's Tom: his circles stay listed


def test_the_demos_members_are_found_by_the_names_circles_lists(tmp_path, monkeypatch, capsys) -> None:
    import json

    from circle.cli import main
    from circle.store.demo_data import seed_demo
    from circle.store.repository import Repository

    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "home"
    seed_demo(Repository(home, "facilitator"))
    assert main(["circles", "--plain", "--home", str(home)]) == 0
    listed = capsys.readouterr().out
    assert "  Maya Okafor, login maya.okafor, mentor" in listed and "  Tom Lindqvist, login tom.lindqvist" in listed
    for actor in ("maya", "maya.okafor", "Maya Okafor"):
        assert main(["goals", "--json", "--home", str(home), "--actor", actor]) == 0
        assert [m["name"] for m in json.loads(capsys.readouterr().out)["members"]] == ["Maya Okafor"]
