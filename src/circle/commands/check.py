"""``circle check [--restore]``: find damaged data files; put their last good copies back."""

from __future__ import annotations

from typing import TYPE_CHECKING

import argparse
import sys

from circle import hints
from circle.commands.access import open_repository
from circle.commands.output import print_json
from circle.domain.server.access import Action
from circle.errors import CircleError

if TYPE_CHECKING:
    from circle.store.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="find damaged data files, and restore their last good copies",
        description=(
            "Read every circle and session file in the data home and list those that are damaged, "
            "with whether a good copy of each was kept (every save keeps the version it replaces as "
            "NAME.bak). With --restore, each damaged file with a good copy gets that copy back; the "
            "damaged file is kept beside it as NAME.damaged-TIME. Symbolic links inside the data home "
            "(never followed) and files or folders others may read are listed too, and so is any line "
            "between circle's markers in authorized_keys that circle did not write. "
            "Exit status 1 while a damaged file, a link, a loosened mode or such a line remains."
        ),
    )
    parser.add_argument("--restore", action="store_true", help="put the good copies back")
    parser.add_argument("--json", action="store_true", help="the damaged files as a JSON list, for scripts")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from circle.commands.teachers import foreign_line_report, print_foreign_lines
    from circle.store.home_audit import find_exposures
    from circle.store.repair import find_damaged

    repo = open_repository(args)
    repo.require(Action.CHECK)
    count, damaged = find_damaged(repo.home)
    if args.restore and damaged:
        damaged = restore_all(repo, damaged, report=sys.stderr if args.json else sys.stdout)
    exposures = find_exposures(repo.home)
    foreign = foreign_line_report(repo.home)
    if args.json:
        print_json(
            [{"path": str(d.path), "problem": d.detail, "good_copy": str(d.backup) if d.backup_good else None}
             for d in damaged]
            + [{"path": str(e.path), "problem": e.problem, "good_copy": None} for e in exposures]
            + [{"path": f.file, "problem": f.problem, "good_copy": None} for f in foreign])
        return 1 if damaged or exposures or foreign else 0
    print_foreign_lines(foreign)
    if not damaged and not exposures:
        print(f"{count} data file{'s' if count != 1 else ''} in {repo.home}: none is damaged.")
        return 1 if foreign else 0
    for item in damaged:
        print(f"damaged: {item.path} ({item.detail}); {_remedy(item)}")
    for exposure in exposures:
        print(f"exposed: {exposure.path} ({exposure.problem})")
    if any(item.backup_good for item in damaged) and not args.restore:
        print(f"`{hints.command('check', '--restore')}` puts the good copies back (each damaged file is kept beside it).")
    if exposures:
        print("Remove the links inside the home and give the files mode 0600 and folders 0700 "
              "(circle does so when it saves).")
    return 1


def _remedy(item) -> str:
    if item.backup_good:
        return f"a good copy: {item.backup}"
    if item.advice:
        return "only a driver's note: `circle check --restore` sets it aside, and the next driver writes it anew"
    return "no good copy was kept"


def restore_all(repo: Repository, damaged: list, *, report) -> list:
    """Restore each file that has a good copy; the ones still damaged."""
    from circle.store.repair import restore

    stamp = repo.clock.now().strftime("%Y%m%dT%H%M%S")
    left = []
    for item in damaged:
        try:
            done = restore(item, stamp)
        except CircleError as error:
            print(f"circle: {error}", file=sys.stderr)
            left.append(item)
            continue
        if done.kept_as is None:
            print(f"{item.path} reads again: nothing to restore", file=report)
        elif item.advice:
            print(f"set {item.path} aside as {done.kept_as}", file=report)
        else:
            print(f"restored {item.path} from {item.backup}; the damaged file is kept as {done.kept_as}", file=report)
    return left
