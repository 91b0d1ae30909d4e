"""Which goals the session screen shows: the speaker's, and those achieved this session."""

from __future__ import annotations

from datetime import date
from typing import Any

from circle.domain.goals.goal import Goal, achieved_in, review_order, touched_in
from circle.live.driver import LiveSession


def _goals(live: LiveSession, member_id: str | None = None) -> list[Goal]:
    return [Goal.from_dict(raw) for raw in live.repo.list_goals(live.setup.slug, member_id)]


def speaker_goals(live: LiveSession, member_id: str, today: date) -> list[dict[str, Any]]:
    """Active goals, last session's commitments first, and any closed in this session."""
    shown = [g for g in _goals(live, member_id) if g.active or touched_in(g, live.session_id)]
    return [g.to_dict() for g in review_order(shown, today, live.setup.previous_session)]


def achieved_this_session(live: LiveSession) -> list[dict[str, Any]]:
    if not live.session_id:
        return []
    return [g.to_dict() for g in achieved_in(_goals(live), live.session_id)]
