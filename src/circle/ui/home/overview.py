"""What the home screen shows about each circle, read from the repository.

Kept free of Textual so it can be tested and reused by plain output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from circle.domain.server.access import Action
from circle.domain.circles.agreement import Agreement, AgreementError
from circle.domain.circles.members import Member, member_called
from circle.errors import CircleError

if TYPE_CHECKING:
    from circle.store.repository import Repository
    from circle.store.rosters import Roster


@dataclass(frozen=True)
class CircleCard:
    slug: str
    name: str
    description: str
    members: tuple[Member, ...]
    last_session: datetime | None
    agreement_note: str  # 'not signed off', 'due a revisit', or '' when all is well
    problem: str = ""  # why the circle could not be read, when it could not
    private: bool = False  # the actor manages the circle (an admin) but may not read its content
    running: bool = False  # a driver runs one of its sessions now (w follows it)


def is_member(actor: str, members: tuple[Member, ...] | list[Member]) -> bool:
    """The acting user is one of the members, by login name or full name. Not by a first name:
    the home lists only a member's own circles, and a first name shared by chance (the system
    login tom, the demo's Tom) must not hide the others."""
    return member_called(actor, members, first_name=False) is not None


def _last_session(repo: Repository, slug: str) -> datetime | None:
    latest = repo.latest_session_id(slug)
    if not latest:
        return None
    started = repo.get_session(slug, latest).get("started")
    try:
        return datetime.fromisoformat(started) if started else None
    except ValueError:
        return None


def _agreement_note(saved: Any, today: date) -> str:
    try:
        agreement = Agreement.from_dict(saved)
    except AgreementError:
        return "needs a look"
    if agreement.last_reviewed is None:
        return "not signed off"
    return "due a revisit" if agreement.needs_revisit(today) else ""


def roster_card(repo: Repository, roster: Roster, today: date) -> CircleCard:
    """A circle's card from its roster (circle_rosters); one whose sessions cannot be read
    still shows, saying why, so the others stay usable. An admin outside the circle sees
    its name and roster, never its sessions or agreement."""
    circle = roster.circle
    if not repo.may(Action.READ, roster.slug):
        return CircleCard(roster.slug, circle["name"], circle.get("description") or "", roster.active, None, "",
                          private=True)
    try:
        last = _last_session(repo, roster.slug)
    except CircleError as error:
        return CircleCard(roster.slug, circle["name"], "", (), None, "", str(error))
    return CircleCard(
        slug=roster.slug,
        name=circle["name"],
        description=circle.get("description") or "",
        members=roster.active,
        last_session=last,
        agreement_note=_agreement_note(circle.get("agreement"), today),
        running=_running(repo, roster.slug),
    )


def _running(repo: Repository, slug: str) -> bool:
    # The session layer loads for the first card that asks (the home screen's start: benchmarks/reads.py).
    from circle.live.driving import running_session

    return running_session(repo, slug) is not None  # a lock test: no file is written


def home_cards(repo: Repository, actor: str, today: date) -> tuple[list[CircleCard], bool]:
    """The actor's circles, or every circle when they belong to none; and whether they were theirs.

    Rosters come from the home's circle index, so only the cards shown read their sessions.
    A circle that cannot be read shows under its folder's name, saying why: it may be one
    of theirs, so it never vanishes.
    """
    rosters, problems = repo.circle_rosters()
    unreadable = [CircleCard(slug, slug, "", (), None, "", str(error)) for slug, error in problems.items()]
    mine = [roster for roster in rosters if is_member(actor, roster.active)]
    chosen = mine or rosters
    cards = [roster_card(repo, roster, today) for roster in chosen] + unreadable
    if unreadable:
        cards.sort(key=lambda card: card.slug)
    return cards, bool(mine)
