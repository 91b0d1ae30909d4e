"""`circle plans`: list the session plans and prompt decks, show one, check plan files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from circle.commands.output import print_json
from circle.domain.plans.plan import Plan
from circle.store import plan_files
from circle.store.home import resolve_home


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plans",
        help="list session plans and prompt decks; check a plan file",
        description="List the session plans (shipped ones and your own in HOME/plans), "
        "show one, list the prompt decks, or check plan files.",
    )
    _add_json(parser, default=False)
    parser.set_defaults(func=run, plans_action="list")
    actions = parser.add_subparsers(dest="plans_action", metavar="ACTION")
    listing = actions.add_parser("list", help="list the plans (the default)")
    _add_json(listing)
    show = actions.add_parser("show", help="show one plan's phases")
    show.add_argument("name", help="the plan's name")
    _add_json(show)
    decks = actions.add_parser("decks", help="list the prompt decks")
    _add_json(decks)
    check = actions.add_parser(
        "check",
        help="check plan files (all plans and decks when no FILE is given)",
        description="Exit 0 when every FILE is a usable plan (warnings are printed), "
        "1 when one has errors: one line per problem naming the file, phase and key.",
    )
    check.add_argument("files", nargs="*", metavar="FILE", type=Path)
    _add_json(check)


def _add_json(parser: argparse.ArgumentParser, default: Any = argparse.SUPPRESS) -> None:
    # Sub-actions suppress their default so `circle plans --json list` keeps the flag.
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", default=default, help="print JSON")
    output.add_argument("--plain", action="store_true", default=default,
                        help="print plain text, one item per line (the default)")


def run(args: argparse.Namespace) -> int:
    # Read only: listing and checking plans never creates the data home.
    home = resolve_home(args.home)
    action = {"list": _list, "show": _show, "decks": _decks, "check": _check}
    return action[args.plans_action or "list"](args, home)


def _is_users(plan: Plan, home: Path) -> bool:
    return Path(plan.source).parent == plan_files.user_plans_dir(home)


def _list(args: argparse.Namespace, home: Path) -> int:
    scan = plan_files.scan_plans(home)
    plans = [scan.plans[name] for name in sorted(scan.plans)]
    if args.json:
        rows = [{"name": p.name, "title": p.title, "minutes": p.minutes, "phases": len(p.phases),
                 "source": p.source, "user": _is_users(p, home)} for p in plans]
        print_json(rows)
    else:
        width = max((len(p.name) for p in plans), default=0)
        for plan in plans:
            mark = "  (your plan)" if _is_users(plan, home) else ""
            print(f"{plan.name:<{width}}  {plan.minutes:>3g} min  {len(plan.phases):>2} phases  "
                  f"{plan.title}{mark}")
    for check in scan.broken:
        print(f"circle: left out {check.errors[0].file}: {len(check.errors)} error(s); "
              f"see `circle plans check {check.errors[0].file}`", file=sys.stderr)
    return 1 if scan.broken else 0


def _show(args: argparse.Namespace, home: Path) -> int:
    plan = plan_files.load_plan(args.name, home)
    if args.json:
        print_json(plan.to_dict())
        return 0
    print(f"{plan.title} ({plan.name}, {plan.minutes:g} minutes)")
    print(plan.description)
    if plan.leader:
        print(f"Led phases: the leader is picked at check-in (by default: {plan.leader})")
    for number, phase in enumerate(plan.phases, start=1):
        extra = [phase.turns]
        if phase.speaker_seconds:
            extra.append(f"{phase.speaker_seconds} s each")
        if phase.deck:
            extra.append(f"deck {phase.deck}")
        if phase.led:
            extra.append("led")
        print(f"{number}. {phase.title}: {phase.minutes:g} min, {', '.join(extra)}")
        print(f"   {phase.guidance}")
    return 0


def _decks(args: argparse.Namespace, home: Path) -> int:
    """Every deck that loads; each file that does not is named on stderr (exit 1)."""
    scan = plan_files.scan_decks(home)
    decks = scan.decks
    rows = [{"name": d.name, "title": d.title, "kind": d.kind, "prompts": len(d.prompts)}
            for d in sorted(decks.values(), key=lambda d: d.name)]
    if args.json:
        print_json(rows)
    else:
        width = max((len(r["name"]) for r in rows), default=0)
        for row in rows:
            print(f"{row['name']:<{width}}  {row['kind']:<11}  {row['prompts']:>3} prompts  "
                  f"{row['title']}")
    for problem in scan.problems:
        print(f"circle: left out a deck: {problem}", file=sys.stderr)
    return 1 if scan.problems else 0


def _check(args: argparse.Namespace, home: Path) -> int:
    decks = plan_files.scan_decks(home)
    if args.files:
        checks = [plan_files.check_plan_file(path, decks.decks.keys()) for path in args.files]
        deck_problems: tuple = ()
    else:
        checks = list(plan_files.scan_plans(home, decks.decks.keys()).checks)
        deck_problems = decks.problems
    problems = [p for c in checks for p in c.problems] + list(deck_problems)
    failed = any(p.is_error for p in problems)
    if args.json:
        print_json({"ok": not failed, "problems": [p.to_dict() for p in problems]})
    else:
        for problem in problems:
            print(problem, file=sys.stderr)
        for check in checks:
            if check.plan is not None:
                plan = check.plan
                print(f"{plan.source}: ok: '{plan.name}', {len(plan.phases)} phases, "
                      f"{plan.minutes:g} minutes")
    return 1 if failed else 0
