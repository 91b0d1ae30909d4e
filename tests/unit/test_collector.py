"""The collector is held for start-up and given back once, frozen; untouched if never held."""

from __future__ import annotations

import gc

from circle.collector import hold_collector, release_collector


def test_hold_then_release_turns_the_collector_back_on_and_freezes_what_survived() -> None:
    try:
        hold_collector()
        assert not gc.isenabled()
        kept = [object() for _ in range(10)]
        release_collector()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(kept)
        release_collector()  # a second release changes nothing
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_release_without_hold_leaves_the_collector_alone() -> None:
    before = gc.get_freeze_count()
    gc.disable()  # someone else's choice, e.g. a test runner's
    try:
        release_collector()
        assert not gc.isenabled()
        assert gc.get_freeze_count() == before
    finally:
        gc.enable()
