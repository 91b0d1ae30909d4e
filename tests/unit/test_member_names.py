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
