"""A session's export, read from the store: for ``circle export`` and the history screen's key.

Files written by the history screen go to ``HOME/exports/<circle>/`` (0700 folders, 0600
files, written atomically), beside the data they come from, never elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from circle.domain.text import json_visible
from circle.errors import CircleError
from circle.store.atomic_storage import write_atomically
from circle.store.home import make_data_dir
from circle.store.repository import Repository


class ExportError(CircleError):
    """A session that cannot be exported: the circle has none, or its plan is gone."""


def _plan(record: dict[str, Any], home: Path) -> Any:
    from circle.domain.plans.plan import Phase, Plan
    from circle.store.plan_files import PlanNotFound, load_plan

    name = str(record.get("plan") or "")
    try:
        return load_plan(name, home)
    except PlanNotFound:
        summary = record.get("summary") or {}
        if not summary.get("phases"):
            raise ExportError(
                f"session {record.get('id')} followed the plan '{name}', which is no longer in the data home, "
                "and it has no saved summary to export from"
            ) from None
    # The plan file is gone but the saved summary still says what its phases were.
    phases = tuple(
        Phase(kind=p["kind"], title=p["title"], minutes=float(p.get("planned_seconds") or 0) / 60, turns="none")
        for p in summary["phases"]
    )
    return Plan(name=name, title=name, minutes=sum(p.minutes for p in phases), phases=phases)


def session_export(repo: Repository, circle: str, session_id: str = "latest", *,
                   include_private: bool = False) -> dict[str, Any]:
    """The export dict of one session (circle.domain.reports.export_json.build_export)."""
    from circle.domain.reports.export_json import build_export
    from circle.store.plan_files import scan_decks

    record_of_circle = repo.get_circle(circle)
    slug = record_of_circle["slug"]
    if session_id == "latest":
        latest = repo.latest_session_id(slug)
        if latest is None:
            raise ExportError(f"circle '{record_of_circle['name']}' has no sessions yet: nothing to export")
        session_id = latest
    record = repo.get_session(slug, session_id)
    return build_export(
        record,
        repo.get_events(slug, session_id),
        repo.list_members(slug, include_inactive=True),
        _plan(record, repo.home),
        circle=record_of_circle["name"],
        decks=scan_decks(repo.home).decks,  # a deck file with errors must not stop an export
        include_private=include_private,
    )


def as_json(export: dict[str, Any]) -> str:
    """The export as JSON; characters a terminal would act on are written as \\u escapes."""
    return json_visible(json.dumps(export, ensure_ascii=False, indent=2)) + "\n"


def write_export_files(repo: Repository, circle: str, session_id: str) -> tuple[Path, Path]:
    """Write the session's Markdown and JSON (private parts left out); returns their paths."""
    from circle.domain.reports.export_markdown import render_markdown

    export = session_export(repo, circle, session_id)
    folder = repo.home / "exports" / repo.slug_of(circle)  # session_export checked the circle
    make_data_dir(folder)
    name = str(export["id"]) or "session"
    md, js = folder / f"{name}.md", folder / f"{name}.json"
    write_atomically(md, render_markdown(export).encode("utf-8"), keep_backup=False)
    write_atomically(js, as_json(export).encode("utf-8"), keep_backup=False)
    return md, js
