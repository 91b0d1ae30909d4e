"""A driver and a follower of one circle's session, on one home: what the follower tests share."""

from __future__ import annotations

import random

from circle.domain.clock import Clock
from circle.live.driver import LiveSession
from circle.live.follow import Follower
from circle.live.setup import prepare
from circle.store.repository import Repository


def follower_of(repo: Repository, slug: str, clock: Clock) -> Follower:
    return Follower(Repository(repo.home, "ben", clock=clock), slug, clock)


def start(repo: Repository, circle: dict, clock: Clock) -> LiveSession:
    setup = prepare(repo, circle["slug"], "community-60")
    setup.rng = random.Random(1)  # the prompt drawn is the same in every run
    live = LiveSession.fresh(setup, clock)
    live.begin({member: True for member in circle["member_ids"]})
    return live
