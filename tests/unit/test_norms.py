from __future__ import annotations

import pytest

from circle.domain.circles.norms import (
    DEFAULT_NORMS,
    MAX_NORM_LENGTH,
    MAX_NORMS,
    NormsError,
    clean_norm,
    clean_norms,
    default_norms,
)
from circle.errors import CircleError


def test_default_norms_cover_the_two_way_ideas() -> None:
    text = " ".join(DEFAULT_NORMS).lower()
    for idea in ("students", "views", "honestly", "advice", "disagree", "stays in the circle", "celebrate"):
        assert idea in text
    assert clean_norms(DEFAULT_NORMS) == list(DEFAULT_NORMS)


def test_default_norms_is_a_fresh_list_each_time() -> None:
    first = default_norms()
    first.append("changed")
    assert default_norms() == list(DEFAULT_NORMS)


def test_norm_is_trimmed_and_kept_exactly_otherwise() -> None:
    assert clean_norm("  We [bold]listen[/bold] 🙂  ") == "We [bold]listen[/bold] 🙂"


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_norm_is_refused(text: str) -> None:
    with pytest.raises(NormsError, match="empty"):
        clean_norm(text)


def test_control_characters_are_refused_with_their_code() -> None:
    with pytest.raises(NormsError, match=r"norm 2: .*U\+001B"):
        clean_norms(["fine", "bad \x1b[31m red"])


def test_too_long_norm_is_refused() -> None:
    clean_norm("x" * MAX_NORM_LENGTH)
    with pytest.raises(NormsError, match="at most"):
        clean_norm("x" * (MAX_NORM_LENGTH + 1))


def test_duplicates_are_refused_ignoring_case() -> None:
    with pytest.raises(NormsError, match="norm 3"):
        clean_norms(["One", "Two", "one"])


def test_too_many_norms_are_refused() -> None:
    clean_norms([f"norm {i}" for i in range(MAX_NORMS)])
    with pytest.raises(NormsError, match=f"at most {MAX_NORMS}"):
        clean_norms([f"norm {i}" for i in range(MAX_NORMS + 1)])


def test_norms_error_is_for_users() -> None:
    assert issubclass(NormsError, CircleError)
