"""Starting the review screen from ``circle goals``."""

from __future__ import annotations

from typing import Sequence

from circle.domain.clock import Clock
from circle.domain.goals.review import MemberRef
from circle.ui.app import CircleApp
from circle.ui.goals.review import GoalsReview


def review_app(repository, owners: Sequence[MemberRef], *, clock: Clock | None = None,
               include_closed: bool = False) -> CircleApp:  # fmt: skip
    return CircleApp(repository, start=lambda: GoalsReview(owners, include_closed=include_closed), clock=clock)


def run_review_app(repository, owners: Sequence[MemberRef], *, clock: Clock | None = None,
                   include_closed: bool = False) -> None:  # fmt: skip
    review_app(repository, owners, clock=clock, include_closed=include_closed).run()
