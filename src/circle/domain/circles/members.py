"""Members of a circle: who they are, their role and experience, and whom a name means."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from circle.domain import text

ROLES = ("mentor", "mentee", "peer")
EXPERIENCE = ("new", "veteran")


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    role: str = "peer"
    experience: str = "veteran"
    username: str | None = None
    active: bool = True  # False once removed: history stays, new sessions leave them out

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Member":
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            role=data.get("role", "peer"),
            experience=data.get("experience", "veteran"),
            username=data.get("username"),
            active=bool(data.get("active", True)),
        )


def name_key(name: str | None) -> str:
    """How a name given is compared with members' (the store's rule for duplicate names)."""
    return text.name_key(name or "")


def answers_to(member: Member, name: str, *, first_name: bool = False) -> bool:
    """Whether name is the member's login name or full name (or, with first_name, their first name)."""
    wanted = name_key(name)
    if not wanted:
        return False
    if wanted in (name_key(member.username), name_key(member.name)):
        return True
    return first_name and name_key(member.name).split()[:1] == [wanted]


def member_called(name: str, members: Iterable[Member], *, first_name: bool = True) -> Member | None:
    """The member a name means, as the acting user or anyone named: the one with that login name,
    else with that full name, else (with first_name) the only one with that first name. None when
    nobody is, or when two are and nothing tells them apart."""
    wanted = name_key(name)
    members = list(members)
    levels = [lambda m: name_key(m.username) == wanted, lambda m: name_key(m.name) == wanted]
    if first_name:
        levels.append(lambda m: name_key(m.name).split()[:1] == [wanted])
    for means in levels:
        found = [m for m in members if wanted and means(m)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def same_person(name: str, other: str, members: Iterable[Member]) -> bool:
    """Whether two names mean the same person: the same words, or the same member of members
    (a login name and a first name, say)."""
    if name_key(name) == name_key(other):
        return True
    members = list(members)
    found = member_called(name, members)
    return found is not None and found == member_called(other, members)
