"""``circle import ROSTER.csv --circle NAME [--dry-run]``: add members from a roster file.

Nothing is added unless every row of the file is good; --dry-run shows what
would be added and changes nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from circle.commands.access import open_repository
from circle.domain.server.access import Action
from circle.store.errors import StoreError, ValidationError, describe_os_error

if TYPE_CHECKING:
    from circle.domain.circles.roster import RosterRow
    from circle.store.repository import Repository

# circle.domain.circles.roster (and the csv module) load when a roster is read: every
# other command builds this parser without them.

ROSTER_LIMIT = 1024 * 1024  # bytes: tens of thousands of members; a roster is never near it
LIMIT_SHOWN = f"{ROSTER_LIMIT // 1024 // 1024} MiB"


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


def _read_limited(stream: BinaryIO, source: str) -> bytes:
    """At most ROSTER_LIMIT + 1 bytes of stream, never more: one byte over is enough to refuse."""
    from circle.domain.circles.roster import RosterError

    data = bytearray()
    while len(data) <= ROSTER_LIMIT:
        chunk = stream.read1(ROSTER_LIMIT + 1 - len(data))
        if not chunk:
            break
        data += chunk
    if len(data) > ROSTER_LIMIT:
        raise RosterError(f"{source} is over {LIMIT_SHOWN}, the most a roster may be; nothing was imported")
    return bytes(data)


def _read(path: str) -> bytes:
    """The roster's bytes. Standard input counts only when it ended with a final line break:
    one cut off (a dropped connection, a killed program) may end anywhere in a row."""
    from circle.domain.circles.roster import RosterError

    if path == "-":
        import sys

        if sys.stdin is None:
            raise RosterError("standard input is closed: give the roster on it, or name a roster file")
        data = _read_limited(sys.stdin.buffer, "standard input")
        if data and not data.endswith(b"\n"):
            raise RosterError("standard input ended without a final line break, so the roster may be cut off; "
                              "nothing was imported")
        return data
    try:
        with open(path, "rb") as file:
            return _read_limited(file, path)
    except IsADirectoryError:
        raise RosterError(f"{path}: is a folder, not a roster file") from None
    except OSError as error:
        raise RosterError(f"cannot read {path}: {describe_os_error(error)}") from None


def _still_connected(args: argparse.Namespace) -> None:
    """A roster from standard input is written only if the client is still there after reading it:
    a hang-up may have cut it at the end of a row."""
    from circle.commands.connection import hung_up
    from circle.domain.circles.roster import RosterError

    if args.roster == "-" and hung_up():
        raise RosterError("the connection was lost while the roster was read; nothing was imported")


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
    repo = open_repository(args)
    circle = _circle(repo, args)
    # Who may import is settled before a byte of the roster is read.
    if circle.get("slug"):
        repo.require(Action.MANAGE_MEMBERS, circle["slug"])
    else:
        repo.require(Action.CREATE_CIRCLE)
    text = decode_roster(_read(args.roster), source)
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
    _still_connected(args)
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
