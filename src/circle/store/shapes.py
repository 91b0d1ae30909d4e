"""The keys and types the code relies on in each record read from disk.

A file can parse and still be damaged: a member without an id, a goal whose history
is not a list, an event without a number. Such a file is treated like one that does
not parse (CorruptFileError naming it and the record), so the command that met it
says so, `circle check` lists it, and every other circle and session goes on working.
Only what the code reads is checked; keys it does not know are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import methodcaller
from typing import Any

RECORD = "1"  # the doc id of a file's single circle or session record

Rule = Callable[[Any], bool]
_MISSING = object()


def _kinds(*types: type, non_empty: bool = False) -> Rule:
    """A rule that holds for values of these types (non_empty: and not "")."""

    def rule(value: Any) -> bool:
        return type(value) in types and not (non_empty and value == "")

    rule.types = frozenset(types)  # type: ignore[attr-defined]  # for the whole-table check
    rule.non_empty = non_empty  # type: ignore[attr-defined]
    return rule


_text = _kinds(str)
_id = _kinds(str, non_empty=True)
_whole = _kinds(int)  # type() is exact: True is a bool, not a whole number
_flag = _kinds(bool)
_mapping = _kinds(dict)
_list = _kinds(list)


def _optional(rule: Rule) -> Rule:
    types = getattr(rule, "types", None)
    if types is not None:
        return _kinds(*types, type(None))
    return lambda value: value is None or rule(value)  # a single record's rule: no table check


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _records(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


# key: (required, rule). A key that is optional may be missing, never of another type.
CIRCLE = {"name": (True, _text), "slug": (False, _text), "description": (False, _optional(_text)),
          "norms": (False, _optional(_texts)), "agreement": (False, _optional(_mapping))}
MEMBER = {"id": (True, _id), "name": (True, _text), "role": (False, _text), "experience": (False, _text),
          "username": (False, _optional(_text)), "active": (False, _flag)}
GOAL = {"id": (True, _id), "member": (True, _id), "title": (False, _text), "status": (False, _text),
        "due": (False, _optional(_text)), "progress": (False, _optional(_whole)),
        "history": (False, _optional(_list))}
SESSION = {"id": (True, _id), "circle": (False, _text), "plan": (False, _optional(_text)),
           "attendance": (False, _optional(_records))}
EVENT = {"seq": (True, _whole), "type": (True, _text), "data": (False, _optional(_mapping)),
         "at": (False, _optional(_text))}  # fmt: skip


def record_problem(row: Mapping[str, Any], rules: Mapping[str, tuple[bool, Rule]]) -> str | None:
    """What is wrong with one record: a missing key, or a value of the wrong type."""
    for key, (required, rule) in rules.items():
        if key not in row:
            if required:
                return f"no {key!r}"
        elif not rule(row[key]):
            return f"{key!r} is {type(row[key]).__name__}, not what circle expects"
    return None


def _rows_fine(rows: list[Any], rules: Mapping[str, tuple[bool, Rule]]) -> bool:
    """Every row passes, judged a key at a time over the whole table (map() keeps it in C:
    a session file holds thousands of events, read on every append)."""
    for key, (required, rule) in rules.items():
        values = list(map(methodcaller("get", key, _MISSING), rows))
        allowed = rule.types if required else rule.types | {object}  # type: ignore[attr-defined]
        if not set(map(type, values)) <= allowed or (rule.non_empty and "" in values):  # type: ignore[attr-defined]
            return False
    return True


def _table_problem(tables: Mapping[str, Any], table: str, what: str, rules: Mapping[str, tuple[bool, Rule]]) -> str | None:
    rows = tables.get(table) or {}
    if _rows_fine(list(rows.values()), rules):
        return None
    for doc_id, row in rows.items():  # which row, for the message
        problem = record_problem(row, rules)
        if problem:
            return f"{what} record {doc_id}: {problem}"
    return None


def _file_problem(
    tables: Mapping[str, Any] | None, kind: str, rules: Mapping[str, tuple[bool, Rule]],
    rows: tuple[tuple[str, str, Mapping[str, tuple[bool, Rule]]], ...],
) -> str | None:
    record = (tables or {}).get(kind, {}).get(RECORD)
    required = {key: rule for key, rule in rules.items() if rule[0]}
    if not isinstance(record, dict) or record_problem(record, required) is not None:
        return f"it holds no {kind} record"
    problem = record_problem(record, rules)
    if problem:
        return f"its {kind} record: {problem}"
    for table, what, row_rules in rows:
        problem = _table_problem(tables or {}, table, what, row_rules)
        if problem:
            return problem
    return None


def circle_file_problem(tables: Mapping[str, Any] | None) -> str | None:
    """What makes a parsed circle file unusable (None: its records have the shape the code needs)."""
    return _file_problem(tables, "circle", CIRCLE, (("members", "member", MEMBER), ("goals", "goal", GOAL)))


def session_file_problem(tables: Mapping[str, Any] | None) -> str | None:
    """What makes a parsed session file unusable (None: its records have the shape the code needs)."""
    return _file_problem(tables, "session", SESSION, (("events", "event", EVENT),))
