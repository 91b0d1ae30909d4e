"""``circle export [SESSION_ID|latest] --circle CIRCLE --format json|md``: print one session."""

from __future__ import annotations

import argparse
import json
from typing import Any

from circle.commands.access import open_repository
from circle.errors import CircleError


class ExportError(CircleError):
    """A session that cannot be exported: the circle has none, or its plan is gone."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="print a session as JSON or Markdown",
        description=(
            "Print one session of a circle: JSON with its attendance, phases, turns, prompts, "
            "goal changes and full event log, or a Markdown summary to share with the circle. "
            "Both leave out notes taken in the session (and the Markdown what members said in challenge "
            "sharing) unless --include-private is given."
        ),
    )
    parser.add_argument(
        "session", nargs="?", default="latest", metavar="SESSION_ID|latest", help="which session (default: latest)"
    )
    parser.add_argument("--circle", required=True, metavar="CIRCLE", help="the circle's name or slug")
    parser.add_argument("--format", choices=("json", "md"), default="json", help="json (default) or md")
    parser.add_argument(
        "--include-private", action="store_true", help="include notes taken in the session and what was said in challenge sharing"
    )
    parser.set_defaults(func=run)


def _plan(record: dict[str, Any], home: Any) -> Any:
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


def run(args: argparse.Namespace) -> int:
    from circle.domain.reports.export_json import build_export
    from circle.domain.reports.export_markdown import render_markdown
    from circle.store.plan_files import load_decks

    repo = open_repository(args)
    circle = repo.get_circle(args.circle)
    slug = circle["slug"]
    session_id = args.session
    if session_id == "latest":
        session_id = repo.latest_session_id(slug)
        if session_id is None:
            raise ExportError(f"circle '{circle['name']}' has no sessions yet: nothing to export")
    record = repo.get_session(slug, session_id)
    export = build_export(
        record,
        repo.get_events(slug, session_id),
        repo.list_members(slug, include_inactive=True),
        _plan(record, repo.home),
        circle=circle["name"],
        decks=load_decks(repo.home),
        include_private=args.include_private,
    )
    if args.format == "md":
        print(render_markdown(export, include_private=args.include_private), end="")
    else:
        print(json.dumps(export, ensure_ascii=False, indent=2))
    return 0
