"""Telling that the client has gone: its end of standard output or standard error closed."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

from circle.commands.connection import hung_up


@contextlib.contextmanager
def piped_outputs() -> Iterator[list[int]]:
    """Standard output and standard error pointed at a fresh pipe each (in the test itself:
    pytest points them back at its capture between a fixture and its test); the read ends."""
    saved = [os.dup(1), os.dup(2)]
    readers = []
    try:
        for fd in (1, 2):
            read_end, write_end = os.pipe()
            os.dup2(write_end, fd)
            os.close(write_end)
            readers.append(read_end)
        yield readers
    finally:
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)
        for reader in readers:
            with contextlib.suppress(OSError):
                os.close(reader)


def test_readers_still_there_are_no_hang_up() -> None:
    with piped_outputs():
        assert not hung_up()


@pytest.mark.parametrize("which", [0, 1])
def test_the_reader_of_either_output_gone_is_a_hang_up(which: int) -> None:
    with piped_outputs() as readers:
        os.close(readers[which])
        assert hung_up()


def test_a_closed_output_is_not_taken_for_a_hang_up() -> None:
    with piped_outputs():
        saved = os.dup(1)
        os.close(1)
        try:
            assert not hung_up()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
