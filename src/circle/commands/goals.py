"""``circle goals``: review a member's SMART goals; ``add`` and ``update`` them from scripts.

The review opens full screen; ``--plain`` and ``--json`` print it without importing Textual.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Callable

from circle import hints
from circle.commands.access import open_repository
from circle.commands.output import print_json
from circle.collector import hold_collector
from circle.domain.clock import Clock, SystemClock
from circle.domain.goals.due_dates import ACCEPTED, parse_optional_due

# The goal modules load in the actions that use them: every other command (and
# the app's start) builds this parser without paying for them.
if TYPE_CHECKING:
    from circle.domain.goals.changes import GoalChange
    from circle.domain.goals.goal import Goal

# The wall clock the commands read; tests put a ManualClock here.
clock_factory: Callable[[], Clock] = SystemClock

WORDING_OPTIONS = (
    ("--title", "the specific what"),
    ("--measure", "how you will know it worked"),
    ("--action", "the first action"),
    ("--realistic", "what could get in the way, and what support would help"),
)


def _narrowing(parser: argparse.ArgumentParser, *, inner: bool = False) -> None:
    # In an action's parser, an option left out keeps what was given before the action's name.
    default = argparse.SUPPRESS if inner else None
    parser.add_argument("--member", metavar="NAME", default=default,
                        help="a member's name, first name, username or id (default: the acting user)")
    parser.add_argument("--circle", metavar="NAME", default=default, help="only this circle (name or slug)")


def _json_flag(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=text)


def _wording(parser: argparse.ArgumentParser, *, title_required: bool) -> None:
    for flag, text in WORDING_OPTIONS:
        parser.add_argument(flag, metavar="TEXT", help=text, required=title_required and flag == "--title")
    parser.add_argument("--due", metavar="WHEN", help=f"the due date: {ACCEPTED}")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "goals",
        help="review SMART goals, or add and update them",
        description="Review a member's SMART goals across their circles: overdue first, then by due date.",
    )
    _narrowing(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--plain", action="store_true", help="print the goals as plain text")
    output.add_argument("--json", action="store_true", help="print the goals as JSON, for scripts")
    parser.add_argument("--all", action="store_true", help="include achieved, reworked and dropped goals")
    parser.set_defaults(func=run_review)
    actions = parser.add_subparsers(dest="goals_action", metavar="ACTION")

    add = actions.add_parser("add", help="add a goal", description="Add a SMART goal for a member.")
    _narrowing(add, inner=True)
    _wording(add, title_required=True)
    _json_flag(add, "print the saved goal as JSON")
    add.set_defaults(func=run_add)

    update = actions.add_parser(
        "update",
        help="log progress, or mark a goal achieved, reworked or dropped",
        description="Log progress on a goal, or change its status. A rework takes the new wording "
        "(--title, --measure, --action, --realistic, --due); the old wording stays in its history.",
    )
    update.add_argument("goal_id", metavar="GOAL_ID", help=f"the goal's id ({hints.command('goals', '--plain')} shows it)")
    update.add_argument("--circle", metavar="NAME", default=argparse.SUPPRESS,
                        help="the circle the goal is in, when ids clash")
    update.add_argument("--progress", metavar="PERCENT", type=int, help="progress from 0 to 100")
    update.add_argument("--note", metavar="TEXT", default="", help="a progress note, or a note on the status change")
    update.add_argument("--status", choices=("achieved", "reworked", "dropped"), help="close or rework the goal")
    update.add_argument("--reason", metavar="TEXT", default="", help="why the goal is dropped")
    _wording(update, title_required=False)
    _json_flag(update, "print the changed goal(s) as JSON")
    update.set_defaults(func=run_update)


def _print_json(data: Any) -> None:
    print_json(data)


def run_review(args: argparse.Namespace) -> int:
    from circle.commands.goal_text import review_text
    from circle.domain.goals.review import collect, find_members

    repo = open_repository(args)
    refs = find_members(repo, member=args.member, circle=args.circle, actor=args.actor)
    today = clock_factory().now().date()
    if args.json or args.plain:
        rows = collect(repo, refs, today, include_closed=args.all)
        # Circles that could not be read were left out: say which, and exit 1.
        damaged = repo.readable_circles()[1] if args.circle is None else []
        for error in damaged:
            print(f"circle: {error}", file=sys.stderr)
        if args.json:
            _print_json({
                "today": today.isoformat(),
                "members": [{"circle": r.circle, "circle_name": r.circle_name, "member": r.member.id,
                             "name": r.member.name} for r in refs],
                "goals": [row.to_dict(today) for row in rows],
            })  # fmt: skip
        else:
            print(review_text(refs, rows, today, include_closed=args.all))
        return 1 if damaged else 0
    hold_collector()
    from circle.ui.goals.launch import run_review_app  # Textual only when the screen opens

    run_review_app(repo, refs, clock=clock_factory(), include_closed=args.all)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from circle.commands.goal_text import goal_lines
    from circle.domain.goals.changes import GoalChange, Wording, apply_change
    from circle.domain.goals.review import find_members
    from circle.domain.goals.goal import Goal, GoalError

    repo = open_repository(args)
    refs = find_members(repo, member=args.member, circle=args.circle, actor=args.actor)
    if len(refs) > 1:
        circles = ", ".join(ref.circle_name for ref in refs)
        raise GoalError(f"{refs[0].member.name} is in several circles ({circles}): add --circle NAME")
    ref = refs[0]
    now = clock_factory().now()
    wording = Wording(args.title, args.measure or "", args.action or "", args.realistic or "",
                      parse_optional_due(args.due, now.date()))  # fmt: skip
    result = apply_change(repo, GoalChange("added", ref.circle, ref.member.id, wording=wording), at=now, by=args.actor)
    goal = Goal.from_dict(result.goal)
    if args.json:
        _print_json({"id": result.goal["id"]} | result.goal)
    else:
        print(f"Added goal {goal.id} for {ref.label}:")
        print("\n".join(goal_lines(goal, now.date())))
    return 0


def _change_for(args: argparse.Namespace, circle: str, goal: Goal, today) -> GoalChange:
    """The change the options ask for; a clear error for options that do not go together."""
    from circle.domain.goals.changes import GoalChange, Wording
    from circle.domain.goals.goal import GoalError

    wording_given = any(getattr(args, flag[2:]) is not None for flag, _ in WORDING_OPTIONS) or args.due is not None
    if args.status != "reworked" and wording_given:
        raise GoalError("new wording (--title, --measure, --action, --realistic, --due) is a rework: add --status reworked")
    if args.status and args.progress is not None:
        raise GoalError("--progress logs progress on an active goal: give it without --status")
    if args.reason and args.status != "dropped":
        raise GoalError("--reason goes with --status dropped")
    base = dict(circle=circle, member=goal.member, goal_id=goal.id)
    if args.status is None:
        if args.progress is None and not args.note.strip():
            raise GoalError("nothing to update: give --progress PERCENT and/or --note TEXT, or --status")
        return GoalChange("progress", percent=args.progress, note=args.note, **base)
    if args.status == "dropped":
        if not args.reason.strip():
            raise GoalError("dropping a goal needs --reason TEXT: say why it no longer fits")
        return GoalChange("dropped", reason=args.reason, **base)
    if args.status == "achieved":
        return GoalChange("achieved", note=args.note, **base)
    if not wording_given:
        raise GoalError("a rework needs the new wording: give --title and/or --measure, --action, --realistic, --due")
    due = goal.due if args.due is None else parse_optional_due(args.due, today)
    wording = Wording(*(getattr(args, flag[2:]) if getattr(args, flag[2:]) is not None else getattr(goal, flag[2:])
                        for flag, _ in WORDING_OPTIONS), due=due)  # fmt: skip
    return GoalChange("reworked", note=args.note, wording=wording, **base)


def run_update(args: argparse.Namespace) -> int:
    from circle.commands.goal_text import goal_lines
    from circle.domain.goals.changes import apply_change
    from circle.domain.goals.review import find_goal, member_of
    from circle.domain.goals.goal import Goal

    repo = open_repository(args)
    circle, goal = find_goal(repo, args.goal_id, circle=args.circle)
    now = clock_factory().now()
    change = _change_for(args, circle["slug"], goal, now.date())
    result = apply_change(repo, change, at=now, by=args.actor)
    if args.json:
        _print_json({"goal": result.goal, "successor": result.successor})
        return 0
    who = member_of(repo, circle, goal.member).name
    changed = Goal.from_dict(result.goal)
    print(f"Goal {changed.id} of {who} in {circle['name']}: {change.kind}")
    print("\n".join(goal_lines(changed, now.date())))
    if result.successor is not None:
        successor = Goal.from_dict(result.successor)
        print(f"New wording, goal {successor.id}:")
        print("\n".join(goal_lines(successor, now.date())))
    return 0
