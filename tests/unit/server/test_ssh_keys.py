"""Public keys are checked before they go into authorized_keys."""

from __future__ import annotations

import base64

import pytest

from circle.domain.server.ssh_keys import PublicKeyError, parse_public_key
from .keys import _string, key_text


def test_a_valid_key_is_read_without_its_comment() -> None:
    key = parse_public_key(key_text(1, comment="ana@laptop"), "ana.pub")
    assert key.type == "ssh-ed25519"
    assert key.text == " ".join(key_text(1).split()[:2])
    assert key.fingerprint().startswith("SHA256:")


def test_comment_lines_and_blank_lines_around_the_key_are_ignored() -> None:
    assert parse_public_key(f"# ana\n\n{key_text(1)}\n\n", "ana.pub").text == " ".join(key_text(1).split()[:2])


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "found nothing"),
        (key_text(1) + "\n" + key_text(2), "found 2 lines"),
        ("ssh-ed25519", "one word"),
        ("ssh-dss AAAA", "not a public key type"),
        ('command="sh" ' + key_text(1), "not a public key type"),
        ("ssh-ed25519 not*base64", "not valid base64"),
        ("ssh-ed25519 " + base64.b64encode(_string(b"ssh-rsa") + b"x" * 32).decode(), "holds 'ssh-rsa'"),
        ("ssh-ed25519 " + base64.b64encode(b"\x00\x00").decode(), "holds no readable type"),
        ("ssh-rsa " + "A" * 20000, "too long"),
    ],
)
def test_anything_else_is_refused_saying_why(text: str, says: str) -> None:
    with pytest.raises(PublicKeyError, match="ana.pub") as error:
        parse_public_key(text, "ana.pub")
    assert says in str(error.value)


def test_the_key_type_inside_must_match_for_every_type() -> None:
    for key_type in ("ssh-rsa", "ecdsa-sha2-nistp256", "sk-ssh-ed25519@openssh.com"):
        assert parse_public_key(key_text(3, key_type), "k.pub").type == key_type
