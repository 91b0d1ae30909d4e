from __future__ import annotations

import pytest

from circle.domain.clock import ManualClock
from circle.store.errors import NotFound, ValidationError
from circle.store.repository import Repository


def test_a_new_circle_is_listed_and_found_by_name_or_slug(repo: Repository) -> None:
    made = repo.create_circle("Maths Mentors", "Tuesdays")
    assert made["slug"] == "maths-mentors"
    assert made["created_by"] == "ana" and made["created"] == "2026-01-05T15:30:00+00:00"
    assert repo.get_circle("Maths Mentors") == made
    assert repo.get_circle("maths mentors") == made  # names match without regard to case
    assert repo.get_circle("maths-mentors") == made
    assert [c["name"] for c in repo.list_circles()] == ["Maths Mentors"]
    assert {"slug", "name", "description", "created"} <= set(repo.list_circles()[0])


def test_circles_are_listed_by_name(repo: Repository) -> None:
    for name in ("zebra", "Alpha", "mango"):
        repo.create_circle(name)
    assert [c["name"] for c in repo.list_circles()] == ["Alpha", "mango", "zebra"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 81, "81 characters long; at most 80"),
        ("Maths\nmentors", "control characters"),
        ("Maths\x1b[31m", "U\\+001B"),
        ("tab\there", "control characters"),
        (None, "must be text"),
    ],
)
def test_bad_circle_names_are_refused(repo: Repository, name: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        repo.create_circle(name)  # type: ignore[arg-type]
    assert repo.list_circles() == []


def test_a_name_of_80_characters_is_fine(repo: Repository) -> None:
    assert repo.create_circle("x" * 80)["name"] == "x" * 80


def test_duplicate_circle_names_are_refused(repo: Repository) -> None:
    repo.create_circle("Maths")
    with pytest.raises(ValidationError, match="already a circle named 'MATHS'"):
        repo.create_circle(" MATHS ")
    assert len(repo.list_circles()) == 1


def test_unknown_circles_are_not_found(repo: Repository) -> None:
    with pytest.raises(NotFound, match="no circle named 'nope'"):
        repo.get_circle("nope")
    with pytest.raises(NotFound):
        repo.get_circle("../..")


def test_renaming_keeps_the_folder_and_checks_duplicates(repo: Repository, clock: ManualClock) -> None:
    repo.create_circle("Maths")
    repo.create_circle("Science")
    clock.advance(60)
    renamed = repo.update_circle("maths", name="Numeracy", description="new")
    assert renamed["slug"] == "maths" and renamed["name"] == "Numeracy"
    assert renamed["updated"] == "2026-01-05T15:31:00+00:00" and renamed["created"] != renamed["updated"]
    assert repo.get_circle("Numeracy")["description"] == "new"
    with pytest.raises(ValidationError, match="already a circle named"):
        repo.update_circle("maths", name="science")
    repo.update_circle("maths", name="NUMERACY")  # its own name in another case is fine
    with pytest.raises(ValidationError, match="no field colour"):
        repo.update_circle("maths", colour="red")


def test_norms_and_agreement_are_kept_exactly(repo: Repository, circle: str) -> None:
    assert repo.get_norms(circle) == [] and repo.get_agreement(circle) == {}
    norms = ["Listen first", "What's said here stays here 🤐", "[bold]no[/bold] \\ markup"]
    repo.set_norms(circle, norms)
    agreement = {"meets": "Tuesdays", "confidential": True, "signed": ["ana", "bo"], "minutes": 60}
    repo.set_agreement(circle, agreement)
    assert repo.get_norms(circle) == norms
    assert repo.get_agreement(circle) == agreement
    with pytest.raises(ValidationError):
        repo.set_norms(circle, "one norm")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        repo.set_agreement(circle, {"when": object()})
    with pytest.raises(ValidationError, match="not text"):
        repo.set_agreement(circle, {1: "x"})  # type: ignore[dict-item]
    assert repo.get_agreement(circle) == agreement
