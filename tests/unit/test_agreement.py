from __future__ import annotations

from datetime import date, timedelta

import pytest

from circle.domain.circles.agreement import (
    DEFAULT_CONFIDENTIALITY,
    REVISIT_AFTER,
    Agreement,
    AgreementError,
    SignOff,
)


def full() -> Agreement:
    return Agreement(
        day="Tuesday",
        time="15:30, after school",
        place="Room 12 or https://meet.example.org/abc",
        minutes=60,
        cancel="A message a day ahead",
        contact="Email on weekdays; no calls at weekends\nDrop in before 8:15",
        roles="Both teach and learn; Ana keeps time",
        confidentiality="Stays [bold]here[/bold] 🙂",
        signed=(SignOff("Ana", date(2026, 9, 8)), SignOff("Ben", date(2026, 9, 9))),
        revisited=None,
    )


def test_round_trips_through_a_dict() -> None:
    agreement = full()
    data = agreement.to_dict()
    assert data["signed"] == [{"who": "Ana", "on": "2026-09-08"}, {"who": "Ben", "on": "2026-09-09"}]
    assert Agreement.from_dict(data) == agreement


def test_a_new_agreement_has_the_confidentiality_statement() -> None:
    assert Agreement().confidentiality == DEFAULT_CONFIDENTIALITY
    assert Agreement.from_dict({}) == Agreement()
    assert Agreement.from_dict(None).is_blank()


def test_an_agreement_never_signed_needs_a_visit() -> None:
    assert Agreement(day="Monday").needs_revisit(date(2026, 1, 1))
    assert Agreement().revisit_due() is None


def test_needs_revisit_after_a_term_from_the_last_sign_off() -> None:
    agreement = full()
    last = date(2026, 9, 9)
    assert agreement.last_reviewed == last
    assert not agreement.needs_revisit(last + REVISIT_AFTER - timedelta(days=1))
    assert agreement.needs_revisit(last + REVISIT_AFTER)
    assert agreement.revisit_due() == last + timedelta(weeks=12)


def test_a_revisit_resets_the_reminder() -> None:
    agreement = full().mark_revisited(date(2026, 12, 10))
    assert not agreement.needs_revisit(date(2027, 1, 10))
    assert agreement.needs_revisit(date(2027, 3, 4))


def test_signing_again_replaces_the_earlier_signature() -> None:
    agreement = full().sign("Ana", date(2026, 10, 1))
    assert [(s.who, s.on) for s in agreement.signed] == [("Ben", date(2026, 9, 9)), ("Ana", date(2026, 10, 1))]


def test_minutes_from_text() -> None:
    assert Agreement.from_dict({"minutes": "45"}).minutes == 45
    assert Agreement.from_dict({"minutes": "45 min"}).minutes == 45


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ({"minutes": "an hour"}, "meeting length"),
        ({"minutes": 0}, "meeting length"),
        ({"minutes": 601}, "meeting length"),
        ({"minutes": True}, "meeting length"),
        ({"revisited": "next week"}, "revisited date"),
        ({"signed": [{"who": "Ana", "on": "13/09/2026"}]}, "sign-off date"),
        ({"signed": [{"who": "Ana"}]}, "no date"),
        ({"signed": ["Ana"]}, "sign-off"),
        ({"place": "Room \x1b[2J"}, "Place or link"),
        ({"day": 3}, "Meeting day"),
        ({"cancel": "x" * 1001}, "How to cancel"),
    ],
)
def test_bad_values_name_the_field(raw: dict, words: str) -> None:
    with pytest.raises(AgreementError, match=words):
        Agreement.from_dict(raw)


def test_unknown_keys_are_ignored() -> None:
    assert Agreement.from_dict({"colour": "blue", "day": "Friday"}) == Agreement(day="Friday")


def test_not_agreed_lists_the_empty_parts_in_order() -> None:
    from circle.domain.circles.agreement import Agreement

    assert Agreement(day="Monday", place="Room 4", minutes=45).not_agreed() == [
        "Meeting time", "How to cancel", "Informal contact", "Roles"]  # confidentiality has a default
    assert Agreement(day=" ", time="4pm").not_agreed()[:3] == ["Meeting day", "Place or link", "Length"]
