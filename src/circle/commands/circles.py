"""``circle circles``: list the circles in the data home; ``circle circles add NAME`` creates one."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from circle import hints
from circle.commands.access import open_repository
from circle.commands.output import print_json
from circle.domain.server.access import Action
from circle.domain.circles.norms import default_norms
from circle.errors import CircleError
from circle.store.errors import ValidationError

if TYPE_CHECKING:
    from circle.domain.circles.members import Member
    from circle.store.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "circles",
        help="list circles, or add one",
        description="List the circles in the data home, with their last session and their members, each "
        "with the login name they act as (--actor NAME). Each circle's short name (its folder name) is in "
        "brackets: it names the circle in every command, with no quotes needed.",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--plain", action="store_true", help="one circle per line (the default)")
    output.add_argument("--json", action="store_true", help="a JSON list, for scripts")
    actions = parser.add_subparsers(dest="circles_action", metavar="ACTION")
    add = actions.add_parser("add", help="create a circle", description="Create a circle with the default norms.")
    add.add_argument("name", metavar="NAME", help="the circle's name")
    add.add_argument("--description", default="", help="a line about the circle")
    # SUPPRESS: `circle circles --json add X` keeps the --json given before `add`.
    add.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print the new circle as JSON")
    add.set_defaults(func=run_add)
    facilitators = actions.add_parser(
        "facilitators", help="show or name who runs a circle's sessions",
        description="Show who facilitates a circle (runs sessions, edits members, norms and agreement): "
        "its mentors, unless it names its own. Give usernames of its members to name them; --mentors goes "
        "back to its mentors.",
    )
    facilitators.add_argument("circle", metavar="CIRCLE", help="the circle's name or slug")
    facilitators.add_argument("usernames", nargs="*", metavar="USERNAME", help="members' usernames")
    facilitators.add_argument("--mentors", action="store_true", help="its mentors facilitate again")
    facilitators.set_defaults(func=run_facilitators)
    parser.set_defaults(func=run_list)


def describe(repo: Repository, circle: dict, members: list[Member] | None = None) -> dict[str, Any]:
    """A circle with its member count and the start of its latest session."""
    slug = circle["slug"]
    members = repo.list_members(slug) if members is None else members
    started = None
    if repo.may(Action.READ, slug):  # an admin outside the circle sees its roster, not its sessions
        latest = repo.latest_session_id(slug)
        started = repo.get_session(slug, latest).get("started") if latest else None
    return {
        "slug": slug,
        "name": circle["name"],
        "description": circle.get("description", ""),
        "created": circle.get("created"),
        "members": len(members),
        "last_session": started,
    }


def run_list(args: argparse.Namespace) -> int:
    """Every circle that reads; each damaged one is named on stderr (exit 1), the others still listed."""
    repo = open_repository(args)
    found, damaged = repo.readable_circles()
    circles, rosters = [], []
    for circle in found:
        try:
            members = repo.list_members(circle["slug"])
            circles.append(describe(repo, circle, members))
        except CircleError as error:
            damaged.append(error)
        else:
            rosters.append(members)
    for error in damaged:
        print(f"circle: {error}", file=sys.stderr)
    status = 1 if damaged else 0
    if args.json:
        print_json(circles)
        return status
    if not circles and not damaged:
        print(nothing_listed(repo))
        return 0
    for circle, roster in zip(circles, rosters):
        members = f"{circle['members']} member{'s' if circle['members'] != 1 else ''}"
        last = f"last session {str(circle['last_session'])[:10]}" if circle["last_session"] else "no sessions yet"
        if not repo.may(Action.READ, circle["slug"]):
            last = "its sessions are its members' only"
        print(f"{circle['name']} ({circle['slug']}): {members}, {last}")
        for member in roster:
            print(member_line(member))
    return status


def member_line(member: Member) -> str:
    """e.g. '  Ana Lopez, login alopez, mentor': the names a member is found by (--actor, --member)."""
    from circle.commands.goal_text import safe

    login = f"login {member.username}" if member.username else "no login name"
    return safe(f"  {member.name}, {login}, {member.role}")


def nothing_listed(repo: Repository) -> str:
    """What an empty list says: how to make a circle, to whoever may; whom to ask, to a teacher who may not."""
    if repo.may(Action.CREATE_CIRCLE):
        return f"No circles yet. Create one with: {hints.command('circles', 'add', 'NAME')}"
    return (f"You are not in a circle yet. Your school's circle administrator adds you to one, "
            f"with the username {repo.actor}.")


def run_facilitators(args: argparse.Namespace) -> int:
    from circle.commands.goal_text import safe

    repo = open_repository(args)
    if args.mentors and args.usernames:
        raise ValidationError("give usernames, or --mentors, not both")
    if args.mentors or args.usernames:
        repo.set_facilitators(args.circle, args.usernames)
    circle = repo.get_circle(args.circle)
    named = repo.get_facilitators(circle["slug"])
    who = ", ".join(named) if named else "its mentors"
    print(safe(f"{circle['name']} is facilitated by {who}."))
    return 0


def run_add(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    # A new circle starts with the default norms, for its members to make their own.
    circle = repo.create_circle(args.name, args.description, norms=default_norms())
    if args.json:
        print_json(describe(repo, circle))
    else:
        print(f"Created {circle['name']} ({circle['slug']}).")
        print(f"Add members with: {hints.command('import', 'ROSTER.csv', '--circle', circle['slug'])}")
    return 0
