"""Circles: creating, finding and renaming them, and their norms and agreement."""

from __future__ import annotations

import copy
from typing import Any

from circle.domain.server.access import Action
from circle.store.base import CIRCLE_FILE, FORMAT, RECORD, SESSIONS_DIR, CircleRef, RepositoryBase
from circle.store.errors import StoreError, ValidationError
from circle.store.home import make_data_dir
from circle.store.locked_db import locked, write_db
from circle.store.needs import lists_circles, needs
from circle.store.slugs import unique_slug
from circle.store.validation import check_json, check_text, check_texts, check_username, clean_name, name_key

CIRCLE_FIELDS = ("name", "description")
VIEW_FIELDS = ("slug", "name", "description", "created", "created_by", "updated", "updated_by")
MAX_NORM = 500


def circle_view(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in VIEW_FIELDS}


class CirclesMixin(RepositoryBase):
    @lists_circles
    def list_circles(self) -> list[dict[str, Any]]:
        """Every circle the actor may see (slug, name, description, created ...), sorted by name;
        a damaged one raises."""
        circles, damaged = self._readable_circles()
        if damaged:
            raise damaged[0]
        return circles

    @lists_circles
    def readable_circles(self) -> tuple[list[dict[str, Any]], list[StoreError]]:
        """Every circle the actor may see that reads, sorted by name, and why each other one does not
        (on a server, a teacher who is not an admin is not told of circles that may not be theirs)."""
        return self._readable_circles()

    def _readable_circles(self) -> tuple[list[dict[str, Any]], list[StoreError]]:
        # Through the circle index: a circle file is read only when it changed since it was indexed.
        rosters, problems = self._circle_rosters()  # type: ignore[attr-defined]
        # The folder is where the circle is: its name wins over a slug in the record.
        circles = [{**circle_view(roster.circle), "slug": roster.slug} for roster in rosters]
        return circles, [problems[slug] for slug in sorted(problems)]

    @needs(Action.CREATE_CIRCLE)
    def create_circle(self, name: str, description: str = "", norms: list[str] | None = None) -> dict[str, Any]:
        """A new circle, with its first norms (if given) in the same write."""
        name = clean_name(name, "circle name")
        description = check_text(description, "description")
        checked_norms = self._checked_norms(norms or [])
        # The home-wide lock makes the duplicate check and the choice of slug one step.
        with locked(self.circles_dir):
            self._refuse_duplicate_name(name, except_slug=None)
            taken = {p.name for p in self.circles_dir.iterdir()}
            slug = unique_slug(name, taken)
            folder = self.circles_dir / slug
            make_data_dir(folder / SESSIONS_DIR)
            record = self._stamp_new(
                {"format": FORMAT, "slug": slug, "name": name, "description": description,
                 "norms": checked_norms, "agreement": {}}
            )
            with write_db(folder / CIRCLE_FILE) as db:
                db.table("circle").insert(record)
        return circle_view(record)

    @needs(Action.SEE_CIRCLE)
    def get_circle(self, circle: CircleRef) -> dict[str, Any]:
        slug = self._slug(circle)
        return {**circle_view(self._read_circle_record(slug)), "slug": slug}

    @needs(Action.RENAME)
    def update_circle(self, circle: CircleRef, **fields: Any) -> dict[str, Any]:
        unknown = sorted(set(fields) - set(CIRCLE_FIELDS))
        if unknown:
            raise ValidationError(
                f"a circle has no field {', '.join(unknown)}; it can change: {', '.join(CIRCLE_FIELDS)}"
            )
        if "name" in fields:
            fields["name"] = clean_name(fields["name"], "circle name")
        if "description" in fields:
            fields["description"] = check_text(fields["description"], "description")
        slug = self._slug(circle)
        with locked(self.circles_dir):
            if "name" in fields:
                self._refuse_duplicate_name(fields["name"], except_slug=slug)
            return circle_view(self._change_record(slug, fields))

    @needs(Action.READ)
    def get_norms(self, circle: CircleRef) -> list[str]:
        return list(self._read_circle_record(self._slug(circle)).get("norms") or [])

    @needs(Action.EDIT_CIRCLE)
    def set_norms(self, circle: CircleRef, norms: list[str]) -> None:
        self._change_record(self._slug(circle), {"norms": self._checked_norms(norms)})

    @staticmethod
    def _checked_norms(norms: list[str]) -> list[str]:
        if not isinstance(norms, (list, tuple)):
            raise ValidationError("the norms must be a list of texts")
        return [check_text(norm, "norm", MAX_NORM, one_line=True) for norm in norms]

    @needs(Action.READ)
    def get_agreement(self, circle: CircleRef) -> dict[str, Any]:
        return dict(self._read_circle_record(self._slug(circle)).get("agreement") or {})

    @needs(Action.EDIT_CIRCLE)
    def set_agreement(self, circle: CircleRef, agreement: dict[str, Any]) -> None:
        if not isinstance(agreement, dict):
            raise ValidationError("the agreement must be a mapping of fields to values")
        check_json(agreement, "agreement")
        check_texts(agreement, "agreement")
        self._change_record(self._slug(circle), {"agreement": copy.deepcopy(agreement)})

    @needs(Action.SEE_CIRCLE)
    def get_facilitators(self, circle: CircleRef) -> list[str]:
        """The usernames the circle names as its facilitators; empty: its mentors facilitate."""
        named = self._read_circle_record(self._slug(circle)).get("facilitators")
        return [str(name) for name in named] if isinstance(named, list) else []

    @needs(Action.EDIT_CIRCLE)
    def set_facilitators(self, circle: CircleRef, usernames: list[str]) -> None:
        """Name the members who run sessions and edit the circle; an empty list: its mentors again
        (only a facilitator names them: nobody who is not one can name themselves)."""
        if not isinstance(usernames, (list, tuple)):
            raise ValidationError("the facilitators must be a list of usernames")
        named = [check_username(name) for name in usernames]
        if None in named:
            raise ValidationError("a facilitator is named by a username; an empty one was given")
        slug = self._slug(circle)
        members = self._read_circle_tables(slug).get("members", {}).values()
        usernames_here = {m.get("username") for m in members if m.get("active", True) is not False}
        strangers = [name for name in named if name not in usernames_here]
        if strangers:
            raise ValidationError(
                f"{', '.join(map(repr, strangers))} is not the username of an active member of this circle"
            )
        self._change_record(slug, {"facilitators": list(dict.fromkeys(named))})

    # -- helpers ---------------------------------------------------------------

    def _change_record(self, slug: str, fields: dict[str, Any]) -> dict[str, Any]:
        with self._write_circle_db(slug) as db:
            table = db.table("circle")
            record = dict(table.get(doc_id=RECORD) or {})
            record.update(fields)
            self._stamp_update(record)
            table.update(record, doc_ids=[RECORD])
        return record

    def _refuse_duplicate_name(self, name: str, except_slug: str | None) -> None:
        wanted = name_key(name)
        # A damaged circle does not stop another from being made or renamed (`circle check` names it).
        for circle in self._readable_circles()[0]:
            if circle["slug"] != except_slug and name_key(circle["name"]) == wanted:
                raise ValidationError(f"there is already a circle named {name!r} (folder {circle['slug']})")
