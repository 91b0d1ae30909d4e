"""What the home screen shows about each circle, read from the repository.

Kept free of Textual so it can be tested and reused by plain output.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from circle.domain.circles.agreement import Agreement, AgreementError
from circle.domain.circles.members import Member
from circle.errors import CircleError

if TYPE_CHECKING:
    from circle.store.repository import Repository


@dataclass(frozen=True)
class CircleCard:
    slug: str
    name: str
    description: str
    members: tuple[Member, ...]
    last_session: datetime | None
    agreement_note: str  # 'not signed off', 'due a revisit', or '' when all is well
    problem: str = ""  # why the circle could not be read, when it could not
    running: bool = False  # a driver runs one of its sessions now (w follows it)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text.strip()).casefold()


def is_member(actor: str, members: tuple[Member, ...] | list[Member]) -> bool:
    """The acting user is in the circle by login name, or else by name."""
    wanted = _key(actor)
    return any(
        (m.username and _key(m.username) == wanted) or _key(m.name) == wanted for m in members
    )


def _last_session(repo: Repository, slug: str) -> datetime | None:
    latest = repo.latest_session_id(slug)
    if not latest:
        return None
    started = repo.get_session(slug, latest).get("started")
    try:
        return datetime.fromisoformat(started) if started else None
    except ValueError:
        return None


def _agreement_note(repo: Repository, slug: str, today: date) -> str:
    try:
        agreement = Agreement.from_dict(repo.get_agreement(slug))
    except AgreementError:
        return "needs a look"
    if agreement.last_reviewed is None:
        return "not signed off"
    return "due a revisit" if agreement.needs_revisit(today) else ""


def circle_card(repo: Repository, circle: dict, today: date) -> CircleCard:
    slug = circle["slug"]
    return CircleCard(
        slug=slug,
        name=circle["name"],
        description=circle.get("description", ""),
        members=tuple(repo.list_members(slug)),
        last_session=_last_session(repo, slug),
        agreement_note=_agreement_note(repo, slug, today),
        running=_running(repo, slug),
    )


def _running(repo: Repository, slug: str) -> bool:
    from circle.live.driving import running_session  # a lock test: no file is written

    return running_session(repo, slug) is not None


def safe_card(repo: Repository, circle: dict, today: date) -> CircleCard:
    """A circle's card; one that cannot be read still shows, saying why, so the others stay usable."""
    try:
        return circle_card(repo, circle, today)
    except CircleError as error:
        return CircleCard(circle["slug"], circle.get("name", circle["slug"]), "", (), None, "", str(error))


def _card_by_slug(repo: Repository, slug: str, today: date) -> CircleCard:
    try:
        return safe_card(repo, repo.get_circle(slug), today)
    except CircleError as error:
        return CircleCard(slug, slug, "", (), None, "", str(error))


def home_cards(repo: Repository, actor: str, today: date) -> tuple[list[CircleCard], bool]:
    """The actor's circles, or every circle when they belong to none; and whether they were theirs."""
    try:
        cards = [safe_card(repo, circle, today) for circle in repo.list_circles()]
    except CircleError:
        cards = [_card_by_slug(repo, slug, today) for slug in repo.circle_slugs()]
    mine = [card for card in cards if is_member(actor, card.members)]
    return (mine, True) if mine else (cards, False)
