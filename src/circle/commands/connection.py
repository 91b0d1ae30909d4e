"""Whether the client is still there: the reader of standard output and standard error.

Over SSH without a terminal, sshd closes its ends of the command's pipes when the
connection drops and sends no signal; with a terminal it hangs the terminal up. Either
way the command's standard output then reports an error or a hang-up to poll(), which
a command that is only waiting (a follower with nothing new to print) would never see
by itself.
"""

from __future__ import annotations

import os
import select
import signal
import threading

OUTPUTS = (1, 2)  # standard output and standard error
GONE = select.POLLERR | select.POLLHUP
CHECK_EVERY_MS = 1000  # between looks at the parent process; a closed pipe wakes the watch at once
HANG_UP_GRACE = 1.0  # seconds for a SIGHUP handler, if one was set, to end the process before it is ended


def _poller() -> select.poll:
    poller = select.poll()
    for fd in OUTPUTS:
        poller.register(fd, 0)  # no event asked for: poll reports errors and hang-ups regardless
    return poller


def _gone(events: list[tuple[int, int]], poller: select.poll) -> bool:
    for fd, event in events:
        if event & select.POLLNVAL:
            poller.unregister(fd)  # a closed descriptor says nothing about the client
        elif event & GONE:
            return True
    return False


def hung_up() -> bool:
    """Whether the reader of standard output or standard error has gone, right now."""
    poller = _poller()
    return _gone(poller.poll(0), poller)


def end_when_client_goes() -> threading.Thread:
    """Hang this process up (SIGHUP, which ends it) once its client has gone.

    The client has gone when standard output or standard error is hung up, or when the
    parent process changed (the one that started this command died). The operating
    system lets go of every lock the process held, so a session it drove can be resumed.
    """
    parent = os.getppid()
    poller = _poller()

    def watch() -> None:
        while not _gone(poller.poll(CHECK_EVERY_MS), poller) and os.getppid() == parent:
            pass
        os.kill(os.getpid(), signal.SIGHUP)
        threading.Event().wait(HANG_UP_GRACE)  # reached only when SIGHUP is handled
        os._exit(128 + signal.SIGHUP)

    watcher = threading.Thread(target=watch, name="client-watch", daemon=True)
    watcher.start()
    return watcher
