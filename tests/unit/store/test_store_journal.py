"""A session's events go to an append-only journal beside its record: what a kill, damage
and an older session file (events inside the record) do to it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.errors import CorruptFileError
from circle.store.repair import find_damaged
from circle.store.repository import Repository

from .disk import snapshot


def _files(home: Path, circle: str, sid: str) -> tuple[Path, Path]:
    folder = home / "circles" / circle / "sessions"
    return folder / f"{sid}.json", folder / f"{sid}.events.jsonl"


@pytest.fixture
def session(repo: Repository, circle: str) -> str:
    sid = repo.create_session(circle, {"plan": "community-60"})
    for kind in ("start", "next_speaker", "pass"):
        repo.append_event(circle, sid, {"type": kind})
    return sid


def test_an_append_adds_one_line_and_leaves_the_record_alone(
    repo: Repository, circle: str, home: Path, session: str
) -> None:
    record, journal = _files(home, circle, session)
    before = record.read_bytes()
    repo.append_event(circle, session, {"type": "note", "data": {"text": "line\nbreak"}})
    assert record.read_bytes() == before
    lines = journal.read_bytes().splitlines()
    assert len(lines) == 4 and journal.read_bytes().endswith(b"\n")
    assert json.loads(lines[-1]) == {"type": "note", "data": {"text": "line\nbreak"}, "seq": 4}


def test_order_is_kept_over_many_events(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {})
    for n in range(60):
        repo.append_event(circle, sid, {"type": "note", "data": {"n": n}})
    repo.append_event(circle, sid, {"seq": 100, "type": "end"})
    events = repo.get_events(circle, sid)
    assert [e["seq"] for e in events] == [*range(1, 61), 100]
    assert [e["data"]["n"] for e in events[:-1]] == list(range(60))


def test_a_torn_last_line_is_ignored_then_cut_off_by_the_next_append(
    repo: Repository, circle: str, home: Path, session: str
) -> None:
    _, journal = _files(home, circle, session)
    whole = journal.read_bytes()
    with open(journal, "ab") as handle:
        handle.write(b'{"type": "pass", "seq": 4, "da')  # a writer killed mid-line
    assert [e["seq"] for e in repo.get_events(circle, session)] == [1, 2, 3]
    assert [s.events[-1]["seq"] for s in repo.recent_sessions(circle)] == [3]
    assert find_damaged(home)[1] == []
    repo.append_event(circle, session, {"type": "end"})
    assert journal.read_bytes().startswith(whole)
    assert [json.loads(line)["seq"] for line in journal.read_bytes().splitlines()] == [1, 2, 3, 4]


def test_a_torn_line_that_happens_to_parse_still_counts_as_unsaved(
    repo: Repository, circle: str, home: Path, session: str
) -> None:
    _, journal = _files(home, circle, session)
    with open(journal, "ab") as handle:
        handle.write(b'{"type": "pass", "seq": 4}')  # killed before the newline: never acknowledged
    assert len(repo.get_events(circle, session)) == 3
    repo.append_event(circle, session, {"seq": 4, "type": "end"})
    assert [e["type"] for e in repo.get_events(circle, session)] == ["start", "next_speaker", "pass", "end"]


@pytest.mark.parametrize(
    "bad",
    [b"{not json", b"\xff\xfe", b"[1, 2]", b'{"type": "pass"}', b'{"seq": "2"}', b"", b'{"seq": true}'],
)
def test_a_damaged_line_in_the_middle_is_reported_never_dropped(
    repo: Repository, circle: str, home: Path, session: str, bad: bytes
) -> None:
    _, journal = _files(home, circle, session)
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(lines[0] + bad + b"\n" + lines[2])
    before = snapshot(home)
    for attempt in (
        lambda: repo.get_events(circle, session),
        lambda: repo.recent_sessions(circle),
    ):
        with pytest.raises(CorruptFileError) as raised:
            attempt()
        assert str(journal) in str(raised.value) and "line 2" in str(raised.value)
    assert snapshot(home) == before
    (found,) = find_damaged(home)[1]
    assert found.path == journal and "line 2" in found.detail and not found.backup_good


def test_a_damaged_last_line_refuses_the_append(
    repo: Repository, circle: str, home: Path, session: str
) -> None:
    _, journal = _files(home, circle, session)
    with open(journal, "ab") as handle:
        handle.write(b"garbage\n")
    before = snapshot(home)
    with pytest.raises(CorruptFileError, match="is damaged"):
        repo.append_event(circle, session, {"type": "end"})
    assert snapshot(home) == before


def test_check_lists_a_damaged_journal(repo: Repository, circle: str, home: Path, session: str, capsys) -> None:
    _, journal = _files(home, circle, session)
    journal.write_bytes(b"{\n" + journal.read_bytes())
    assert main(["--home", str(home), "--actor", "ana", "check"]) == 1
    out = capsys.readouterr().out
    assert f"damaged: {journal}" in out and "line 1" in out
    before = snapshot(home)
    assert main(["--home", str(home), "--actor", "ana", "check", "--restore"]) == 1
    assert f"cannot restore {journal}: no good copy" in capsys.readouterr().err
    assert snapshot(home) == before  # not even a lock file beside it


def test_journals_are_private_whatever_the_umask(repo: Repository, circle: str, home: Path) -> None:
    old = os.umask(0)
    try:
        sid = repo.create_session(circle, {})
        repo.append_event(circle, sid, {"type": "start"})
    finally:
        os.umask(old)
    for path in _files(home, circle, sid):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_session_saved_before_journals_reads_and_takes_events(
    repo: Repository, circle: str, home: Path
) -> None:
    sid = repo.create_session(circle, {})
    record, journal = _files(home, circle, sid)
    tables = json.loads(record.read_bytes())
    tables["events"] = {"1": {"seq": 1, "type": "start"}, "2": {"seq": 2, "type": "pass"}}
    record.write_bytes(json.dumps(tables).encode())
    assert not journal.exists()
    assert [e["seq"] for e in repo.get_events(circle, sid)] == [1, 2]
    repo.append_event(circle, sid, {"seq": 2, "type": "pass"})  # the last one again: nothing changes
    assert not journal.exists()
    repo.append_event(circle, sid, {"type": "end"})
    assert [(e["seq"], e["type"]) for e in repo.get_events(circle, sid)] == [(1, "start"), (2, "pass"), (3, "end")]
    assert [s.events[-1]["seq"] for s in repo.recent_sessions(circle)] == [3]
