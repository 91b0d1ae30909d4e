"""authorized_keys over a real sshd on 127.0.0.1: a line added by hand between circle's markers
lets its key in, so `circle teachers list` and `circle check` report it, and a change writes
over it only with --force, after which sshd no longer lets that key in.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import CIRCLE
from sshd_server import Sshd, make_key, require_openssh

pytestmark = pytest.mark.e2e

END = "# circle teachers end"


def circle(home: Path, keys_file: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIRCLE_AUTHORIZED_KEYS": str(keys_file)}
    return subprocess.run([str(CIRCLE), "--home", str(home), *argv], capture_output=True, text=True, env=env,
                          timeout=120)  # fmt: skip


def fingerprint(key: Path) -> str:
    shown = subprocess.run(["ssh-keygen", "-l", "-f", f"{key}.pub"], capture_output=True, text=True, check=True,
                           timeout=60)  # fmt: skip
    return shown.stdout.split()[1]


def test_a_hand_added_line_between_the_markers_is_reported_and_kept_until_forced(tmp_path: Path) -> None:
    require_openssh()
    home, keys_file = tmp_path / "home", tmp_path / "authorized_keys"
    adm, ana, ana2, intruder = (make_key(tmp_path / name) for name in ("adm_key", "ana_key", "ana2_key", "intruder_key"))
    for name, key, extra in (("adm", adm, ["--admin"]), ("ana", ana, [])):
        added = circle(home, keys_file, "teachers", "add", name, "--key", f"{key}.pub", *extra)
        assert added.returncode == 0, added.stderr
    # An extra key that runs the admin's shell, written by hand just above the end marker.
    lines = keys_file.read_text().splitlines()
    options = lines[1].split(" ssh-ed25519 ")[0]  # adm's: restrict,pty,command="... shell adm"
    intruder_line = f"{options.removeprefix('restrict,pty,')} {Path(f'{intruder}.pub').read_text().strip()}"
    lines.insert(lines.index(END), intruder_line)
    keys_file.write_text("\n".join(lines) + "\n")
    sshd = Sshd(tmp_path, keys_file)
    sshd.start()
    try:
        honoured = sshd.ssh(intruder, "circles --json")
        assert honoured.returncode == 0, honoured.stderr  # sshd lets the hand-added key in, as the admin
        assert isinstance(json.loads(honoured.stdout), list)

        said = f"line 4: key {fingerprint(intruder)} ('intruder_key'), which no teacher has; sshd lets it in"
        listed = circle(home, keys_file, "teachers", "list")
        assert listed.returncode == 0 and said in listed.stdout, listed.stdout
        assert Path(f"{intruder}.pub").read_text().split()[1] not in listed.stdout
        checked = circle(home, keys_file, "--actor", "adm", "check")
        assert checked.returncode == 1 and said in checked.stdout, checked.stdout

        before = keys_file.read_bytes()
        refused = circle(home, keys_file, "teachers", "add", "ana", "--key", f"{ana2}.pub")
        assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
        assert "line 4: key" in refused.stderr and "--force replaces them" in refused.stderr
        assert keys_file.read_bytes() == before
        assert sshd.ssh(intruder, "circles --json").returncode == 0

        forced_add = circle(home, keys_file, "teachers", "add", "ana", "--key", f"{ana2}.pub", "--force")
        assert forced_add.returncode == 0, forced_add.stderr
        assert sshd.ssh(intruder, "circles --json").returncode == 255  # refused by sshd: no such key
        for key in (ana, ana2):  # the key added to ana lets her in beside her first
            assert sshd.ssh(key, "circles --json").returncode == 0
        assert circle(home, keys_file, "--actor", "adm", "check").returncode == 0
    finally:
        sshd.stop()
