"""Access checks where the Repository reads and writes: every public method asks first.

With no teachers registered (a laptop) every check passes without reading a file
but for one stat. On a server the teacher registry and the circle's member rows are
read again only when their files were replaced since the last check; a circle's rows
come from the home's circle index when its entry was made from the file as it is now,
so a fresh process (each SSH login) checks access without reading circle files in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from circle.domain.server.access import (
    AccessDenied,
    Action,
    Actor,
    CircleFacts,
    NoSuchCircle,
    check_own_membership,
    circle_facts,
    require,
)
from circle.store.base import CIRCLE_FILE, RECORD, CircleRef, RepositoryBase
from circle.store.errors import CorruptFileError, NotFound
from circle.store.index import CIRCLE_INDEX, IndexReader
from circle.store.inside import Signature, file_signature, real_folder
from circle.store.needs import Needs, acting, no_circle_data
from circle.store.rosters import CIRCLE_KIND, entry_facts, valid_entry
from circle.store.teachers import load_teachers, teachers_file


def _stamp(path: Path) -> Signature | None:
    try:
        return file_signature(path)
    except FileNotFoundError:
        return None


def _asked(circle: CircleRef) -> str:
    """The circle as the caller named it: what a refusal repeats back."""
    return str(circle.get("slug", "")) if isinstance(circle, Mapping) else str(circle)


class AccessMixin(RepositoryBase):
    _registry_cache: tuple[Signature, Actor | None] | None = None
    _facts_cache: dict[str, tuple[Signature | None, CircleFacts]]

    @no_circle_data
    def server_actor(self) -> Actor | None:
        """The acting teacher on a server; None on a laptop, where the OS user owns the home."""
        known, actor = acting(self)
        if known:
            return actor
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

    def _circle_facts(self, slug: str) -> CircleFacts:
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

    def _standing(self, actor: Actor, circle: CircleRef) -> tuple[str, CircleFacts]:
        """The circle's slug and the actor's standing in it. A teacher who is not an admin gets
        one answer for a circle that is not there, one whose file does not read and one they are
        not in: NoSuchCircle, naming the circle as they did."""
        hidden = actor.teacher and not actor.admin
        try:
            slug = self._slug(circle)
            facts = self._circle_facts(slug)
        except (NotFound, CorruptFileError):
            if hidden:
                raise NoSuchCircle(_asked(circle)) from None
            raise
        if hidden and not facts.member:
            raise NoSuchCircle(_asked(circle))
        return slug, facts

    def _require(self, actor: Actor, action: Action, circle: CircleRef | None, running: bool = False) -> None:
        if circle is None or not actor.teacher:  # someone not a teacher is refused before any circle is looked up
            require(action, actor)
            return
        require(action, actor, self._standing(actor, circle)[1], session_running=running)

    def _check_declared(self, actor: Actor, wanted: Needs, circle: CircleRef | None, arguments: Mapping[str, Any]) -> None:
        """What a checked method declared (circle.store.needs), asked before its body runs."""
        if wanted.teacher:
            self._require_teacher(actor)
        if wanted.action is not None:
            self._require(actor, wanted.action, circle if wanted.takes_circle else None)
        if wanted.rule is not None:
            wanted.rule(self, actor, circle, arguments)

    @no_circle_data
    def require(self, action: Action, circle: CircleRef | None = None, *, session_running: bool = False) -> None:
        """AccessDenied unless the actor may take action (on circle); always passes on a laptop."""
        actor = self.server_actor()
        if actor is not None:
            self._require(actor, action, circle, session_running)

    @staticmethod
    def _require_teacher(actor: Actor) -> None:
        if not actor.teacher:
            require(Action.SEE_CIRCLE, actor)

    @no_circle_data
    def may(self, action: Action, circle: CircleRef | None = None) -> bool:
        """Whether require would pass: for screens that leave out what the actor cannot open."""
        try:
            self.require(action, circle)
        except AccessDenied:
            return False
        return True

    @no_circle_data
    def may_list(self, slug: str) -> bool:
        """Whether a circle belongs in the actor's list. On a server, a teacher's list leaves out a
        circle whose file cannot be read: it may not be theirs, and its name is not for them
        (an admin is told, and `circle check` restores it)."""
        return self.may(Action.SEE_CIRCLE, slug)

    def _require_goal_change(self, actor: Actor, circle: CircleRef, *goals: Mapping[str, Any]) -> None:
        """A member changes their own goals; another member's goals need a facilitator in a session."""
        from circle.store.goals import goal_owner

        if not actor.teacher:
            require(Action.CHANGE_OWN_GOALS, actor)
        slug, facts = self._standing(actor, circle)
        if all(goal_owner(goal) in facts.own_member_ids for goal in goals):
            require(Action.CHANGE_OWN_GOALS, actor, facts)
            return
        # Only a facilitator's change needs to know whether a session runs.
        running = facts.facilitator and self._session_running(slug)
        require(Action.CHANGE_GOALS, actor, facts, session_running=running)

    def _refuse_own_membership(
        self, actor: Actor, circle: CircleRef, usernames: Callable[[str], Iterable[str | None]]
    ) -> None:
        """Adding oneself, or changing one's own member record, is for facilitators only;
        usernames(slug) gives the usernames the change adds or touches."""
        if not actor.teacher:
            return  # refused by the method's action already
        slug, facts = self._standing(actor, circle)
        if not facts.facilitator:
            check_own_membership(actor, facts, usernames(slug))

    def _session_running(self, slug: str) -> bool:
        """Whether the circle's latest session has not ended (the sessions part of the Repository)."""
        ids = self._session_ids(slug)  # type: ignore[attr-defined]
        return bool(ids) and not self._session_record(slug, ids[-1]).get("ended")  # type: ignore[attr-defined]
