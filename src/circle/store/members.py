"""Members of a circle: added, changed and removed (removal keeps them in history as inactive)."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from circle.domain.server.access import Action, Actor
from circle.domain.circles.members import Member
from circle.store.base import RECORD, CircleRef, RepositoryBase, find_doc_id
from circle.store.errors import NotFound, ValidationError
from circle.store.ids import short_id
from circle.store.needs import needs
from circle.store.validation import check_experience, check_role, check_username, clean_name, name_key

if TYPE_CHECKING:
    from tinydb import TinyDB  # imported at run time only where a handle is made

MEMBER_FIELDS = ("name", "role", "experience", "username", "active")


def check_member(fields: dict[str, Any]) -> dict[str, Any]:
    """A new member's fields as the store will save them; ValidationError saying what is wrong."""
    return _check_fields({"role": "peer", "experience": "veteran", "username": None, **fields})


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    checked = dict(fields)
    if "name" in checked:
        checked["name"] = clean_name(checked["name"], "member name")
    if "role" in checked:
        checked["role"] = check_role(checked["role"])
    if "experience" in checked:
        checked["experience"] = check_experience(checked["experience"])
    if "username" in checked:
        checked["username"] = check_username(checked["username"])
    if "active" in checked and not isinstance(checked["active"], bool):
        raise ValidationError("a member's active flag must be true or false")
    return checked


def _refuse_duplicates(rows: list[dict[str, Any]], candidate: dict[str, Any]) -> None:
    """Two active members of one circle may not share a name or a username."""
    if not candidate.get("active", True):
        return
    for row in rows:
        if row.get("id") == candidate.get("id") or not row.get("active", True):
            continue
        if name_key(row["name"]) == name_key(candidate["name"]):
            raise ValidationError(f"this circle already has a member named {row['name']!r}")
        username = candidate.get("username")
        if username and row.get("username") == username:
            raise ValidationError(f"the username {username!r} already belongs to {row['name']!r}")


def _refuse_new_duplicate(
    position: int, fields: dict[str, Any], names: dict[str, str], logins: dict[str, str]
) -> None:
    """The duplicate rule of _refuse_duplicates, for many new members at once (sets, not scans)."""
    key = name_key(fields["name"])
    if key in names:
        raise ValidationError(f"member {position}: this circle already has a member named {names[key]!r}")
    username = fields.get("username")
    if username and username in logins:
        raise ValidationError(f"member {position}: the username {username!r} already belongs to {logins[username]!r}")
    names[key] = fields["name"]
    if username:
        logins[username] = fields["name"]


def _login(value: Any) -> str | None:
    """A username as the store will save it; None for one it refuses (the method then says why)."""
    try:
        return check_username(value)
    except ValidationError:
        return None


def _new_login(repo: Any, actor: Actor, circle: CircleRef, arguments: Mapping[str, Any]) -> None:
    repo._refuse_own_membership(actor, circle, lambda slug: [_login(arguments["username"])])


def _new_logins(repo: Any, actor: Actor, circle: CircleRef, arguments: Mapping[str, Any]) -> None:
    new = arguments["new"]
    rows = new if isinstance(new, Sequence) else []
    repo._refuse_own_membership(
        actor, circle, lambda slug: [_login(row.get("username")) for row in rows if isinstance(row, Mapping)]
    )


def _changed_login(repo: Any, actor: Actor, circle: CircleRef, arguments: Mapping[str, Any]) -> None:
    """The username a change gives the member, and the one the member has: one's own record
    (its role, or its return after removal) is not for changing without facilitating."""

    def touched(slug: str) -> list[str | None]:
        fields = arguments["fields"]
        rows = repo._read_circle_tables(slug).get("members", {}).values()
        now = [row.get("username") for row in rows if row.get("id") == arguments["member_id"]]
        return now + ([_login(fields["username"])] if "username" in fields else [])

    repo._refuse_own_membership(actor, circle, touched)


class MembersMixin(RepositoryBase):
    @needs(Action.SEE_CIRCLE)
    def list_members(self, circle: CircleRef, include_inactive: bool = False) -> list[Member]:
        """Members in roster order (the order they were added)."""
        rows = self._read_circle_db(circle).table("members").all()
        return [Member.from_dict(row) for row in rows if include_inactive or row.get("active", True)]

    @needs(Action.READ)
    def circle_with_roster(self, circle: CircleRef) -> tuple[dict[str, Any], list[Member]]:
        """The circle's whole record (norms and agreement too) and every member, removed ones
        included, in roster order: what opening a session needs, from one read of its file."""
        slug, tables = self._locate_circle(circle)
        tables = tables or self._read_circle_tables(slug)
        members = [Member.from_dict(row) for row in tables.get("members", {}).values()]
        return copy.deepcopy(tables["circle"][str(RECORD)]), members

    @needs(Action.MANAGE_MEMBERS, rule=_new_login)
    def add_member(
        self,
        circle: CircleRef,
        name: str,
        role: str = "peer",
        experience: str = "veteran",
        username: str | None = None,
    ) -> Member:
        fields = _check_fields(
            {"name": name, "role": role, "experience": experience, "username": username}
        )
        with self._write_circle_db(circle) as db:
            table = db.table("members")
            rows = [dict(row) for row in table.all()]
            member_id = short_id("m", self.rng, {row.get("id") for row in rows})
            record = self._stamp_new({"id": member_id, **fields, "active": True})
            _refuse_duplicates(rows, record)
            table.insert(record)
        return Member.from_dict(record)

    @needs(Action.MANAGE_MEMBERS, rule=_new_logins)
    def add_members(self, circle: CircleRef, new: Sequence[dict[str, Any]]) -> list[Member]:
        """Add every member, or none: each is checked, then the circle file is written once.

        ValidationError names the first bad entry (by its position, from 1) and nothing is saved.
        """
        checked = []
        for position, fields in enumerate(new, start=1):
            try:
                checked.append(check_member(fields))
            except ValidationError as error:
                raise ValidationError(f"member {position}: {error}") from error
        with self._write_circle_db(circle) as db:
            table = db.table("members")
            rows = [dict(row) for row in table.all()]
            taken = {row.get("id") for row in rows}
            names = {name_key(row["name"]): row["name"] for row in rows if row.get("active", True)}
            logins = {row["username"]: row["name"] for row in rows if row.get("active", True) and row.get("username")}
            records = []
            for position, fields in enumerate(checked, start=1):
                _refuse_new_duplicate(position, fields, names, logins)
                member_id = short_id("m", self.rng, taken)
                taken.add(member_id)
                records.append(self._stamp_new({"id": member_id, **fields, "active": True}))
            table.insert_multiple(records)  # saved when the block ends: one write for all
        return [Member.from_dict(record) for record in records]

    @needs(Action.MANAGE_MEMBERS, rule=_changed_login)
    def update_member(self, circle: CircleRef, member_id: str, **fields: Any) -> Member:
        unknown = sorted(set(fields) - set(MEMBER_FIELDS))
        if unknown:
            raise ValidationError(
                f"a member has no field {', '.join(unknown)}; it can change: {', '.join(MEMBER_FIELDS)}"
            )
        checked = _check_fields(fields)
        with self._write_circle_db(circle) as db:
            record = self._change_member(db, circle, member_id, checked)
        return Member.from_dict(record)

    @needs(Action.MANAGE_MEMBERS)
    def remove_member(self, circle: CircleRef, member_id: str) -> None:
        """The member leaves the roster; their goals, turns and airtime stay in the history."""
        with self._write_circle_db(circle) as db:
            self._change_member(db, circle, member_id, {"active": False})

    def _change_member(
        self, db: TinyDB, circle: CircleRef, member_id: str, fields: dict[str, Any]
    ) -> dict[str, Any]:
        table = db.table("members")
        rows = {row.doc_id: dict(row) for row in table.all()}
        doc_id = find_doc_id(rows, "id", member_id)
        if doc_id is None:
            raise NotFound(f"circle {self._slug(circle)!r} has no member with id {member_id!r}")
        record = {**rows[doc_id], **fields}
        self._stamp_update(record)
        _refuse_duplicates(list(rows.values()), record)
        table.update(record, doc_ids=[doc_id])
        return record
