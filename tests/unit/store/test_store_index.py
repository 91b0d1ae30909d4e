"""The session and circle indexes: listings that read one file, never trusted over the files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from circle.store import rosters, sessions
from circle.store.errors import CorruptFileError
from circle.store.repository import Repository

from .disk import refuse_writes


def _count_reads(monkeypatch: pytest.MonkeyPatch, module: object) -> list[Path]:
    reads: list[Path] = []
    real = module.read_tables  # type: ignore[attr-defined]

    def counting(path: Path):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(path)

    monkeypatch.setattr(module, "read_tables", counting)
    return reads


@pytest.fixture
def three(repo: Repository, circle: str) -> list[str]:
    return [repo.create_session(circle, {"plan": f"p{n}"}) for n in range(3)]


def test_session_records_come_oldest_first_and_rebuild_only_what_changed(
    repo: Repository, circle: str, home: Path, three: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _count_reads(monkeypatch, sessions)
    records, problems = repo.session_records(circle)
    assert [r["id"] for r in records] == three and problems == []
    assert len(reads) == 3
    index = home / "circles" / circle / "session-index.json"
    assert stat.S_IMODE(os.stat(index).st_mode) == 0o600
    reads.clear()
    assert repo.session_records(circle)[0] == records
    assert reads == []  # nothing changed: no session file is read
    repo.update_session(circle, three[1], ended="2026-01-05T16:30:00+00:00", summary={"airtime": {"m-1": 60}})
    fourth = repo.create_session(circle, {"plan": "p3"})
    records, _ = repo.session_records(circle)
    assert [r["id"] for r in records] == [*three, fourth]
    assert records[1]["summary"] == {"airtime": {"m-1": 60}}
    assert sorted(p.name for p in reads) == sorted([f"{three[1]}.json", f"{fourth}.json"])


def test_a_file_changed_behind_the_index_is_read_again(
    repo: Repository, circle: str, three: list[str]
) -> None:
    repo.session_records(circle)
    path = repo.session_file(circle, three[0])
    tables = json.loads(path.read_bytes())
    tables["session"]["1"]["plan"] = "edited by hand"
    path.write_bytes(json.dumps(tables).encode())  # in place: same inode, new size and time
    assert repo.session_records(circle)[0][0]["plan"] == "edited by hand"


@pytest.mark.parametrize(
    "planted",
    [b"", b"{", b"[]", b'{"kind": "sessions", "format": 1, "entries": []}', b"\xff"],
)
def test_a_damaged_index_is_rebuilt_from_the_files(
    repo: Repository, circle: str, home: Path, three: list[str], planted: bytes
) -> None:
    index = home / "circles" / circle / "session-index.json"
    index.write_bytes(planted)
    assert [r["id"] for r in repo.session_records(circle)[0]] == three
    assert set(json.loads(index.read_bytes())["entries"]) == set(three)


def test_an_entry_of_the_wrong_shape_is_not_used_even_with_a_matching_signature(
    repo: Repository, circle: str, home: Path, three: list[str]
) -> None:
    repo.session_records(circle)
    index = home / "circles" / circle / "session-index.json"
    data = json.loads(index.read_bytes())
    data["entries"][three[0]]["value"] = ["not", "a", "record"]
    index.write_bytes(json.dumps(data).encode())
    assert repo.session_records(circle)[0][0]["id"] == three[0]


def test_a_damaged_session_is_reported_and_the_others_still_listed(
    repo: Repository, circle: str, three: list[str]
) -> None:
    repo.session_records(circle)
    damaged = repo.session_file(circle, three[1])
    damaged.write_bytes(b'{"session": {"1": {"id": ')
    records, problems = repo.session_records(circle)
    assert [r["id"] for r in records] == [three[0], three[2]]
    assert len(problems) == 1 and isinstance(problems[0], CorruptFileError) and problems[0].path == damaged


def test_a_home_that_cannot_be_written_still_lists(
    repo: Repository, circle: str, home: Path, three: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_writes(monkeypatch)
    assert [r["id"] for r in repo.session_records(circle)[0]] == three
    assert [r.slug for r in repo.circle_rosters()[0]] == [circle]
    assert not (home / "circles" / circle / "session-index.json").exists()


def test_rosters_follow_every_change_and_read_only_changed_circle_files(
    repo: Repository, circle: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = repo.create_circle("Science leads")["slug"]
    ada = repo.add_member(circle, "Ada", username="ada")
    reads = _count_reads(monkeypatch, rosters)
    found, problems = repo.circle_rosters()
    assert [r.circle["name"] for r in found] == ["Maths mentors", "Science leads"] and problems == {}
    assert [m.name for m in found[0].members] == ["Ada"] and found[1].members == ()
    assert len(reads) == 2
    reads.clear()
    repo.circle_rosters()
    assert reads == []
    repo.remove_member(circle, ada.id)
    repo.add_member(other, "Bo")
    repo.set_agreement(circle, {"text": "We listen"})
    found, _ = repo.circle_rosters()
    assert found[0].active == () and [m.name for m in found[0].members] == ["Ada"]
    assert found[0].circle["agreement"] == {"text": "We listen"}
    assert [m.name for m in found[1].active] == ["Bo"]
    assert stat.S_IMODE(os.stat(home / "circle-index.json").st_mode) == 0o600


def test_a_damaged_circle_file_is_a_problem_not_a_hidden_circle(
    repo: Repository, circle: str, home: Path
) -> None:
    other = repo.create_circle("Science leads")["slug"]
    repo.circle_rosters()
    (home / "circles" / circle / "circle.json").write_bytes(b"\0" * 8)
    found, problems = repo.circle_rosters()
    assert [r.slug for r in found] == [other]
    assert list(problems) == [circle] and isinstance(problems[circle], CorruptFileError)


def test_a_damaged_circle_file_does_not_make_every_read_save_the_index(
    repo: Repository, circle: str, home: Path
) -> None:
    repo.create_circle("Science leads")
    repo.circle_rosters()
    (home / "circles" / circle / "circle.json").write_bytes(b"\0" * 8)
    repo.circle_rosters()  # the damaged circle's entry goes: saved once
    index = home / "circle-index.json"
    saved = os.stat(index).st_ino
    for _ in range(3):
        _, problems = repo.circle_rosters()
        assert list(problems) == [circle]
    assert os.stat(index).st_ino == saved  # nothing changed, nothing written
