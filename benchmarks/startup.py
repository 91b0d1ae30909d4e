"""Start to first frame, and peak memory, of ``circle run`` on a five-year home.

The reference is a bare Textual app (Header, Static, Footer) started the same way in
the same run: each is a fresh Python process in a pseudo-terminal of the same size,
and the clock runs from the moment the process is spawned until a known text of its
first screen has been written to the terminal (for circle, a member's name on the
check-in list; for the bare app, its Static's text). Textual draws a footer's keys in
a later frame than the first, for both apps alike; the time until those keys show
(the whole first screen) is measured and compared too. Peak memory is the process's
ru_maxrss when it is stopped just after that. Runs alternate between the two so
drift on a noisy machine touches both alike; medians are compared.

    python benchmarks/startup.py [--runs 10] [--importtime]
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pseudo_terminal import PseudoTerminalProcess, terminal_env  # noqa: E402

TIME_TARGET = 1.3
MEMORY_TARGET = 1.3
SETTLE_SECONDS = 0.3  # after the first frame, before stopping: the same for both


@dataclass(frozen=True)
class Target:
    label: str
    argv: list[str]
    marker: str
    footer: str  # a key's description in its footer: drawn once the footer has its keys
    env: dict[str, str]


@dataclass(frozen=True)
class Sample:
    seconds: float
    footer_seconds: float
    max_rss_kib: int


def compile_circle() -> None:
    """Bytecode for every circle module, as an installed package has it (and Textual has).

    Without it, a module edited since it was last compiled is compiled again on every
    start when bytecode is not written (PYTHONDONTWRITEBYTECODE, a read-only tree), and
    the runs would time the compiler rather than circle.
    """
    import circle

    compileall.compile_dir(Path(circle.__file__).parent, quiet=1)


def build_home(root: Path) -> tuple[Path, str, str]:
    """The five-year home, plus the circle to open and a name its first screen shows."""
    from history import build_history

    from circle.store.repository import Repository

    home = root / "five-years"
    started = time.perf_counter()
    build_history(home)
    print(f"five-year home built in {time.perf_counter() - started:.1f} s", flush=True)
    repo = Repository(home, "bench")
    circles = repo.list_circles()
    if not circles:
        raise SystemExit("the five-year home holds no circle")
    # The circle with the most sessions is the heaviest to open.
    circle = max(circles, key=lambda c: len(repo.list_sessions(c["slug"])))
    members = repo.list_members(circle["slug"])
    return home, circle["name"], members[0].name


def run_env(target: Target, template: Path | None, scratch: Path) -> dict[str, str]:
    """The target's environment, with a fresh copy of the home when it needs one.

    A fresh copy each run: a run may add a session, and every run should see the same home.
    """
    env = dict(target.env)
    if template is not None:
        home = scratch / "home"
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(template, home)
        env["CIRCLE_HOME"] = str(home)
    return env


def measure(target: Target, template: Path | None, scratch: Path) -> Sample:
    process = PseudoTerminalProcess(target.argv, run_env(target, template, scratch))
    try:
        seconds = process.wait_for(target.marker)
        footer_seconds = process.wait_for(target.footer)
        time.sleep(SETTLE_SECONDS)
    finally:
        usage = process.stop()
    return Sample(seconds, footer_seconds, usage.ru_maxrss)


@dataclass(frozen=True)
class Imported:
    name: str
    self_us: int
    cumulative_us: int
    parent: str | None  # the module whose import brought this one in


def import_times(target: Target, template: Path | None, scratch: Path) -> dict[str, Imported]:
    """Every module a real start imports on its way to the first frame (python -X importtime)."""
    env = run_env(target, template, scratch)
    # Textual draws on stderr, where -X importtime writes too: the app is given the
    # terminal (stdout) to draw on, and stderr keeps the import times alone.
    script, args = (target.argv[2], target.argv[3:]) if target.argv[1] == "-m" else (target.argv[1], target.argv[2:])
    runner = "run_module" if target.argv[1] == "-m" else "run_path"
    code = (
        "import runpy, sys\n"
        "sys.__stderr__ = sys.stdout\n"
        f"sys.argv = {[script, *args]!r}\n"
        f"runpy.{runner}({script!r}, run_name='__main__')\n"
    )
    log = scratch / "importtime.txt"
    with log.open("wb") as stderr:
        process = PseudoTerminalProcess([target.argv[0], "-X", "importtime", "-c", code], env, stderr=stderr.fileno())
        try:
            process.wait_for(target.marker)
        finally:
            process.stop()
    rows: list[tuple[int, str, int, int]] = []  # depth, name, self, cumulative; children come first
    for line in log.read_text(errors="replace").splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            own = int(parts[0].split(":")[1])
            rows.append(((len(name) - len(name.lstrip())) // 2, name.strip(), own, int(parts[1])))
    found: dict[str, Imported] = {}
    for index, (depth, name, own, cumulative) in enumerate(rows):
        parent = next((n for d, n, _, _ in rows[index + 1 :] if d < depth), None)
        found[name] = Imported(name, own, cumulative, parent)
    return found


def import_profile(bare: Target, circle: Target, template: Path, scratch: Path, top: int = 15) -> None:
    """The imports circle adds to a bare Textual app's, by package and heaviest first."""
    reference = import_times(bare, None, scratch)
    mine = import_times(circle, template, scratch)
    extra = [item for name, item in mine.items() if name not in reference]
    by_package: dict[str, int] = {}
    for item in extra:
        package = ".".join(item.name.split(".")[:2]) if item.name.startswith("circle.") else item.name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + item.self_us
    total = sum(by_package.values())
    print(f"\nimports circle run adds to the bare app's: {len(extra)} modules, {total / 1000:.0f} ms of their own")
    for package, spent in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{spent / 1000:8.1f} ms  {package}")
    print("heaviest of them (imported by):")
    for item in sorted(extra, key=lambda item: -item.self_us)[:top]:
        print(f"{item.self_us / 1000:8.1f} ms  {item.name}  ({item.parent or 'the command'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each (default 10)")
    parser.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    args = parser.parse_args()

    compile_circle()
    with tempfile.TemporaryDirectory(prefix="circle-bench-") as tmp:
        root = Path(tmp)
        home, circle_name, marker = build_home(root)
        bare = Target(
            "bare Textual app", [sys.executable, str(HERE / "bare_app.py")], "bare-app-ready", "palette", terminal_env()
        )
        circle = Target(
            f"circle run {circle_name!r}", [sys.executable, "-m", "circle", "run", circle_name], marker, "Present/absent",
            terminal_env(),
        )
        # One warm-up of each fills the file cache; it is not counted.
        measure(bare, None, root)
        measure(circle, home, root)
        samples: dict[str, list[Sample]] = {bare.label: [], circle.label: []}
        for _ in range(args.runs):
            samples[bare.label].append(measure(bare, None, root))
            samples[circle.label].append(measure(circle, home, root))
        if args.importtime:
            import_profile(bare, circle, home, root)

    return report(samples[bare.label], samples[circle.label], circle.label, args.runs)


def report(bare: list[Sample], circle: list[Sample], label: str, runs: int) -> int:
    def median_ms(samples: list[Sample], field: str) -> float:
        return statistics.median(getattr(s, field) for s in samples) * 1000

    def median_rss(samples: list[Sample]) -> float:
        return statistics.median(s.max_rss_kib for s in samples) / 1024

    print(f"\n{runs} runs each, medians (min..max)")
    for name, samples in (("bare Textual app", bare), (label, circle)):
        print(f"  {name}")
        for field, what in (("seconds", "first frame"), ("footer_seconds", "footer keys")):
            times = [getattr(s, field) * 1000 for s in samples]
            print(f"    {what:<12} {median_ms(samples, field):6.0f} ms ({min(times):.0f}..{max(times):.0f})")
        print(f"    peak memory  {median_rss(samples):6.1f} MiB")
    checks = (
        ("start-up ratio", median_ms(circle, "seconds") / median_ms(bare, "seconds"), TIME_TARGET),
        ("footer ratio  ", median_ms(circle, "footer_seconds") / median_ms(bare, "footer_seconds"), TIME_TARGET),
        ("memory ratio  ", median_rss(circle) / median_rss(bare), MEMORY_TARGET),
    )
    for name, ratio, target in checks:
        print(f"{name} {ratio:.2f} (target <= {target}) {'ok' if ratio <= target else 'OVER TARGET'}")
    return 0 if all(ratio <= target for _, ratio, target in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
