"""Every circle's name, agreement, roster and named facilitators from the home's circle index:
what the home screen, the goal review, the list of circles and the access checks on a school
server need, without reading every circle file (with its goals and their history) in full."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from circle.domain.server.access import Action, CircleFacts, circle_facts
from circle.domain.circles.members import Member
from circle.store.base import CIRCLE_FILE, RECORD, RepositoryBase, check_circle_tables
from circle.store.circles import circle_view
from circle.store.errors import StoreError
from circle.store.index import CIRCLE_INDEX, read_indexed
from circle.store.inside import real_folder
from circle.store.locked_db import read_tables
from circle.store.needs import lists_circles
from circle.store.validation import name_key


CIRCLE_KIND = "circles"


@dataclass(frozen=True)
class Roster:
    slug: str
    circle: dict[str, Any]  # what list_circles gives, and the agreement
    rows: tuple[dict[str, Any], ...]  # the members as saved, removed ones too, in roster order

    @cached_property
    def members(self) -> tuple[Member, ...]:
        return tuple(Member.from_dict(row) for row in self.rows)

    @property
    def active(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.active)

    @cached_property
    def search_text(self) -> str:
        """Every member's id, login name and name, casefolded, runs of spaces made one: a
        name, login or id matched exactly (or a first name) is a part of this text, so a
        roster without it need not be looked at member by member."""
        fields = (f"{row.get('id')} {row.get('username') or ''} {row.get('name')}" for row in self.rows)
        return " ".join(" ".join(fields).split()).casefold()


def _entry(path: Path) -> dict[str, Any]:
    tables = read_tables(path) or {}
    check_circle_tables(tables, path)  # the same shape rules as every other read of the file
    record = tables["circle"][str(RECORD)]
    circle = circle_view(record) | {"agreement": record.get("agreement") or {}}
    named = record.get("facilitators")
    return {
        "circle": circle,
        "members": list(tables.get("members", {}).values()),
        # As stored, for the access checks to decide exactly as from the file (not a list: none named).
        "facilitators": named if isinstance(named, list) else [],
    }


def _valid_member(row: Any) -> bool:
    # What the listings and the access checks read of a row, each of the type a file's row has.
    return (
        isinstance(row, dict)
        and isinstance(row.get("id"), str)
        and isinstance(row.get("name"), str)
        and isinstance(row.get("role", ""), str)
        and isinstance(row.get("username"), (str, type(None)))
        and isinstance(row.get("active", True), bool)
    )


def valid_entry(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("circle"), dict):
        return False
    members, named = value.get("members"), value.get("facilitators")
    return (
        isinstance(value["circle"].get("name"), str)
        and isinstance(value["circle"].get("agreement"), dict)
        and isinstance(members, list)
        and all(map(_valid_member, members))
        and isinstance(named, list)  # an entry from before facilitators were indexed is redone
    )


def entry_facts(actor: str, value: dict[str, Any]) -> CircleFacts:
    """The actor's standing in a circle from its index entry: what its file would give."""
    return circle_facts(actor, {**value["circle"], "facilitators": value["facilitators"]}, value["members"])


class RostersMixin(RepositoryBase):
    @lists_circles
    def circle_rosters(self) -> tuple[list[Roster], dict[str, StoreError]]:
        """Every circle with its roster, sorted by name; and the circles whose file cannot be
        read (by slug), so one damaged file does not hide the others."""
        return self._circle_rosters()

    def _circle_rosters(self) -> tuple[list[Roster], dict[str, StoreError]]:
        files, refused = {}, {}
        for slug in self._circle_slugs():
            try:
                files[slug] = real_folder(self.circles_dir / slug) / CIRCLE_FILE
            except StoreError as error:  # a linked folder: never read through, named as a problem
                refused[slug] = error
        values, problems = read_indexed(self.home / CIRCLE_INDEX, CIRCLE_KIND, files, _entry, valid_entry)
        problems.update(refused)
        rosters = [Roster(slug, value["circle"], tuple(value["members"])) for slug, value in values.items()]
        rosters.sort(key=lambda r: (name_key(r.circle["name"]), r.slug))
        return self._visible_rosters(rosters, problems)

    def _visible_rosters(
        self, rosters: list[Roster], problems: dict[str, StoreError]
    ) -> tuple[list[Roster], dict[str, StoreError]]:
        """On a server: only the circles the actor may see, with the agreement only where they
        may read the circle; a circle that cannot be read is named to an admin alone."""
        actor = self.server_actor()  # type: ignore[attr-defined]
        if actor is None:
            return rosters, problems
        visible = []
        for roster in rosters:
            if not self.may_list(roster.slug):  # type: ignore[attr-defined]
                continue
            if not self.may(Action.READ, roster.slug):  # type: ignore[attr-defined]
                roster = Roster(roster.slug, {**roster.circle, "agreement": {}}, roster.rows)
            visible.append(roster)
        return visible, (problems if actor.admin else {})
