from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from circle.store.repository import Repository
from circle.store.slugs import MAX_SLUG, is_slug, slugify, unique_slug


def test_plain_names_give_readable_slugs() -> None:
    assert slugify("Maths Mentors") == "maths-mentors"
    assert slugify("Écoles du Nord") == "ecoles-du-nord"
    assert slugify("  Year 7 / Science!  ") == "year-7-science"


def test_names_that_try_to_leave_the_folder_stay_inside() -> None:
    for name in ("..", ".", "../../etc/passwd", "/", "a/../../b", "\\..\\x", "~root"):
        slug = slugify(name)
        assert is_slug(slug), (name, slug)
        assert "/" not in slug and ".." not in slug


def test_names_without_latin_letters_still_get_a_slug() -> None:
    assert slugify("数学") == "circle"
    assert slugify("😀😀") == "circle"
    assert slugify("\x1b[31m\x00") == "31m"


def test_reserved_device_names_are_avoided() -> None:
    assert slugify("CON") == "circle-con"
    assert slugify("nul") == "circle-nul"


def test_long_names_are_cut() -> None:
    slug = slugify("very long " * 50)
    assert len(slug) <= MAX_SLUG and is_slug(slug)


def test_names_with_the_same_slug_get_distinct_slugs() -> None:
    taken = {"maths"}
    second = unique_slug("Maths!", taken)
    taken.add(second)
    third = unique_slug("MATHS", taken)
    assert (second, third) == ("maths-2", "maths-3")
    long_taken = {slugify("x" * 100)}
    assert len(unique_slug("x" * 100, long_taken)) <= MAX_SLUG


@settings(deadline=None)  # correctness only: a busy machine may be slow
@given(st.text(max_size=200))
def test_every_name_gives_a_safe_slug(name: str) -> None:
    slug = slugify(name)
    assert is_slug(slug)
    home = Path("/home/circles")
    assert (home / slug).resolve().parent == home


def test_circles_with_clashing_names_get_their_own_folders(repo: Repository) -> None:
    first = repo.create_circle("Maths")
    second = repo.create_circle("Maths!")
    third = repo.create_circle("数学")
    fourth = repo.create_circle("算数")
    slugs = [c["slug"] for c in (first, second, third, fourth)]
    assert slugs == ["maths", "maths-2", "circle", "circle-2"]
    for slug in slugs:
        assert (repo.circles_dir / slug / "circle.json").is_file()
    assert repo.get_circle("数学")["slug"] == "circle"
