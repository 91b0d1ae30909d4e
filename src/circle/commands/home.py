"""``circle`` (or ``circle home``): the home screen with the acting user's circles."""

from __future__ import annotations

import argparse

from circle.commands.access import open_repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "home",
        help="open the home screen (also what plain 'circle' does)",
        description="Open the home screen: your circles, each with its next steps.",
    )
    parser.add_argument("--high-contrast", action="store_true", help="start in the high-contrast theme")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    repo = open_repository(args)
    from circle.ui.app import CircleApp
    from circle.ui.home.home_screen import HomeScreen

    high_contrast = getattr(args, "high_contrast", False)
    app = CircleApp(repo, start=lambda: HomeScreen(args.actor), high_contrast=high_contrast)
    app.run()
    return app.return_code or 0
