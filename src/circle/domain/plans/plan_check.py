"""Read a plan from TOML text: a Plan, or every problem that stops it being one.

Errors make a plan unusable; warnings (phases that add up to more than the
plan's minutes, a name that differs from the file name) are shown but allowed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Collection

from circle.domain.plans.plan import LEADER_CHOICES, PHASE_KINDS, TURN_MODES, Phase, Plan
from circle.domain.plans.problems import (
    ERROR,
    WARNING,
    FileProblems,
    Problem,
    is_number,
    key_problems,
    label,
    read_toml,
    type_name,
)
from circle.domain.text import has_control, refused_characters, spell

PLAN_KEYS = ("name", "title", "description", "minutes", "norms", "leader", "phase")
PLAN_REQUIRED = ("name", "title", "description", "minutes", "phase")
PHASE_KEYS = ("kind", "title", "minutes", "turns", "guidance", "speaker_seconds", "deck", "led")
PHASE_REQUIRED = ("kind", "title", "minutes", "turns", "guidance")

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Newlines are checked apart (allowed in description and guidance); tabs are harmless.
GUIDANCE_LINES = 2
MAX_MINUTES = 24 * 60  # no session, and so no phase, is longer than a day


class PlanFileError(FileProblems):
    """A plan file with errors; the message has one line per problem."""


@dataclass(frozen=True)
class PlanCheck:
    plan: Plan | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        return not self.errors


class _Report:
    """Collects problems for one file; `at` is the phase being checked, if any."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.at: tuple[int, str | None] | None = None

    def add(self, key: str | None, message: str, severity: str = ERROR) -> None:
        number, title = self.at if self.at else (None, None)
        self.problems.append(
            Problem(self.file, message, key=key, part="phase" if self.at else None,
                    number=number, title=title, severity=severity)
        )

    def keys(self, table: dict[str, Any], allowed: Collection[str], required: Collection[str]) -> None:
        for key, message in key_problems(table, allowed, required):
            self.add(key, message)

    def text(self, table: dict[str, Any], key: str, *, multiline: bool = False) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(key, f"must be text, not {type_name(value)}")
            return None
        if not value.strip():
            self.add(key, "must not be empty")
            return None
        if not multiline and "\n" in value:
            self.add(key, "must be on one line")
            return None
        bad = refused_characters(value, one_line=not multiline)
        if bad:
            kind = "control character" if has_control("".join(bad), allow_newlines=multiline) else "invisible character"
            self.add(key, f"contains a {kind} ({spell(bad)})")
            return None
        return value.strip()

    def positive(self, table: dict[str, Any], key: str, *, limit: float, whole: bool = False) -> float | None:
        """A number above 0 and at most limit; NaN, infinity and huge numbers are named as such."""
        value = table.get(key)
        if value is None:
            return None
        wanted = isinstance(value, int) if whole else True
        if not is_number(value) or not wanted:
            kind = "a whole number" if whole else "a number"
            self.add(key, f"must be {kind}, not {type_name(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(key, f"must be a finite number (it is {value})")
            return None
        if value <= 0:
            self.add(key, f"must be more than 0 (it is {value:g})")
            return None
        if value > limit:
            shown = f"{value:g}" if isinstance(value, float) or value < 10**15 else "a number that long"
            self.add(key, f"must be at most {limit:g} (it is {shown})")
            return None
        return value

    def flag(self, table: dict[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.add(key, f"must be true or false, not {type_name(value)}")
            return False
        return value

    def choice(self, table: dict[str, Any], key: str, allowed: Collection[str]) -> str | None:
        value = self.text(table, key)
        if value is not None and value not in allowed:
            self.add(key, f"'{value}' is not one of: {', '.join(allowed)}")
            return None
        return value


def check_plan(text: str, file: str, deck_names: Collection[str] | None = None) -> PlanCheck:
    """Check plan TOML. With `deck_names`, a phase's deck must be one of them."""
    data, broken = read_toml(text, file)
    if data is None:
        return PlanCheck(None, (broken,) if broken else ())
    report = _Report(file)
    report.keys(data, PLAN_KEYS, PLAN_REQUIRED)
    name = report.text(data, "name")
    if name is not None and not NAME_PATTERN.match(name):
        report.add("name", f"'{name}' must be lower-case letters, digits, '-' or '_' (at most 64)")
        name = None
    stem = PurePath(file).stem
    if name is not None and file.endswith(".toml") and stem != name:
        report.add("name", f"'{name}' differs from the file name '{stem}'; the plan is found by "
                   "its name", WARNING)
    title = report.text(data, "title")
    description = report.text(data, "description", multiline=True)
    minutes = report.positive(data, "minutes", limit=MAX_MINUTES)
    norms = _norms(data, report)
    leader = report.choice(data, "leader", LEADER_CHOICES)
    phases = _phases(data, report, deck_names)
    _check_leading(data, leader, phases, report)
    if minutes is not None:
        _warn_if_too_long(data.get("phase"), minutes, report)
    if any(p.is_error for p in report.problems):
        return PlanCheck(None, tuple(report.problems))
    plan = Plan(name=name, title=title, minutes=minutes, phases=tuple(phases),
                description=description, source=file, norms=norms, leader=leader)  # type: ignore[arg-type]
    return PlanCheck(plan, tuple(report.problems))


def parse_plan(text: str, file: str, deck_names: Collection[str] | None = None) -> Plan:
    """The plan in `text`, or PlanFileError listing its errors."""
    result = check_plan(text, file, deck_names)
    if result.plan is None:
        raise PlanFileError(result.errors)
    return result.plan


def _norms(data: dict[str, Any], report: _Report) -> tuple[str, ...]:
    value = data.get("norms", [])
    if not isinstance(value, list):
        report.add("norms", f"must be a list of text, not {type_name(value)}")
        return ()
    norms = []
    for index, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip() or refused_characters(item):
            report.add("norms", f"item {index} must be non-empty text on one line")
        else:
            norms.append(item.strip())
    return tuple(norms)


def _phases(data: dict[str, Any], report: _Report, deck_names: Collection[str] | None) -> list[Phase]:
    tables = data.get("phase")
    if tables is None:
        return []
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        report.add("phase", f"must be a list of tables written [[phase]], not {type_name(tables)}")
        return []
    if not tables:
        report.add("phase", "a plan needs at least one phase")
    phases = []
    for number, table in enumerate(tables, start=1):
        report.at = (number, label(table.get("title")))
        phase = _phase(table, report, deck_names)
        if phase is not None:
            phases.append(phase)
    report.at = None
    return phases if len(phases) == len(tables) else []


def _phase(table: dict[str, Any], report: _Report, deck_names: Collection[str] | None) -> Phase | None:
    before = len(report.problems)
    report.keys(table, PHASE_KEYS, PHASE_REQUIRED)
    kind = report.choice(table, "kind", PHASE_KINDS)
    title = report.text(table, "title")
    minutes = report.positive(table, "minutes", limit=MAX_MINUTES)
    turns = report.choice(table, "turns", TURN_MODES)
    guidance = report.text(table, "guidance", multiline=True)
    if guidance is not None and len(guidance.splitlines()) > GUIDANCE_LINES:
        report.add("guidance", f"more than {GUIDANCE_LINES} lines; the screen shows the first "
                   f"{GUIDANCE_LINES}", WARNING)
    speaker = report.positive(table, "speaker_seconds", limit=MAX_MINUTES * 60, whole=True)
    if speaker is not None and minutes is not None and speaker > minutes * 60:
        report.add("speaker_seconds", f"{speaker} seconds is longer than the phase "
                   f"({minutes:g} minutes)")
    if speaker is not None and turns == "none":
        report.add("speaker_seconds", "ignored: nobody takes turns when turns = 'none'", WARNING)
    deck = report.text(table, "deck")
    if deck is not None and deck_names is not None and deck not in deck_names:
        known = ", ".join(sorted(deck_names)) or "none"
        report.add("deck", f"unknown deck '{deck}' (known: {known})")
    led = report.flag(table, "led")
    if led and turns == "none":
        report.add("led", "a phase with turns = 'none' has no floor for the leader to hold")
    if any(p.is_error for p in report.problems[before:]):
        return None
    return Phase(kind=kind, title=title, minutes=minutes, turns=turns,  # type: ignore[arg-type]
                 guidance=guidance, speaker_seconds=speaker, deck=deck, led=led)  # type: ignore[arg-type]


def _check_leading(data: dict[str, Any], leader: str | None, phases: list[Phase], report: _Report) -> None:
    """Led phases need the plan to say how the leader is chosen, and a leader needs a led phase."""
    tables = data.get("phase") if isinstance(data.get("phase"), list) else []
    led = [(n, t) for n, t in enumerate(tables, start=1) if isinstance(t, dict) and t.get("led") is True]
    if led and "leader" not in data:
        number, table = led[0]
        report.at = (number, label(table.get("title")))
        report.add("led", f"a led phase needs the plan's leader key ({', '.join(LEADER_CHOICES)}): "
                   "it says who leads")
        report.at = None
    if leader is not None and not led:
        report.add("leader", "no phase has led = true, so nobody leads", WARNING)


def _warn_if_too_long(tables: Any, minutes: float, report: _Report) -> None:
    # Uses every phase length that is a valid number, so the warning shows beside errors too.
    if not isinstance(tables, list):
        return
    lengths = [(n, t) for n, t in enumerate(tables, start=1)
               if isinstance(t, dict) and is_number(t.get("minutes")) and 0 < t["minutes"] <= MAX_MINUTES]
    planned = sum(t["minutes"] for _, t in lengths)
    total = 0.0
    for number, table in lengths:
        total += table["minutes"]
        if total > minutes:
            report.at = (number, label(table.get("title")))
            report.add("minutes", f"the phases add up to {planned:g} minutes, more than the "
                       f"plan's {minutes:g}; from this phase on the session runs over", WARNING)
            report.at = None
            return
