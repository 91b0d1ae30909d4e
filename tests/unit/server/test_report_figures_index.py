"""The programme's figures kept in the home's figures index: read back while the circle is
unchanged, worked out again once a session or a goal changes, never kept when just changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.goals.changes import GoalChange, apply_change
from circle.domain.reports import programme
from circle.store import reports
from circle.store.repository import Repository

from .report_home import START, ReportHome


def test_kept_figures_are_used_until_the_circle_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = ReportHome(tmp_path / "home", circles=1, members=4, sessions=2)
    slug = built.slugs[0]
    monkeypatch.setattr(reports, "SETTLED_NS", -10**18)  # every file counts as settled
    first = Repository(built.home, "setup").circle_figures(slug)
    assert (built.home / reports.FIGURES_INDEX).exists()

    def not_again(*_args, **_kwargs):
        raise AssertionError("worked out again")

    with monkeypatch.context() as patch:
        patch.setattr(programme, "circle_figures", not_again)  # what the store works them out with
        assert Repository(built.home, "setup").circle_figures(slug) == first

    repo = Repository(built.home, "setup")
    goal = next(g for g in repo.list_goals(slug) if g["status"] == "active")
    apply_change(repo, GoalChange("dropped", slug, goal["member"], goal["id"], reason="moved"), at=START, by="setup")
    dropped = Repository(built.home, "setup").circle_figures(slug)
    assert dropped.goals["dropped"] == first.goals["dropped"] + 1

    sid = repo.create_session(slug, {"plan": "community-60"})
    summary = repo.get_session(slug, repo.session_ids(slug)[0])["summary"]
    repo.update_session(slug, sid, ended="2026-10-01T17:00:00", summary={**summary, "started_at": "2026-10-01T16:00:00"})
    assert Repository(built.home, "setup").circle_figures(slug).sessions == first.sessions + 1


def test_figures_of_a_circle_just_changed_are_not_kept(tmp_path: Path) -> None:
    built = ReportHome(tmp_path / "home", circles=1, members=3, sessions=1)
    Repository(built.home, "setup").circle_figures(built.slugs[0])
    assert not (built.home / reports.FIGURES_INDEX).exists()


def test_a_circle_keeps_its_figures_for_all_time_and_one_since(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from datetime import date

    built = ReportHome(tmp_path / "home", circles=1, members=3, sessions=1)
    monkeypatch.setattr(reports, "SETTLED_NS", -10**18)
    repo = Repository(built.home, "setup")
    for since in (None, date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3)):
        repo.circle_figures(built.slugs[0], since)
    kept = json.loads((built.home / reports.FIGURES_INDEX).read_text())["entries"]
    assert sorted(kept) == [f"{built.slugs[0]} 2026-09-03", f"{built.slugs[0]} all"]
