"""``circle report [CIRCLE] [--since DATE] [--plain|--json|--csv]``: a circle's year, or the
programme's view.

With a circle: its sessions, the term's trends and each member's goals, for its members.
Without: one line of counts and rates per circle, no names and no text; an admin gets every
circle, any other teacher their own circles (docs/reports.md).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Callable

from circle.commands.access import open_repository
from circle.commands.output import print_json
from circle.domain.clock import Clock, SystemClock

# The wall clock --since is read against; tests put a ManualClock here.
clock_factory: Callable[[], Clock] = SystemClock


def register(subparsers: argparse._SubParsersAction) -> None:
    from circle.domain.reports.since import SINCE_ACCEPTED

    parser = subparsers.add_parser(
        "report",
        help="a circle's year, or the programme's counts per circle",
        description=(
            "With a circle: each session's attendance, voice balance, time against plan and goal "
            "changes, the term's trends and each member's goals (for its members). Without: the "
            "programme's view, counts and rates per circle with no names and no text (every circle "
            "for an admin, their own circles for any other teacher). docs/reports.md says what each "
            "figure means."
        ),
    )
    parser.add_argument("circle", nargs="?", metavar="CIRCLE", help="the circle's name or slug (default: every circle)")
    parser.add_argument("--since", metavar="DATE", help=f"the first day counted: {SINCE_ACCEPTED} (default: all)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--plain", action="store_true", help="plain text with sparklines (the default)")
    output.add_argument("--json", action="store_true", help="JSON, for scripts")
    output.add_argument("--csv", action="store_true", help="CSV, one row per session (or per circle)")
    parser.set_defaults(func=run)


def _since(args: argparse.Namespace) -> date | None:
    from circle.domain.reports.since import parse_since

    if args.since is None:
        return None
    return parse_since(args.since, clock_factory().now().date())


def run(args: argparse.Namespace) -> int:
    since = _since(args)
    repo = open_repository(args)
    if args.circle is not None:
        return _circle(repo, args, since)
    return _programme(repo, args, since)


def _circle(repo, args: argparse.Namespace, since: date | None) -> int:  # noqa: ANN001
    year, problems = repo.circle_year(args.circle, since)
    if args.json:
        print_json({**year.to_dict(), "unread_sessions": len(problems)})
    elif args.csv:
        from circle.commands.report_csv import write_csv, year_csv

        write_csv(year_csv(year))
    else:
        from circle.commands.report_text import circle_report

        print(circle_report(year, len(problems)), end="")
    return 0


def _programme(repo, args: argparse.Namespace, since: date | None) -> int:  # noqa: ANN001
    from circle.domain.reports.programme import programme
    from circle.domain.server.access import Action

    circles, damaged = repo.readable_circles()
    view = programme((repo.circle_figures(c["slug"], since) for c in circles), since)
    actor = repo.server_actor()
    whose = "every circle" if actor is None or actor.admin else "your circles only"
    if args.json:
        print_json({**view.to_dict(), "covers": whose, "unread_circles": len(damaged)})
    elif args.csv:
        from circle.commands.report_csv import programme_csv, write_csv

        write_csv(programme_csv(view))
    else:
        from circle.commands.report_text import programme_report

        text = programme_report(view, whose=whose)
        if damaged and repo.may(Action.CHECK):
            text += f"\n{len(damaged)} circle file(s) could not be read and are not counted: `circle check` says why\n"
        print(text, end="")
    return 0
