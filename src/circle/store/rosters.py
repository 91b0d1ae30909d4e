"""Every circle's name, agreement and roster from the home's circle index: what the home
screen and the goal review need to find the acting user's circles without reading every
circle file (with its goals and their history) in full."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from circle.domain.server.access import Action
from circle.domain.circles.members import Member
from circle.store.base import CIRCLE_FILE, RECORD, RepositoryBase, check_circle_tables
from circle.store.circles import circle_view
from circle.store.errors import StoreError
from circle.store.index import CIRCLE_INDEX, read_indexed
from circle.store.locked_db import read_tables
from circle.store.validation import name_key


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
    return {"circle": circle, "members": list(tables.get("members", {}).values())}


def _valid(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("circle"), dict):
        return False
    members = value.get("members")
    return (
        isinstance(value["circle"].get("name"), str)
        and isinstance(value["circle"].get("agreement"), dict)
        and isinstance(members, list)
        and all(isinstance(m, dict) and isinstance(m.get("id"), str) and isinstance(m.get("name"), str) for m in members)
    )


class RostersMixin(RepositoryBase):
    def circle_rosters(self) -> tuple[list[Roster], dict[str, StoreError]]:
        """Every circle with its roster, sorted by name; and the circles whose file cannot be
        read (by slug), so one damaged file does not hide the others."""
        files = {slug: self.circles_dir / slug / CIRCLE_FILE for slug in self._circle_slugs()}
        values, problems = read_indexed(self.home / CIRCLE_INDEX, "circles", files, _entry, _valid)
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
