"""Public keys made in the test, the way ssh-keygen writes them."""

from __future__ import annotations

import base64
import struct
from pathlib import Path


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def key_text(seed: int, key_type: str = "ssh-ed25519", comment: str = "teacher@laptop") -> str:
    blob = _string(key_type.encode()) + _string(bytes([seed % 256]) * 32)
    return f"{key_type} {base64.b64encode(blob).decode()} {comment}".rstrip()


def key_file(folder: Path, name: str, seed: int) -> Path:
    path = folder / f"{name}.pub"
    path.write_text(key_text(seed) + "\n")
    return path
