from __future__ import annotations

import random

import pytest

from circle.domain.clock import ManualClock
from circle.store.errors import NotFound, ValidationError
from circle.store.repository import Repository

from .disk import snapshot


@pytest.fixture
def ada(repo: Repository, circle: str) -> str:
    return repo.add_member(circle, "Ada").id


def test_a_goal_gets_an_id_and_its_author(repo: Repository, circle: str, ada: str) -> None:
    goal = repo.add_goal(circle, {"member": ada, "title": "Wait 5 s after questions", "history": []})
    assert goal["id"].startswith("g-")
    assert goal["created_by"] == "ana" and goal["title"] == "Wait 5 s after questions"
    assert repo.list_goals(circle) == [goal]
    assert repo.list_goals(circle, member_id=ada) == [goal]
    assert repo.list_goals(circle, member_id="m-other") == []


def test_the_goals_own_creation_time_is_kept(repo: Repository, circle: str, ada: str) -> None:
    goal = repo.add_goal(circle, {"member": ada, "title": "x", "created": "2025-09-01T10:00:00+00:00"})
    assert goal["created"] == "2025-09-01T10:00:00+00:00"


def test_a_goal_for_someone_outside_the_circle_is_refused(repo: Repository, circle: str) -> None:
    with pytest.raises(ValidationError, match="'m-ghost' is not a member"):
        repo.add_goal(circle, {"member": "m-ghost", "title": "x"})


def test_update_goal_reads_changes_and_stamps_the_actor(
    home, circle: str, ada: str, clock: ManualClock, repo: Repository
) -> None:
    goal = repo.add_goal(circle, {"member": ada, "title": "x", "history": [{"type": "created"}]})
    other = Repository(home, "bo", clock=clock, rng=random.Random(1))
    clock.advance(3600)

    def log_progress(current: dict) -> dict:
        current["progress"] = 50
        current["history"].append({"type": "progress", "value": 50})
        return current

    updated = other.update_goal(circle, goal["id"], log_progress)
    assert updated["progress"] == 50 and updated["updated_by"] == "bo"
    assert updated["created_by"] == "ana"
    assert updated["history"][0] == {"type": "created"}  # older entries are not touched
    assert updated["history"][1] == {
        "type": "progress", "value": 50, "by": "bo", "at": "2026-01-05T16:30:00+00:00",
    }
    assert repo.list_goals(circle) == [updated]


def test_a_failing_change_writes_nothing(repo: Repository, circle: str, ada: str, home) -> None:
    goal = repo.add_goal(circle, {"member": ada, "title": "x"})
    before = snapshot(home)

    def broken(current: dict) -> dict:
        current["title"] = "half done"
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        repo.update_goal(circle, goal["id"], broken)
    with pytest.raises(ValidationError, match="id cannot change"):
        repo.update_goal(circle, goal["id"], lambda g: {**g, "id": "g-other"})
    with pytest.raises(ValidationError, match="as a mapping"):
        repo.update_goal(circle, goal["id"], lambda g: None)  # type: ignore[arg-type, return-value]
    with pytest.raises(NotFound, match="no goal with id 'g-nope'"):
        repo.update_goal(circle, "g-nope", lambda g: g)
    assert snapshot(home) == before


def test_the_changed_goal_replaces_the_old_one_whole(repo: Repository, circle: str, ada: str) -> None:
    goal = repo.add_goal(circle, {"member": ada, "title": "x", "draft": "to drop"})
    updated = repo.update_goal(circle, goal["id"], lambda g: {k: v for k, v in g.items() if k != "draft"})
    assert "draft" not in updated and "draft" not in repo.list_goals(circle)[0]
