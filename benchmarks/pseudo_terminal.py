"""A process running in a pseudo-terminal, watched from outside: for the benchmarks.

The app under test runs exactly as a user starts it, writing real frames to a real
terminal device. This side reads everything it writes (so it never blocks), notes
when a given text first appears, reads its CPU time from /proc and its peak memory
from wait4 when it ends.
"""

from __future__ import annotations

import fcntl
import os
import pty
import resource
import signal
import struct
import subprocess
import termios
import threading
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class PseudoTerminalProcess:
    def __init__(
        self, argv: list[str], env: dict[str, str], width: int = 100, height: int = 30, stderr: int | None = None
    ) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self._master = master
        self._output = bytearray()
        self._arrivals: list[tuple[int, float]] = []  # (output length after a read, when it came)
        self._seen = threading.Condition()
        self._closed = False
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave if stderr is None else stderr, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # the other side has closed
                chunk = b""
            with self._seen:
                if not chunk:
                    self._closed = True
                    self._seen.notify_all()
                    return
                self._output += chunk
                self._arrivals.append((len(self._output), time.perf_counter()))
                self._seen.notify_all()

    def mark(self) -> int:
        """How much has been written so far: ``wait_for(..., after=mark)`` looks only at what follows."""
        with self._seen:
            return len(self._output)

    def wait_for(self, text: str, timeout: float = 60.0, after: int = 0) -> float:
        """Seconds from the process start until ``text`` was first written to the terminal."""
        needle = text.encode()
        deadline = time.monotonic() + timeout
        with self._seen:
            while self._output.find(needle, after) < 0:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    tail = bytes(self._output[-2000:]).decode(errors="replace")
                    raise RuntimeError(f"{text!r} never appeared; the terminal's last output:\n{tail}")
                self._seen.wait(left)
            return time.perf_counter() - self.started

    def first_output_after(self, mark: int, timeout: float = 30.0) -> float:
        """When the first bytes written after ``mark`` arrived (perf_counter seconds)."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while len(self._output) <= mark:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise RuntimeError("the app wrote nothing after the key")
                self._seen.wait(left)
            # Arrivals grow in length: the first one past the mark brought its first byte.
            return next(at for length, at in self._arrivals if length > mark)

    def wait_quiet(self, quiet: float, timeout: float = 30.0) -> None:
        """Wait until nothing has been written for ``quiet`` seconds (a frame is finished)."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while time.monotonic() < deadline:
                last = self._arrivals[-1][1] if self._arrivals else 0.0
                left = quiet - (time.perf_counter() - last)
                if left <= 0:
                    return
                self._seen.wait(left)

    def send(self, keys: str) -> None:
        os.write(self._master, keys.encode())

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        utime, stime = int(fields[11]), int(fields[12])
        return (utime + stime) / CLOCK_TICKS

    def stop(self) -> resource.struct_rusage:
        """End the process and return its resource usage (ru_maxrss in KiB on Linux)."""
        # Not Popen.poll(): that would reap the child and lose its usage record.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _, _, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = 0
        os.close(self._master)
        self._reader.join(timeout=5)
        return usage


def terminal_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"})
    env.update(extra or {})
    return env
