"""A session that did not end, rebuilt as a resume would go on with it; and the offer
that says what happened to it, before anyone drives it."""

from __future__ import annotations

from typing import Any

from circle.domain.clock import Clock
from circle.domain.plans.plan import Plan
from circle.domain.session.engine import SessionEngine
from circle.domain.session.resume_offer import Gap, resume_offer_text
from circle.live.driving import Pickup, now_of, pickup, status_of
from circle.live.setup import SessionSetup


def picked_up(setup: SessionSetup, session_id: str, plan: Plan, clock: Clock) -> tuple[SessionEngine, Pickup]:
    """The session's engine going on from what its log and its last driver's word prove, and
    how it was picked up. A resume calls this under the driver lock; the offer without it."""
    info = status_of(setup.repo, setup.slug, session_id).info
    events = setup.repo.get_events(setup.slug, session_id)
    how = pickup(info, events[-1] if events else None, setup.repo.actor, now_of(clock), setup.members)
    engine = SessionEngine.replay(plan, setup.roster, events, clock, since_last=how.counted,
                                  **setup.engine_keywords())
    return engine, how


def resume_offer(setup: SessionSetup, record: dict[str, Any], plan: Plan, clock: Clock) -> str:
    """The question put before resuming: when the last action was, how long nobody drove
    (not counted), whose turn goes on and how much of it is left. Raises what reading the
    session raises (StoreError, EngineError)."""
    engine, how = picked_up(setup, str(record["id"]), plan, clock)
    names = {m.id: m.name for m in setup.roster}
    return resume_offer_text(engine, names, str(record.get("started", "")), Gap(how.gap, how.measured))
