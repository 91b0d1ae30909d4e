"""The export key of the history screens: write a session's Markdown and JSON, say where.

Over SSH the files would stay on the server, where the teacher cannot reach them: the
key shows the commands that bring the export to their own machine instead.
"""

from __future__ import annotations

from textual.screen import Screen

from circle import hints
from circle.errors import CircleError
from circle.store.exports import write_export_files


def export_command(slug: str, session_id: str, form: str = "md") -> str:
    """The command that prints a session's export into a file of the user's own."""
    return f"{hints.command('export', session_id, '--circle', slug, '--format', form)} > {session_id}.{form}"


def export_in_background(screen: Screen, slug: str, session_id: str) -> None:
    """Write the files in a worker (a disk may be slow) and tell the user where they went."""
    app = screen.app
    if hints.over_ssh():
        screen.notify(f"Run on your own computer:\n{export_command(slug, session_id)}\n"
                      f"{export_command(slug, session_id, 'json')}\n(notes left out: --include-private adds them)",
                      title="Export", timeout=20, markup=False)
        return

    def write() -> None:
        try:
            md, js = write_export_files(app.repo, slug, session_id)
        except CircleError as error:
            app.call_from_thread(screen.notify, f"Not exported: {error}", severity="error", timeout=10,
                                 markup=False)
            return
        message = (f"Exported to {md.parent}{'/'}\n{md.name} and {js.name}\n"
                   f"(notes left out: {hints.command('export', '--include-private')} adds them)")
        app.call_from_thread(screen.notify, message, title="Exported", timeout=12, markup=False)

    screen.run_worker(write, thread=True, exclusive=True, group="export", exit_on_error=False)
