"""Finding plans and prompt decks: the shipped ones and the user's own.

Shipped files live in circle.paths.sessions_dir() and decks_dir(); a user's
own in HOME/plans/*.toml and HOME/plans/decks/*.toml. A user file replaces a
shipped one with the same name. `home=None` means the shipped files only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection, Iterator

from circle import paths
from circle.domain.plans.deck_check import DeckFileError, parse_deck
from circle.domain.plans.decks import Deck
from circle.domain.plans.plan_check import PlanCheck, PlanFileError, check_plan
from circle.domain.plans.plan import Plan
from circle.domain.plans.problems import MAX_TOML_CHARS, Problem
from circle.errors import CircleError
from circle.store.errors import describe_os_error


class PlanNotFound(CircleError):
    def __init__(self, name: str, known: Collection[str]) -> None:
        self.name = name
        super().__init__(f"no plan named '{name}' (plans: {', '.join(sorted(known)) or 'none'})")


def user_plans_dir(home: Path) -> Path:
    return home / "plans"


def user_decks_dir(home: Path) -> Path:
    return user_plans_dir(home) / "decks"


@dataclass(frozen=True)
class DeckScan:
    decks: dict[str, Deck]
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class PlanScan:
    checks: tuple[PlanCheck, ...]  # one per file, shipped first, then the user's
    plans: dict[str, Plan]  # the usable plans by name, user ones replacing shipped ones

    @property
    def broken(self) -> tuple[PlanCheck, ...]:
        return tuple(c for c in self.checks if c.plan is None)


def _toml_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.toml")) if directory.is_dir() else []


def _layers(shipped: Path, user: Path | None) -> list[list[Path]]:
    return [_toml_files(shipped)] + ([_toml_files(user)] if user is not None else [])


def _deck_layers(home: Path | None) -> list[list[Path]]:
    return _layers(paths.decks_dir(), user_decks_dir(home) if home else None)


def _plan_layers(home: Path | None) -> list[list[Path]]:
    return _layers(paths.sessions_dir(), user_plans_dir(home) if home else None)


def _mentioning(layer: list[Path], name: str) -> list[Path]:
    """The files of a layer that can hold the plan or deck `name`: named after it, or with
    the name in their text (plainly or, in TOML escapes, \\u...). No other file can change
    what looking `name` up finds, so only these need checking."""
    found = []
    for path in layer:
        if path.stem != name:
            text = _read(path)[0] or ""
            if name not in text and "\\u" not in text and "\\U" not in text:
                continue
        found.append(path)
    return found


MAX_FILE_BYTES = 4 * MAX_TOML_CHARS  # read no further: the check refuses it anyway


def _read(path: Path) -> tuple[str | None, Problem | None]:
    """A plan or deck file's text (a byte-order mark is fine), or the problem that stops reading it."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, Problem(str(path), f"cannot be read: {error.strerror or describe_os_error(error)}")
    if len(raw) > MAX_FILE_BYTES:
        return None, Problem(str(path), f"is larger than {MAX_FILE_BYTES // 1024} KiB: not a plan or deck file")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, Problem(str(path), f"is not UTF-8 text (byte {error.start} cannot be read): save it as UTF-8")


@lru_cache(maxsize=64)
def _parse_deck(text: str, file: str) -> Deck:
    # Keyed by the file's whole text, so a changed file is parsed afresh: a session's
    # start reads the decks its plan uses, then every deck, and parses each once.
    return parse_deck(text, file)


def scan_decks(home: Path | None) -> DeckScan:
    """Every deck that loads, and the problems of the files that do not."""
    return _scan_decks(_deck_layers(home))


def _scan_decks(layers: list[list[Path]]) -> DeckScan:
    decks: dict[str, Deck] = {}
    problems: list[Problem] = []
    for layer in layers:
        seen: dict[str, Path] = {}
        for path in layer:
            text, unreadable = _read(path)
            if text is None:
                problems.append(unreadable)  # type: ignore[arg-type]
                continue
            try:
                deck = _parse_deck(text, str(path))
            except DeckFileError as error:
                problems.extend(error.problems)
                continue
            if deck.name in seen:
                problems.append(Problem(str(path), f"'{deck.name}' is also the name of the deck "
                                        f"in {seen[deck.name]}", key="name"))
                continue
            seen[deck.name] = path
            decks[deck.name] = deck
    return DeckScan(decks, tuple(problems))


def load_decks(home: Path | None) -> dict[str, Deck]:
    """Every deck by name; DeckFileError if any deck file has a problem."""
    scan = scan_decks(home)
    if scan.problems:
        raise DeckFileError(scan.problems)
    return scan.decks


def check_plan_file(path: Path, deck_names: Collection[str] | None) -> PlanCheck:
    text, unreadable = _read(path)
    if text is None:
        return PlanCheck(None, (unreadable,))  # type: ignore[arg-type]
    return check_plan(text, str(path), deck_names)


def scan_plans(home: Path | None, deck_names: Collection[str] | None = None) -> PlanScan:
    """Check every plan file; `deck_names` defaults to the decks that load."""
    if deck_names is None:
        deck_names = scan_decks(home).decks.keys()
    return _scan_plans(_plan_layers(home), deck_names)


def _scan_plans(layers: list[list[Path]], deck_names: Collection[str]) -> PlanScan:
    checks: list[PlanCheck] = []
    plans: dict[str, Plan] = {}
    for layer in layers:
        seen: dict[str, str] = {}
        for path in layer:
            check = check_plan_file(path, deck_names)
            plan = check.plan
            if plan is not None and plan.name in seen:
                clash = Problem(str(path), f"'{plan.name}' is also the name of the plan in "
                                f"{seen[plan.name]}", key="name")
                check = PlanCheck(None, check.problems + (clash,))
            elif plan is not None:
                seen[plan.name] = plan.source
                plans[plan.name] = plan
            checks.append(check)
    return PlanScan(tuple(checks), plans)


def list_plans(home: Path | None) -> list[Plan]:
    """The usable plans, by name; files with errors are left out (see scan_plans)."""
    plans = scan_plans(home).plans
    return [plans[name] for name in sorted(plans)]


def _find_deck(name: str, home: Path | None) -> Deck | None:
    """The deck called `name`, reading only the files that can hold it; DeckFileError if
    one of those has problems."""
    scan = _scan_decks([_mentioning(layer, name) for layer in _deck_layers(home)])
    if scan.problems:
        raise DeckFileError(scan.problems)
    return scan.decks.get(name)


def plan_decks(plan: Plan, home: Path | None) -> dict[str, Deck]:
    """The decks the plan's phases draw from, by name: all a session of it needs. Reads
    only the deck files that can hold them (a broken deck it does not use is no matter)."""
    decks: dict[str, Deck] = {}
    for name in dict.fromkeys(phase.deck for phase in plan.phases if phase.deck):
        deck = _find_deck(name, home)
        if deck is not None:
            decks[name] = deck
    return decks


class _DeckNames(Collection[str]):
    """The names of the decks that load, looked up one at a time: checking a plan reads
    only the deck files that can hold the decks it names. Listing them all (for an
    error message) reads every deck."""

    def __init__(self, home: Path | None) -> None:
        self._home = home
        self._known: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name not in self._known:
            self._known[name] = _find_deck(name, self._home) is not None
        return self._known[name]

    def __iter__(self) -> Iterator[str]:
        return iter(scan_decks(self._home).decks)

    def __len__(self) -> int:
        return len(scan_decks(self._home).decks)


def load_plan(name: str, home: Path | None) -> Plan:
    """The plan called `name`; a user file meant for it that has errors raises them.

    Checks only the files that can hold that name, against the decks they use; a
    deck file with problems among those raises DeckFileError.
    """
    scan = _scan_plans([_mentioning(layer, name) for layer in _plan_layers(home)], _DeckNames(home))
    if any(c.plan is not None and c.plan.name != name and Path(c.plan.source).stem == name
           for c in scan.checks):
        # `<name>.toml` holds another plan: whether it clashes with a plan elsewhere
        # decides what loading `name` does, so every file is checked.
        scan = scan_plans(home, scan_decks(home).decks.keys())  # a broken deck stops no other plan
    for check in scan.broken:
        if Path(check.problems[0].file).stem == name:
            raise PlanFileError(check.errors)
    if name in scan.plans:
        return scan.plans[name]
    raise PlanNotFound(name, scan_plans(home).plans)
