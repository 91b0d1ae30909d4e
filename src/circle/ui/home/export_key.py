"""The export key of the history screens: write a session's Markdown and JSON, say where."""

from __future__ import annotations

from textual.screen import Screen

from circle.errors import CircleError
from circle.store.exports import write_export_files


def export_in_background(screen: Screen, slug: str, session_id: str) -> None:
    """Write the files in a worker (a disk may be slow) and tell the user where they went."""
    app = screen.app

    def write() -> None:
        try:
            md, js = write_export_files(app.repo, slug, session_id)
        except CircleError as error:
            app.call_from_thread(screen.notify, f"Not exported: {error}", severity="error", timeout=10,
                                 markup=False)
            return
        message = (f"Exported to {md.parent}{'/'}\n{md.name} and {js.name}\n"
                   "(notes left out: circle export --include-private adds them)")
        app.call_from_thread(screen.notify, message, title="Exported", timeout=12, markup=False)

    screen.run_worker(write, thread=True, exclusive=True, group="export", exit_on_error=False)
