"""A data home and an authorized_keys file for `circle teachers` tests, and teachers added to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.cli import main

from .keys import key_file, key_text

CIRCLE = "/opt/circle/bin/circle"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    home = tmp_path / "home"
    keys = tmp_path / "ssh" / "authorized_keys"
    monkeypatch.setenv("CIRCLE_HOME", str(home))
    monkeypatch.setenv("CIRCLE_AUTHORIZED_KEYS", str(keys))
    monkeypatch.setattr("circle.commands.teachers.circle_executable", lambda: CIRCLE)
    return {"home": home, "keys": keys, "dir": tmp_path}


def add(env: dict[str, Path], name: str, seed: int, *extra: str) -> int:
    return main(["teachers", "add", "--key", str(key_file(env["dir"], f"k{seed}", seed)), *extra, "--", name])


def key_of(seed: int) -> str:
    return " ".join(key_text(seed).split()[:2])
