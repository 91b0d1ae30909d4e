"""The export key of the history screens: write a session's Markdown and JSON, say where.

Over SSH the files would stay on the server, where the teacher cannot reach them: the
key shows the commands that bring the export to their own machine instead.
"""

from __future__ import annotations

from textual.screen import Screen

from circle import hints
from circle.errors import CircleError
from circle.store.exports import write_export_files


def notice_width(screen: Screen) -> int:
    """Columns of text a notice holds: Textual's toast is at most 60 wide and half the screen,
    less its padding and the coloured edge on its left (one spare column kept)."""
    return max(20, min(60, screen.app.size.width // 2) - 4)


def path_lines(path: str, width: int) -> list[str]:
    """A path on lines of at most ``width``, broken after a "/" (inside a name only when it
    is longer than a line): a notice wraps at spaces only, and cuts a longer path."""
    lines, line = [], ""
    names = path.split("/")
    for part in [name + "/" for name in names[:-1]] + [names[-1]]:
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
        while len(line) > width:
            lines.append(line[:width])
            line = line[width:]
    return [*lines, line] if line else lines


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
        folder = "\n".join(path_lines(f"{md.parent}/", notice_width(screen)))
        message = (f"Exported to\n{folder}\n{md.name} and {js.name}\n"
                   f"(notes left out: {hints.command('export', '--include-private')} adds them)")
        app.call_from_thread(screen.notify, message, title="Exported", timeout=12, markup=False)

    screen.run_worker(write, thread=True, exclusive=True, group="export", exit_on_error=False)
