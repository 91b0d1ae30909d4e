from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circle.domain.goals.due_dates import ACCEPTED, DueDateError, add_months, describe_due, parse_due, parse_optional_due
from circle.errors import CircleError

TODAY = date(2026, 3, 4)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-15", date(2026, 3, 15)),
        ("2026-3-5", date(2026, 3, 5)),
        ("  2025-12-01 ", date(2025, 12, 1)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 3, 5)),
        ("10d", date(2026, 3, 14)),
        ("3w", date(2026, 3, 25)),
        ("3 weeks", date(2026, 3, 25)),
        ("in 2 days", date(2026, 3, 6)),
        ("2m", date(2026, 5, 4)),
        ("0d", TODAY),
        ("next week", date(2026, 3, 11)),
        ("next month", date(2026, 4, 4)),
        ("friday", date(2026, 3, 6)),
        ("next friday", date(2026, 3, 6)),
        ("NEXT   Fri", date(2026, 3, 6)),
        ("wednesday", date(2026, 3, 11)),  # today's weekday means a week ahead
        ("tue", date(2026, 3, 10)),
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_due(text, TODAY) == expected


def test_months_clamp_to_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert parse_due("1m", date(2024, 1, 31)) == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["", "   ", "soon", "2026-02-30", "2026-13-01", "3x", "next", "-3d", "99999999w", "1200m"])
def test_rejected_forms_say_what_is_accepted(text: str) -> None:
    with pytest.raises(DueDateError) as caught:
        parse_due(text, TODAY)
    assert "2026-03-15" in str(caught.value) and "3w" in str(caught.value)
    assert isinstance(caught.value, CircleError)


def test_error_names_the_text_with_control_characters_visible() -> None:
    with pytest.raises(DueDateError, match=r'"x\\x1b\[31my"'):
        parse_due("x\x1b[31my", TODAY)


def test_optional_due_allows_empty() -> None:
    assert parse_optional_due("", TODAY) is None
    assert parse_optional_due(None, TODAY) is None
    assert parse_optional_due("1d", TODAY) == date(2026, 3, 5)


def test_describe_due() -> None:
    assert describe_due(None, TODAY) == "no due date"
    assert describe_due(TODAY, TODAY) == "due today"
    assert describe_due(TODAY + timedelta(days=3), TODAY) == "due in 3 days"
    assert describe_due(TODAY - timedelta(days=1), TODAY) == "1 day overdue"
    assert describe_due(TODAY - timedelta(days=5), TODAY) == "5 days overdue"


@settings(deadline=None)  # correctness only: a busy machine may be slow
@given(text=st.text(max_size=40), today=st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 1, 1)))
def test_parser_never_crashes(text: str, today: date) -> None:
    try:
        result = parse_due(text, today)
    except DueDateError as error:
        assert ACCEPTED in str(error)
    else:
        assert isinstance(result, date)


@settings(deadline=None)
@given(
    count=st.integers(min_value=0, max_value=10**7),
    unit=st.sampled_from(["d", "w", "m", " days", " weeks", " months"]),
    today=st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31)),
)
def test_counts_are_ahead_of_today_or_refused(count: int, unit: str, today: date) -> None:
    try:
        result = parse_due(f"{count}{unit}", today)
    except DueDateError:
        return
    assert result >= today
