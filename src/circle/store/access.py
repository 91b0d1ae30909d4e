"""Access checks where the Repository reads and writes: every public method asks first.

With no teachers registered (a laptop) every check passes without reading a file
but for one stat. On a server the teacher registry and the circle's member rows are
read again only when their files were replaced since the last check; a circle's rows
come from the home's circle index when its entry was made from the file as it is now,
so a fresh process (each SSH login) checks access without reading circle files in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from circle.domain.server.access import (
    Action,
    Actor,
    CircleFacts,
    check_self_enrolment,
    circle_facts,
    require,
)
from circle.store.base import CIRCLE_FILE, RECORD, CircleRef, RepositoryBase
from circle.store.errors import CorruptFileError
from circle.store.index import CIRCLE_INDEX, IndexReader
from circle.store.inside import Signature, file_signature, real_folder
from circle.store.rosters import CIRCLE_KIND, entry_facts, valid_entry
from circle.store.teachers import load_teachers, teachers_file

def _stamp(path: Path) -> Signature | None:
    try:
        return file_signature(path)
    except FileNotFoundError:
        return None


class AccessMixin(RepositoryBase):
    _registry_cache: tuple[Signature, Actor | None] | None = None
    _facts_cache: dict[str, tuple[Signature | None, CircleFacts]]

    def server_actor(self) -> Actor | None:
        """The acting teacher on a server; None on a laptop, where the OS user owns the home."""
        path = teachers_file(self.home)
        stamp = _stamp(path)
        if stamp is None:
            return None
        if self._registry_cache is not None and self._registry_cache[0] == stamp:
            return self._registry_cache[1]
        teachers = {t.name: t for t in load_teachers(self.home)}
        found = teachers.get(self.actor)
        actor = None if not teachers else Actor(self.actor, found is not None, bool(found and found.admin))
        self._registry_cache = (stamp, actor)
        return actor

    def circle_facts(self, slug: str) -> CircleFacts:
        cache = self.__dict__.setdefault("_facts_cache", {})
        stamp = _stamp(real_folder(self.circles_dir / slug) / CIRCLE_FILE)  # a linked folder is refused
        cached = cache.get(slug)
        if cached is not None and stamp is not None and cached[0] == stamp:
            return cached[1]
        index = self.__dict__.setdefault("_circle_index", IndexReader(self.home / CIRCLE_INDEX, CIRCLE_KIND))
        entry = index.value(slug, stamp, valid_entry) if stamp is not None else None
        if entry is not None:
            facts = entry_facts(self.actor, entry)
        else:
            tables = self._read_circle_tables(slug)
            facts = circle_facts(self.actor, tables["circle"][str(RECORD)], tables.get("members", {}).values())
        cache[slug] = (stamp, facts)
        return facts

    def require(self, action: Action, circle: CircleRef | None = None, *, session_running: bool = False) -> None:
        """AccessDenied unless the actor may take action (on circle); always passes on a laptop."""
        actor = self.server_actor()
        if actor is None:
            return
        facts = None if circle is None else self.circle_facts(self.slug_of(circle))
        require(action, actor, facts, session_running=session_running)

    def require_teacher(self) -> None:
        """On a server, AccessDenied unless the actor is a registered teacher."""
        actor = self.server_actor()
        if actor is not None and not actor.teacher:
            require(Action.SEE_CIRCLE, actor)

    def may(self, action: Action, circle: CircleRef | None = None) -> bool:
        """Whether require would pass: for screens that leave out what the actor cannot open."""
        from circle.domain.server.access import AccessDenied

        try:
            self.require(action, circle)
        except AccessDenied:
            return False
        return True

    def may_list(self, slug: str) -> bool:
        """Whether a circle belongs in the actor's list. On a server, a teacher's list leaves out a
        circle whose file cannot be read: it may not be theirs, and its name is not for them."""
        actor = self.server_actor()
        if actor is None:
            return True
        try:
            return self.may(Action.SEE_CIRCLE, slug)
        except CorruptFileError:
            if actor.admin:
                raise  # an admin is told, and `circle check` restores it
            return False

    def require_goal_change(self, circle: CircleRef, *goals: dict[str, Any]) -> None:
        """A member changes their own goals; another member's goals need a facilitator in a session."""
        actor = self.server_actor()
        if actor is None:
            return
        from circle.store.goals import goal_owner

        slug = self.slug_of(circle)
        facts = self.circle_facts(slug)
        if all(goal_owner(goal) in facts.own_member_ids for goal in goals):
            require(Action.CHANGE_OWN_GOALS, actor, facts)
            return
        # Only a facilitator's change needs to know whether a session runs.
        running = facts.facilitator and self.session_running(slug)
        require(Action.CHANGE_GOALS, actor, facts, session_running=running)

    def require_enrolment(self, circle: CircleRef, username: str | None) -> None:
        """Adding or renaming a member to one's own username is for facilitators only."""
        actor = self.server_actor()
        if actor is not None:
            check_self_enrolment(actor, self.circle_facts(self.slug_of(circle)), username)

    def session_running(self, slug: str) -> bool:
        """Whether the circle's latest session has not ended (the sessions part of the Repository)."""
        latest = self.latest_session_id(slug)  # type: ignore[attr-defined]
        return latest is not None and not self.get_session(slug, latest).get("ended")  # type: ignore[attr-defined]
