from __future__ import annotations

import pytest

from circle.domain.circles.members import Member
from circle.store.errors import NotFound, ValidationError
from circle.store.repository import Repository


def test_members_are_listed_in_the_order_they_were_added(repo: Repository, circle: str) -> None:
    ada = repo.add_member(circle, "Ada", role="mentor", experience="veteran", username="ada")
    bo = repo.add_member(circle, "Bo", role="mentee", experience="new")
    assert isinstance(ada, Member) and ada.id != bo.id
    assert ada.id.startswith("m-") and len(ada.id) <= 10
    assert repo.list_members(circle) == [ada, bo]
    assert (bo.role, bo.experience, bo.username, bo.active) == ("mentee", "new", None, True)


def test_a_duplicate_active_name_is_refused(repo: Repository, circle: str) -> None:
    repo.add_member(circle, "Ada")
    with pytest.raises(ValidationError, match="already has a member named 'Ada'"):
        repo.add_member(circle, " ada ")
    assert len(repo.list_members(circle)) == 1


def test_a_removed_member_stays_in_history_and_frees_the_name(repo: Repository, circle: str) -> None:
    old = repo.add_member(circle, "Ada")
    repo.remove_member(circle, old.id)
    assert repo.list_members(circle) == []
    assert repo.list_members(circle, include_inactive=True)[0].active is False
    new = repo.add_member(circle, "Ada")
    assert new.id != old.id
    with pytest.raises(ValidationError, match="already has a member"):
        repo.update_member(circle, old.id, active=True)


def test_members_can_be_changed(repo: Repository, circle: str) -> None:
    ada = repo.add_member(circle, "Ada")
    changed = repo.update_member(circle, ada.id, name="Ada L.", role="mentor", experience="new")
    assert changed == Member(ada.id, "Ada L.", "mentor", "new", None, True)
    assert repo.list_members(circle) == [changed]
    with pytest.raises(ValidationError, match="no field colour"):
        repo.update_member(circle, ada.id, colour="red")
    with pytest.raises(NotFound, match="no member with id 'm-nope'"):
        repo.update_member(circle, "m-nope", name="x")
    with pytest.raises(NotFound):
        repo.remove_member(circle, "m-nope")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "empty"),
        ({"name": "x" * 81}, "at most 80"),
        ({"name": "a\x00b"}, "control characters"),
        ({"name": "Bo", "role": "boss"}, "role 'boss' is not one of"),
        ({"name": "Bo", "experience": "ancient"}, "experience"),
        ({"name": "Bo", "username": "two words"}, "one word"),
    ],
)
def test_bad_members_are_refused(repo: Repository, circle: str, fields: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        repo.add_member(circle, **fields)
    assert repo.list_members(circle, include_inactive=True) == []


def test_a_username_belongs_to_one_active_member(repo: Repository, circle: str) -> None:
    repo.add_member(circle, "Ada", username="ada")
    with pytest.raises(ValidationError, match="username 'ada' already belongs to 'Ada'"):
        repo.add_member(circle, "Ada Two", username="ada")


def test_members_are_stamped_with_who_added_them(repo: Repository, circle: str) -> None:
    ada = repo.add_member(circle, "Ada")
    row = repo._read_circle_db(circle).table("members").all()[0]
    assert row["id"] == ada.id and row["created_by"] == "ana" and row["updated_by"] == "ana"
