"""Members of a circle: who they are, their role and experience."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
