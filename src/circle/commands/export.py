"""``circle export [SESSION_ID|latest] --circle CIRCLE --format json|md``: print one session."""

from __future__ import annotations

import argparse

from circle.commands.access import open_repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="print a session as JSON or Markdown",
        description=(
            "Print one session of a circle: JSON with its attendance, phases, turns, airtime and shares, "
            "prompts, goal changes and full event log, or a Markdown summary to share with the circle. "
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


def run(args: argparse.Namespace) -> int:
    from circle.domain.reports.export_markdown import render_markdown
    from circle.store.exports import as_json, session_export

    repo = open_repository(args)
    export = session_export(repo, args.circle, args.session, include_private=args.include_private)
    if args.format == "md":
        print(render_markdown(export, include_private=args.include_private), end="")
    else:
        print(as_json(export), end="")
    return 0
