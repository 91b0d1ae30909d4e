"""A change to the teachers spans teachers.json and authorized_keys: when either write fails, both stay as they were."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from circle.cli import main

from .teacher_env import add, env, key_of  # noqa: F401  (env is a fixture)

REAL_REPLACE = os.replace


def fail_saving(monkeypatch: pytest.MonkeyPatch, name: str, failure: int = errno.ENOSPC) -> None:
    """Every save of a file called name fails as on a full disk, when its new version would take its place."""

    def replace(source, target, *args, **kwargs):
        if Path(target).name == name and Path(source).name.endswith(".tmp"):
            raise OSError(failure, os.strerror(failure))
        return REAL_REPLACE(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def files(env: dict[str, Path]) -> tuple[bytes | None, ...]:
    paths = (env["keys"], env["home"] / "teachers.json")
    return tuple(path.read_bytes() if path.exists() else None for path in paths)


def leftovers(env: dict[str, Path]) -> list[str]:
    return sorted(p.name for p in env["keys"].parent.iterdir() if p.name != "authorized_keys")


@pytest.mark.parametrize("failing", ["teachers.json", "authorized_keys"])
@pytest.mark.parametrize("change", [["add", "ben"], ["add", "ana"], ["remove", "ana"]])
def test_a_failed_write_leaves_both_files_as_they_were(env, monkeypatch, capsys, failing: str, change: list[str]) -> None:
    assert add(env, "ana", 1) == 0
    before = files(env)
    fail_saving(monkeypatch, failing)
    code = add(env, change[1], 2) if change[0] == "add" else main(["teachers", *change])
    assert code == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and err.count("\n") == 1
    assert files(env) == before
    assert leftovers(env) == []


def test_the_first_teachers_failed_add_leaves_no_key_file(env, monkeypatch, capsys) -> None:
    fail_saving(monkeypatch, "teachers.json")
    assert add(env, "ana", 1) == 1
    assert not env["keys"].exists() and not (env["home"] / "teachers.json").exists()
    assert leftovers(env) == []


def test_the_key_file_is_put_back_where_hard_links_are_not_possible(env, monkeypatch, capsys) -> None:
    assert add(env, "ana", 1) == 0
    before = files(env)

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    fail_saving(monkeypatch, "teachers.json")
    assert add(env, "ben", 2) == 1
    assert files(env) == before and key_of(2) not in env["keys"].read_text()
    assert leftovers(env) == []


def test_a_key_file_that_cannot_be_put_back_is_reported_with_the_failure(env, monkeypatch, capsys) -> None:
    assert add(env, "ana", 1) == 0

    def replace(source, target, *args, **kwargs):
        if Path(target).name in ("teachers.json", "authorized_keys") and not Path(source).name.endswith(".tmp"):
            raise OSError(errno.EIO, "Input/output error")
        if Path(target).name == "teachers.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        return REAL_REPLACE(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    assert add(env, "ben", 2) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "could not save" in err and "the disk is full" in err and "could not be put back as it was" in err
