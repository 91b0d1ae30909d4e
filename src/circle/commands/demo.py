"""``circle demo``: a demo circle with goals and a past session, opened on a live session.

With no $CIRCLE_HOME and no --home it works in a fresh temporary data home, so a
first try never touches anyone's real data. Its check-in says where the data home is, and how a
second terminal follows the session; leaving, it says so again.
"""

from __future__ import annotations

import argparse
import os
import shlex
import tempfile

from circle.domain.plans.plan import DEFAULT_PLAN
from circle.commands.access import open_repository



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="open a session of a demo circle (in a temporary data home)",
        description=(
            "Put a circle named 'Demo Circle' (five members, norms, an agreement, goals and one past "
            f"session) into the data home if it is not there, then open its session with the {DEFAULT_PLAN} plan. "
            "With no $CIRCLE_HOME and no --home, a fresh temporary data home is used."
        ),
    )
    parser.add_argument(
        "--high-contrast", action="store_true", help="start in the high-contrast theme (for projectors)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from circle.store.demo_data import DEMO_CIRCLE, seed_demo

    temporary = not os.environ.get("CIRCLE_HOME", "").strip() and not args.home
    if temporary:
        args.home = tempfile.mkdtemp(prefix="circle-demo-")
    try:
        repo = open_repository(args)
        seed_demo(repo)
        from circle.ui.launch import run_session  # Textual loads only when the screen opens

        run_session(repo, DEMO_CIRCLE, DEFAULT_PLAN, high_contrast=args.high_contrast, demo=True)
    finally:
        if temporary:
            home = shlex.quote(args.home)
            print(
                f"The demo's data is in {args.home}\n"
                f"Open it again with: circle --home {home} demo\n"
                f"Export its latest session with: circle --home {home} export --circle {shlex.quote(DEMO_CIRCLE)}"
            )
    return 0
