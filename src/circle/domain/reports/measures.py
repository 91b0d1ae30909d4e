"""The measures a report sets on one session's record: voice balance and attendance counts.

Voice balance is one minus the Gini coefficient of airtime among the members who attended,
with the small-group correction n / (n - 1), so that it spans the whole of 0 to 1 in any
circle: 1 when everyone who came spoke for the same time, 0 when one of them held the floor
alone. It reads as "how much of the airtime would not have to move for everyone to have had
the same": 1 - G where G is the mean absolute difference between two attendees' airtime over
twice the mean airtime, scaled to its largest possible value for that many people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from circle.domain.session.summary import SessionSummary


def voice_balance(airtime: Mapping[str, float], attended: Sequence[str]) -> float | None:
    """How evenly airtime was shared among ``attended`` (0.0 to 1.0); None when fewer than two
    attended or nobody spoke, where evenness means nothing. Members who attended and never
    spoke count with 0 seconds."""
    seconds = sorted(max(0.0, float(airtime.get(member, 0.0))) for member in attended)
    n, total = len(seconds), sum(seconds)
    if n < 2 or total <= 0:
        return None
    # Sum over all pairs of |x_i - x_j| from the sorted values: each x_i is larger than the i before it.
    pairs = sum((2 * i - n + 1) * x for i, x in enumerate(seconds))
    gini = pairs / (n * total)  # the mean absolute difference over twice the mean
    return max(0.0, min(1.0, 1.0 - gini * n / (n - 1)))


@dataclass(frozen=True)
class AttendanceCounts:
    """One session's attendance, from its record. ``present`` counts everyone who came for any
    part; ``late`` and ``left_early`` are among them (one person can be both); ``absent``
    counts active members who did not come; ``invited`` = present + absent."""

    present: int
    late: int
    left_early: int
    absent: int

    @property
    def invited(self) -> int:
        return self.present + self.absent

    @property
    def rate(self) -> float | None:
        """Present over invited; None when nobody was invited."""
        return self.present / self.invited if self.invited else None


def attendance_counts(summary: SessionSummary) -> AttendanceCounts:
    people = summary.attendance
    return AttendanceCounts(
        present=sum(1 for a in people if a.attended),
        late=sum(1 for a in people if a.attended and a.joined_at),
        left_early=sum(1 for a in people if a.attended and a.left_at),
        absent=sum(1 for a in people if not a.attended),
    )


def session_balance(summary: SessionSummary) -> float | None:
    """The session's voice balance, from its record's airtime and attendance."""
    return voice_balance(summary.airtime, summary.attended)


def mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None
