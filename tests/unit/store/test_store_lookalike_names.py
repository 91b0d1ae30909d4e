"""Names that look the same are the same: circles and members compare compatibility form,
case folded, invisible characters removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.domain.circles.roster import parse_roster
from circle.store.errors import ValidationError
from circle.store.repository import Repository

TWINS = ["ADA", "\uff21da", "A\u200dda", "Ad\u00ada", "Ada  "]


@pytest.mark.parametrize("twin", TWINS)
def test_circle_names_that_look_alike_are_duplicates(repo: Repository, twin: str) -> None:
    repo.create_circle("Ada")
    with pytest.raises(ValidationError, match="already a circle named"):
        repo.create_circle(twin)
    assert len(repo.list_circles()) == 1


@pytest.mark.parametrize("twin", TWINS)
def test_member_names_that_look_alike_are_duplicates(repo: Repository, circle: str, twin: str) -> None:
    repo.add_member(circle, "Ada")
    with pytest.raises(ValidationError, match="already has a member named"):
        repo.add_member(circle, twin)
    assert [m.name for m in repo.list_members(circle)] == ["Ada"]


def test_a_stored_name_with_an_invisible_character_still_counts(repo: Repository, circle: str, home: Path) -> None:
    repo.add_member(circle, "Ada")
    path = home / "circles" / circle / "circle.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["members"]["1"]["name"] = "Ada\u200b"  # written by an older version
    path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(ValidationError, match="already has a member named"):
        repo.add_member(circle, "ada")
    roster = parse_roster("name\nADA\n", "r.csv", repo.list_members(circle))
    assert [str(p) for p in roster.problems] == ["line 2: 'ADA' is already in the circle"]


def test_roster_rows_that_look_alike_are_duplicates() -> None:
    roster = parse_roster("name\nAda\n\uff21DA\nA\u200dda\n", "r.csv")
    assert [p.line for p in roster.problems] == [3, 4]
