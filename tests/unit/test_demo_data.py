"""The demo circle: seeded once, with mixed members, an overdue and an achieved goal, and a real past session."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from circle.cli import main
from circle.domain.clock import ManualClock
from circle.domain.reports.export_json import build_export
from circle.domain.goals.goal import Goal, is_overdue
from circle.store.demo_data import DEMO_CIRCLE, seed_demo
from circle.store.plan_files import load_decks, load_plan
from circle.store.repository import Repository

TODAY = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)


def seeded_repo(home: Path) -> Repository:
    clock = ManualClock(start=TODAY)
    repo = Repository(home, "tester", clock=clock)
    seed_demo(repo, clock)
    return repo


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    return seeded_repo(tmp_path_factory.mktemp("demo") / "home")


@pytest.fixture(scope="module")
def slug(repo: Repository) -> str:
    return repo.get_circle(DEMO_CIRCLE)["slug"]


def snapshot(repo: Repository) -> dict[str, Any]:
    slug = repo.get_circle(DEMO_CIRCLE)["slug"]
    return {
        "circles": repo.list_circles(),
        "members": repo.list_members(slug, include_inactive=True),
        "goals": repo.list_goals(slug),
        "sessions": [(s["id"], s.get("ended")) for s in repo.list_sessions(slug)],
        "norms": repo.get_norms(slug),
        "agreement": repo.get_agreement(slug),
    }


def test_seeding_twice_changes_nothing(tmp_path: Path) -> None:
    repo = seeded_repo(tmp_path / "home")
    first = snapshot(repo)
    again = seed_demo(repo, ManualClock(start=TODAY))
    assert again["name"] == DEMO_CIRCLE
    assert snapshot(repo) == first
    assert len(first["circles"]) == 1 and len(first["sessions"]) == 1


def test_five_members_with_mixed_roles_and_experience(repo: Repository, slug: str) -> None:
    members = repo.list_members(slug)
    assert len(members) == 5
    assert {m.role for m in members} == {"mentor", "mentee", "peer"}
    assert {m.experience for m in members} == {"new", "veteran"}
    assert len({m.name for m in members}) == 5


def test_norms_and_a_signed_agreement(repo: Repository, slug: str) -> None:
    assert len(repo.get_norms(slug)) >= 3
    agreement = repo.get_agreement(slug)
    assert agreement["day"] and agreement["minutes"] == 60
    assert len(agreement["signed"]) == 5


def test_goals_include_one_overdue_and_one_achieved(repo: Repository, slug: str) -> None:
    goals = [Goal.from_dict(raw) for raw in repo.list_goals(slug)]
    assert len(goals) >= 3
    overdue = [g for g in goals if is_overdue(g, TODAY.date())]
    assert len(overdue) == 1
    achieved = [g for g in goals if g.status == "achieved"]
    assert len(achieved) == 1
    session_id = repo.latest_session_id(slug)
    assert any(e["type"] == "achieved" and e.get("session") == session_id for e in achieved[0].history)


def test_the_past_session_is_finished_with_a_summary(repo: Repository, slug: str) -> None:
    record = repo.get_session(slug, repo.latest_session_id(slug))
    assert record["ended"] and record["summary"]["status"] == "ended"
    assert record["started"] < TODAY.isoformat()
    assert [row["present"] for row in record["attendance"]].count(False) == 1


def test_the_past_session_exports(repo: Repository, slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(repo.home), "export", "latest", "--circle", DEMO_CIRCLE, "--format", "json"]) == 0
    export = json.loads(capsys.readouterr().out)
    events = repo.get_events(slug, export["id"])
    assert export["circle"] == DEMO_CIRCLE and export["plan"] == "community-60"
    assert export["ended"] is not None
    assert export["events"] == events
    assert len(export["phases"]) == 5 and len(export["prompts"]) == 2
    assert any(t["passed"] for t in export["turns"])
    assert {c["change"] for c in export["goal_changes"]} == {"progress", "achieved"}
    questions = export["phases"][2]
    assert questions["actual_seconds"] > questions["planned_seconds"]  # ended in overtime

    assert main(["--home", str(repo.home), "export", export["id"], "--circle", DEMO_CIRCLE, "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "# Demo Circle: session of " in md and "## Goal changes" in md


def test_the_saved_summary_is_what_the_log_replays_to(repo: Repository, slug: str) -> None:
    session_id = repo.latest_session_id(slug)
    record = repo.get_session(slug, session_id)
    args = (repo.get_events(slug, session_id), repo.list_members(slug, include_inactive=True),
            load_plan("community-60", repo.home))  # fmt: skip
    saved = build_export(record, *args, circle=DEMO_CIRCLE, decks=load_decks(repo.home))
    without = {k: v for k, v in record.items() if k != "summary"}
    replayed = build_export(without, *args, circle=DEMO_CIRCLE, decks=load_decks(repo.home))
    assert replayed["phases"] == saved["phases"]
    assert replayed["turns"] == saved["turns"]


# -- the command -------------------------------------------------------------


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """run_session replaced by a recorder: the demo's data is checked without a terminal."""
    import circle.ui.launch

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        circle.ui.launch, "run_session", lambda repo, circle, plan, **kw: calls.append((repo, circle, plan, kw))
    )
    return calls


def test_demo_without_a_home_uses_a_fresh_temporary_one(
    opened: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    assert main(["demo"]) == 0
    (repo, circle, plan, keywords) = opened[0]
    assert (circle, plan, keywords) == (DEMO_CIRCLE, "community-60", {"high_contrast": False, "demo": True})
    assert repo.home.parent == tmp_path and repo.home.name.startswith("circle-demo-")
    assert str(repo.home) in capsys.readouterr().out
    assert (repo.home / "circles" / "demo-circle" / "circle.json").is_file()


def test_demo_with_a_home_seeds_it_and_keeps_other_circles(
    opened: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "mine"
    Repository(home, "tester").create_circle("Maths mentors")
    assert main(["--home", str(home), "demo", "--high-contrast"]) == 0
    assert opened[0][0].home == home and opened[0][3] == {"high_contrast": True, "demo": True}
    assert [c["name"] for c in Repository(home, "tester").list_circles()] == [DEMO_CIRCLE, "Maths mentors"]


def test_demo_in_a_home_with_teachers_is_refused_in_one_line_and_writes_nothing(
    opened: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import base64

    from circle.domain.server.ssh_keys import parse_public_key
    from circle.store.teachers import TeacherRegistry

    home = tmp_path / "school"
    Repository(home, "setup").create_circle("Maths mentors")
    blob = b"\0\0\0\x0bssh-ed25519\0\0\0\x20" + bytes(32)
    key = parse_public_key(f"ssh-ed25519 {base64.b64encode(blob).decode()}", "key")
    TeacherRegistry(home, tmp_path / "authorized_keys", lambda name: f"circle shell {name}").add("it", [key], admin=True)
    monkeypatch.setenv("CIRCLE_HOME", str(home))
    assert main(["--actor", "it", "demo"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not run in a data home with teachers" in err
    assert opened == []
    assert sorted(p.name for p in (home / "circles").iterdir()) == ["maths-mentors"]
