"""Start-up of the full-screen app: the cyclic garbage collector waits for the first screen.

Starting the app loads Textual and circle's modules and builds the first screen: tens of
thousands of objects that live as long as the app. With the collector on, the young
generations are walked again and again while they load, and a full pass re-walks all
of them. Held off until the first screen is drawn, it then runs once, and what has
survived is frozen (gc.freeze) so that later full passes skip it.
"""

from __future__ import annotations

import gc

_held = False


def hold_collector() -> None:
    """Pause the collector for start-up; call before Textual is imported."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Collect start-up's garbage, freeze what survives, and turn the collector back on."""
    global _held
    if not _held:  # not started through a command (tests): leave the collector as it is
        return
    _held = False
    gc.collect()
    gc.freeze()
    gc.enable()
