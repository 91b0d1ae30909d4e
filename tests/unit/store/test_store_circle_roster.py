"""circle_with_roster: the circle's record and whole roster from one read of its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.store import base
from circle.store.errors import CorruptFileError, NotFound
from circle.store.repository import Repository


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    reads: list[Path] = []
    real = base.read_tables

    def counting(path: Path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(base, "read_tables", counting)
    return reads


def test_it_matches_the_separate_reads(repo: Repository, circle: str) -> None:
    ada = repo.add_member(circle, "Ada", role="mentor")
    bo = repo.add_member(circle, "Bo", experience="new")
    repo.add_member(circle, "Chidi")
    repo.remove_member(circle, bo.id)
    repo.set_norms(circle, ["Listen first", "Questions, not advice"])
    repo.set_agreement(circle, {"meets": "Tuesdays"})

    record, roster = repo.circle_with_roster(circle)

    assert roster == repo.list_members(circle, include_inactive=True)
    assert [m.name for m in roster] == ["Ada", "Bo", "Chidi"] and roster[0] == ada
    assert {k: record[k] for k in ("slug", "name", "description")} == {
        k: v for k, v in repo.get_circle(circle).items() if k in ("slug", "name", "description")
    }
    assert record["norms"] == repo.get_norms(circle) == ["Listen first", "Questions, not advice"]
    assert record["agreement"] == repo.get_agreement(circle)


@pytest.mark.parametrize("by", ["slug", "name"])
def test_the_circle_file_is_read_once(
    repo: Repository, circle: str, monkeypatch: pytest.MonkeyPatch, by: str
) -> None:
    repo.create_circle("Another circle")  # sorts first: looking up by name reads it too
    repo.add_member(circle, "Ada")
    reads = _count_reads(monkeypatch)

    record, roster = repo.circle_with_roster(circle if by == "slug" else "maths MENTORS")

    assert record["slug"] == circle and [m.name for m in roster] == ["Ada"]
    assert reads.count(repo.circle_file(circle)) == 1


def test_what_it_returns_is_a_copy(repo: Repository, circle: str) -> None:
    record, _ = repo.circle_with_roster(circle)
    record["norms"].append("changed here only")
    assert repo.get_norms(circle) == []


def test_unknown_and_damaged_circles_are_reported(repo: Repository, circle: str) -> None:
    with pytest.raises(NotFound):
        repo.circle_with_roster("nobody's circle")
    repo.circle_file(circle).write_text('{"members": {}}', encoding="utf-8")
    with pytest.raises(CorruptFileError):
        repo.circle_with_roster(circle)
