"""``circle import ROSTER.csv --circle NAME [--dry-run]``: add members from a roster file.

Nothing is added unless every row of the file is good; --dry-run shows what
would be added and changes nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from circle.commands.access import open_repository
from circle.store.errors import StoreError, ValidationError, describe_os_error

if TYPE_CHECKING:
    from circle.domain.circles.roster import RosterRow
    from circle.store.repository import Repository

# circle.domain.circles.roster (and the csv module) load when a roster is read: every
# other command builds this parser without them.


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="add members to a circle from a roster CSV",
        description=(
            "Add members to a circle from a CSV file with a header row: 'name' is required; "
            "'role' (mentor, mentee, peer; default peer), 'experience' (new, veteran; default "
            "veteran) and 'username' (their login name) are optional; other columns are ignored. "
            "If any row is bad, every bad row is listed with its line number and nothing is added."
        ),
    )
    parser.add_argument("roster", metavar="ROSTER.csv", help="the roster file ('-' reads standard input)")
    parser.add_argument("--circle", required=True, metavar="NAME", help="the circle's name or slug")
    parser.add_argument("--dry-run", action="store_true", help="show what would be added; change nothing")
    parser.add_argument("--create", action="store_true",
                        help="create the circle (with the default norms) when there is none of that name")
    parser.set_defaults(func=run)


def _read(path: str) -> bytes:
    from circle.domain.circles.roster import RosterError

    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise RosterError(f"{path}: is a folder, not a roster file") from None
    except OSError as error:
        raise RosterError(f"cannot read {path}: {describe_os_error(error)}") from None


def _fields(row: RosterRow) -> dict[str, Any]:
    return {"name": row.name, "role": row.role, "experience": row.experience, "username": row.username}


def _refuse_what_the_store_would(source: str, rows: Sequence[RosterRow], new: list[dict[str, Any]]) -> None:
    """Every row checked with the store's own rules before anything is written; all bad rows listed."""
    from circle.domain.circles.roster import RosterError
    from circle.store.members import check_member

    bad = []
    for row, fields in zip(rows, new):
        try:
            check_member(fields)
        except ValidationError as error:
            bad.append(f"  {source}, line {row.line}: {error}")
    if bad:
        raise RosterError(f"{source}: {len(bad)} bad row{'s' if len(bad) != 1 else ''}; nothing was imported\n" + "\n".join(bad))


def _circle(repo: Repository, args: argparse.Namespace) -> dict:
    """The circle to add to; with --create, one not there yet is named (and made when adding)."""
    from circle import hints
    from circle.domain.server.access import Action
    from circle.store.errors import NotFound

    try:
        return repo.get_circle(args.circle)
    except NotFound as error:
        if args.create:
            return {"name": args.circle}
        if not repo.may(Action.CREATE_CIRCLE):  # a hint is for those who may take it
            raise
        raise NotFound(f"{error}. Create it first with: {hints.command('circles', 'add', args.circle)}, "
                       f"or import with --create to create it") from None


def run(args: argparse.Namespace) -> int:
    from circle.domain.circles.roster import RosterError, decode_roster, parse_roster

    source = "standard input" if args.roster == "-" else args.roster
    text = decode_roster(_read(args.roster), source)
    repo = open_repository(args)
    circle = _circle(repo, args)
    existing = repo.list_members(circle["slug"]) if circle.get("slug") else []
    roster = parse_roster(text, source, existing)
    roster.require_clean()
    if not roster.rows:
        raise RosterError(f"{source}: the header is there but no members are listed below it")
    count = len(roster.rows)
    members = f"{count} member{'s' if count != 1 else ''}"
    if args.dry_run:
        new = " (a new circle, created without --dry-run)" if not circle.get("slug") else ""
        print(f"Would add {members} to {circle['name']}{new} (dry run: nothing changed):")
        for row in roster.rows:
            print(f"  line {row.line}: {row.describe()}")
        return 0
    new = [_fields(row) for row in roster.rows]
    _refuse_what_the_store_would(source, roster.rows, new)  # before a circle is made for them
    if not circle.get("slug"):
        from circle.domain.circles.norms import default_norms

        circle = repo.create_circle(circle["name"], "", norms=default_norms())
        print(f"Created the circle {circle['name']}.")
    try:
        repo.add_members(circle["slug"], new)  # all or nothing: one write of the circle's file
    except StoreError as error:
        raise StoreError(f"{source}: {error}. No member was added; the circle is as it was.") from error
    print(f"Added {members} to {circle['name']}:")
    for row in roster.rows:
        print(f"  {row.describe()}")
    return 0
