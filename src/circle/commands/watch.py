"""`circle watch CIRCLE`: follow a circle's live session from another terminal, read-only."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from circle.commands.access import open_repository


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="follow a circle's live session (read-only)",
        description="Follow the session a facilitator is running, from another terminal: the phase, "
        "both timers, the speaker, the queue and the prompt, kept up as they change. Nothing is "
        "written. When nobody is running the session it says so, and picks it up again when it resumes.",
    )
    parser.add_argument("circle", metavar="CIRCLE", help="the circle's name or slug")
    parser.add_argument("--plain", action="store_true",
                        help="one line per change (speaker, phase, prompt, timers, hands), for screen "
                        "readers and braille displays; ctrl+c stops")
    parser.add_argument("--high-contrast", action="store_true", help="start in the high-contrast theme")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from circle.domain.clock import SystemClock
    from circle.live.follow import open_follower

    repo = open_repository(args)
    follower = open_follower(repo, args.circle, SystemClock())
    if args.plain:
        from circle.live.plain import watch_plain

        watch_plain(follower, sys.stdout, sleep=time.sleep, stop=lambda: False)
        return 0
    from circle.collector import hold_collector

    hold_collector()  # as every full-screen command: the collector waits for the first screen
    from circle.ui.follow.launch import run_follow  # Textual loads only for the full screen

    run_follow(repo, follower, high_contrast=args.high_contrast)
    return 0
