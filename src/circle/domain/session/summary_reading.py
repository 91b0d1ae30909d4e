"""A saved session summary read back from its stored dict, tolerant of damage and of
summaries saved before a figure was kept (their shares come from their airtime)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from circle.domain.session.attendance import Attendee
from circle.domain.session.summary import PhaseRecord, TurnRecord, shares_of

if TYPE_CHECKING:
    from circle.domain.session.summary import SessionSummary


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _rows(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = raw.get(key)
    return [row for row in value if isinstance(row, Mapping)] if isinstance(value, list) else []


def _ids(raw: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    return tuple(str(m) for m in value if m is not None) if isinstance(value, list) else ()


def _seconds(raw: Mapping[str, Any], key: str) -> dict[str, float]:
    value = raw.get(key)
    if not isinstance(value, Mapping):
        return {}
    return {str(member): max(0.0, _number(seconds)) for member, seconds in value.items()}


def _prompts(value: Any) -> tuple[tuple[str, str], ...]:
    """(id, text) of each prompt drawn; an entry that is only a text stands for both."""
    if not isinstance(value, list):
        return ()
    return tuple((str(p.get("id") or ""), str(p.get("text") or "")) if isinstance(p, Mapping) else (str(p), str(p))
                 for p in value if p is not None)


def read_summary(cls: type["SessionSummary"], raw: Mapping[str, Any],
                 attendance: Sequence[Attendee] = ()) -> "SessionSummary":
    airtime = _seconds(raw, "airtime")
    shares = _seconds(raw, "shares") if "shares" in raw else shares_of(airtime)
    saved = [Attendee.from_dict(row) for row in _rows(raw, "attendance") if row.get("member") is not None]
    passes = raw.get("passes")
    return cls(
        plan=str(raw.get("plan") or ""),
        status=str(raw.get("status") or ""),
        started_at=_text(raw.get("started_at")),
        ended_at=_text(raw.get("ended_at")),
        present=_ids(raw, "present"),
        order=_ids(raw, "order"),
        phases=tuple(
            PhaseRecord(int(_number(p.get("index", i))), str(p.get("kind") or ""), str(p.get("title") or ""),
                        _number(p.get("planned_seconds")), _number(p.get("actual_seconds")))
            for i, p in enumerate(_rows(raw, "phases"))
        ),
        turns=tuple(
            TurnRecord(int(_number(t.get("phase"))), str(t.get("member")), max(0.0, _number(t.get("seconds"))),
                       bool(t.get("passed")))
            for t in _rows(raw, "turns")
        ),
        airtime=airtime,
        passes={str(m): int(_number(n)) for m, n in passes.items()} if isinstance(passes, Mapping) else {},
        prompts=_prompts(raw.get("prompts")),
        not_spoken=_ids(raw, "not_spoken"),
        gaps=tuple(dict(g) for g in _rows(raw, "gaps")),
        drivers=tuple(dict(d) for d in _rows(raw, "drivers")),
        leader=_text(raw.get("leader")),
        credits=tuple({"member": str(c.get("member")), "for": str(c.get("for") or "")} for c in _rows(raw, "credits")),
        attendance=tuple(saved) if "attendance" in raw else tuple(attendance),
        shares=shares,
    )
