"""Opening the data home's repository for a command, as the acting user."""

from __future__ import annotations

import argparse

from circle.store.home import ensure_home, resolve_home


def open_repository(args: argparse.Namespace):
    """The Repository for args.home (or $CIRCLE_HOME, or the default), acting as args.actor."""
    from circle.store.repository import Repository

    return Repository(ensure_home(resolve_home(args.home), writable=False), args.actor)
