"""SSH public keys as a teacher hands them in (one ``TYPE BASE64 [COMMENT]`` line), checked.

A key goes into the service account's authorized_keys, where a bad line would be
skipped by sshd or, worse, carry options of its own. So a key is accepted only when
its type is one OpenSSH accepts for logins, its body is valid base64, and the blob
inside names the same type. The comment is never copied: it is text from outside.
"""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass

from circle.errors import CircleError

KEY_TYPES = (
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
)
MAX_KEY_TEXT = 16_384  # an RSA key of 16384 bits is under 3 kB of base64


class PublicKeyError(CircleError):
    """Text that is not one valid SSH public key."""

    exit_code = 2


@dataclass(frozen=True)
class PublicKey:
    type: str
    body: str  # the base64 text, exactly as sshd will compare it

    @property
    def text(self) -> str:
        return f"{self.type} {self.body}"

    def fingerprint(self) -> str:
        """OpenSSH's SHA256 fingerprint, as `ssh-keygen -l` prints it."""
        import hashlib

        digest = hashlib.sha256(base64.b64decode(self.body)).digest()
        return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def _embedded_type(blob: bytes) -> str | None:
    """The type string at the start of a key blob (uint32 length, then the name)."""
    if len(blob) < 4:
        return None
    (length,) = struct.unpack(">I", blob[:4])
    if length == 0 or length > 64 or len(blob) < 4 + length:
        return None
    try:
        return blob[4 : 4 + length].decode("ascii")
    except UnicodeDecodeError:
        return None


def parse_public_key(text: str, source: str) -> PublicKey:
    """The one key in text (a .pub file's content); PublicKeyError saying what is wrong, naming source."""
    if len(text) > MAX_KEY_TEXT:
        raise PublicKeyError(f"{source}: too long for an SSH public key ({len(text)} characters)")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if len(lines) != 1:
        found = "nothing" if not lines else f"{len(lines)} lines"
        raise PublicKeyError(f"{source}: expected one public key line (TYPE BASE64 [COMMENT]), found {found}")
    words = lines[0].split()
    if len(words) < 2:
        raise PublicKeyError(f"{source}: expected TYPE BASE64 [COMMENT], found one word")
    key_type, body = words[0], words[1]
    if key_type not in KEY_TYPES:
        shown = key_type if key_type.isprintable() and len(key_type) <= 40 else "an unknown word"
        raise PublicKeyError(
            f"{source}: {shown!r} is not a public key type sshd accepts (give the .pub file; "
            f"options before the key are not accepted); known: {', '.join(KEY_TYPES)}"
        )
    try:
        blob = base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise PublicKeyError(f"{source}: the key's body is not valid base64") from None
    embedded = _embedded_type(blob)
    if embedded != key_type:
        inside = repr(embedded) if embedded and embedded.isprintable() else "no readable type"
        raise PublicKeyError(f"{source}: the line says {key_type} but the key inside holds {inside}")
    return PublicKey(key_type, body)
