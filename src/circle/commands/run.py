"""`circle run CIRCLE`: open the facilitator's session screen for a circle."""

from __future__ import annotations

import argparse
from typing import Any

from circle.domain.plans.plan import DEFAULT_PLAN
from circle.commands.access import open_repository
from circle.domain.server.access import Action



def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a session of a circle (full screen)",
        description="Open the session screen for a circle: check-in, then the session following "
        "a plan. When the circle's last session never ended, it offers to resume it; when another "
        "terminal is running it, to follow it or (a facilitator) to take it over.",
    )
    parser.add_argument("circle", metavar="CIRCLE", help="the circle's name or slug")
    parser.add_argument("--plan", default=DEFAULT_PLAN, metavar="NAME",
                        help=f"the session plan (default: {DEFAULT_PLAN}; `circle plans` lists them)")
    parser.add_argument("--high-contrast", action="store_true",
                        help="start in the high-contrast theme (for projectors); ctrl+t toggles it")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    repo.require(Action.RUN_SESSION, args.circle)  # on a server: refused before the screen opens
    from circle.ui.launch import run_session  # Textual loads only when the screen opens

    run_session(repo, args.circle, args.plan, high_contrast=args.high_contrast)
    return 0
