"""`circle teachers`: the registry in the data home and the authorized_keys it writes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from circle.cli import main
from circle.domain.server.teachers import BEGIN, END, Teacher, TeacherError, check_teacher_name, forced_command
from circle.store.teachers import AuthorizedKeys, TeacherRegistry, load_teachers

from .keys import key_file, key_text
from .teacher_env import CIRCLE, add, env, key_of  # noqa: F401  (env is a fixture)


def test_add_writes_a_forced_command_line_per_key(env, capsys) -> None:
    assert add(env, "ana", 1, "--full-name", "Ana Silva") == 0
    second = key_file(env["dir"], "ben", 2)
    assert main(["teachers", "add", "ben", "--key", str(second), "--key", str(key_file(env["dir"], "b3", 3)),
                 "--admin"]) == 0  # fmt: skip
    lines = env["keys"].read_text().splitlines()
    home = str(env["home"].resolve())
    assert lines == [
        BEGIN,
        f'restrict,pty,command="{CIRCLE} --home {home} shell ana" {key_of(1)}',
        f'restrict,pty,command="{CIRCLE} --home {home} shell ben" {key_of(2)}',
        f'restrict,pty,command="{CIRCLE} --home {home} shell ben" {key_of(3)}',
        END,
    ]
    assert stat.S_IMODE(os.stat(env["keys"]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(env["keys"].parent).st_mode) == 0o700
    teachers = load_teachers(env["home"])
    assert [(t.name, t.full_name, t.admin, len(t.keys)) for t in teachers] == [
        ("ana", "Ana Silva", False, 1), ("ben", "", True, 2)]  # fmt: skip


def test_an_existing_key_folder_keeps_its_mode(env) -> None:
    # The admin's folder (say /etc/ssh/keys, read by other accounts too) is not circle's to chmod.
    env["keys"].parent.mkdir(mode=0o755)
    os.chmod(env["keys"].parent, 0o755)
    assert add(env, "ana", 1) == 0
    assert add(env, "ben", 2) == 0  # a rewrite too
    assert stat.S_IMODE(os.stat(env["keys"].parent).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(env["keys"]).st_mode) == 0o600


def test_lines_circle_did_not_write_are_kept(env) -> None:
    env["keys"].parent.mkdir(mode=0o700)
    env["keys"].write_text(f"# the admin's own key\n{key_text(9, comment='root@box')}\n")
    add(env, "ana", 1)
    main(["teachers", "remove", "ana"])
    assert env["keys"].read_text() == f"# the admin's own key\n{key_text(9, comment='root@box')}\n{BEGIN}\n{END}\n"


def test_remove_takes_the_teachers_keys_out(env, capsys) -> None:
    add(env, "ana", 1)
    add(env, "ben", 2)
    assert main(["teachers", "remove", "ana"]) == 0
    text = env["keys"].read_text()
    assert key_of(1) not in text and key_of(2) in text
    assert [t.name for t in load_teachers(env["home"])] == ["ben"]
    assert main(["teachers", "remove", "ana"]) == 1
    assert "ana is not a teacher here" in capsys.readouterr().err


def test_a_key_given_to_another_teacher_is_refused_and_nothing_changes(env, capsys) -> None:
    add(env, "ana", 1)
    before = env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()
    assert add(env, "ben", 1) == 2
    assert "already lets ana in" in capsys.readouterr().err
    assert (env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()) == before


def test_a_key_on_a_line_circle_did_not_write_is_refused(env, capsys) -> None:
    env["keys"].parent.mkdir(mode=0o700)
    env["keys"].write_text(f"{key_text(1)}\n")  # would give a full shell: sshd uses the first match
    assert add(env, "ana", 1) == 2
    assert "a line circle did not write" in capsys.readouterr().err
    assert env["keys"].read_text() == f"{key_text(1)}\n"
    assert load_teachers(env["home"]) == []


@pytest.mark.parametrize("name", ["Ana", "-ana", ".ana", "ana smith", "ana;id", "a" * 33, "ána", ""])
def test_unsafe_teacher_names_are_refused(env, capsys, name: str) -> None:
    assert add(env, name, 1) == 2
    assert "is not a teacher name" in capsys.readouterr().err
    assert not env["keys"].exists()


def test_an_invalid_key_file_is_refused(env, capsys) -> None:
    bad = env["dir"] / "bad.pub"
    bad.write_text("ssh-ed25519 AAAA!!!!\n")
    assert main(["teachers", "add", "ana", "--key", str(bad)]) == 2
    assert "not valid base64" in capsys.readouterr().err
    assert main(["teachers", "add", "ana", "--key", str(env["dir"] / "missing.pub")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not env["keys"].exists() and load_teachers(env["home"]) == []


def test_add_on_a_registered_teacher_adds_the_key(env, capsys) -> None:
    add(env, "ana", 1, "--full-name", "Ana Silva")
    add(env, "ben", 3)
    capsys.readouterr()
    assert add(env, "ana", 2) == 0
    assert "Added 1 key to ana, who now has 2 keys" in capsys.readouterr().out
    teachers = {t.name: t for t in load_teachers(env["home"])}
    assert teachers["ana"].keys == (key_of(1), key_of(2)) and teachers["ana"].full_name == "Ana Silva"
    lines = env["keys"].read_text().splitlines()
    home = str(env["home"].resolve())
    assert lines[1:3] == [f'restrict,pty,command="{CIRCLE} --home {home} shell ana" {key_of(seed)}' for seed in (1, 2)]
    assert len(lines) == 5 and key_of(3) in lines[3]


def test_adding_a_key_a_teacher_already_has_changes_nothing(env, capsys) -> None:
    add(env, "ana", 1)
    before = env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()
    capsys.readouterr()
    assert add(env, "ana", 1) == 0
    assert capsys.readouterr().out == "ana already has that key: nothing changed.\n"
    assert (env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()) == before


def test_adding_another_teachers_key_or_a_role_to_a_teacher_is_refused(env, capsys) -> None:
    add(env, "ana", 1)
    add(env, "ben", 2)
    before = env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()
    capsys.readouterr()
    assert add(env, "ana", 2) == 2
    assert "that key already lets ben in" in capsys.readouterr().err
    assert add(env, "ana", 3, "--admin") == 2
    assert "--full-name and --admin are set when a teacher is added" in capsys.readouterr().err
    assert (env["keys"].read_bytes(), (env["home"] / "teachers.json").read_bytes()) == before


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "authorized_keys"
    path.write_text("# mine\n")
    keys = AuthorizedKeys(path)
    path.write_text("# changed by hand meanwhile\n")
    with pytest.raises(TeacherError, match="changed while circle was updating it"):
        keys.write([Teacher("ana", keys=(key_of(1),))], lambda name: f"circle shell {name}")
    assert path.read_text() == "# changed by hand meanwhile\n"


def test_a_registry_change_is_not_saved_when_authorized_keys_cannot_be(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    path = tmp_path / "authorized_keys"
    path.write_text(f"{BEGIN}\n")  # a begin marker without its end: fixed by hand, never guessed
    registry = TeacherRegistry(home, path, lambda name: f"/bin/circle shell {name}")
    from circle.domain.server.ssh_keys import parse_public_key

    with pytest.raises(TeacherError, match="marker lines"):
        registry.add("ana", [parse_public_key(key_text(1), "k")])
    assert load_teachers(home) == [] and path.read_text() == f"{BEGIN}\n"


def test_list_plain_and_json(env, capsys) -> None:
    assert main(["teachers", "list"]) == 0
    assert "No teachers yet" in capsys.readouterr().out
    add(env, "ana", 1, "--full-name", "Ana\x1b[2J Silva")
    assert "a full name is one line" in capsys.readouterr().err
    add(env, "ana", 1, "--full-name", "Ana Silva", "--admin")
    capsys.readouterr()
    assert main(["teachers", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"name": "ana", "full_name": "Ana Silva", "admin": True, "keys": [rows[0]["keys"][0]]}]
    assert rows[0]["keys"][0].startswith("SHA256:")
    assert main(["teachers", "list"]) == 0
    assert capsys.readouterr().out.startswith("ana (Ana Silva), admin: SHA256:")


def test_forced_command_refuses_paths_that_would_break_the_line() -> None:
    assert forced_command("/opt/my circle/circle", "/srv/home", "ana") == "'/opt/my circle/circle' --home /srv/home shell ana"
    for path in ('/opt/"x/circle', "relative/circle", "/opt/x\\y"):
        with pytest.raises(TeacherError, match="cannot go into authorized_keys"):
            forced_command(path, "/srv/home", "ana")
    assert check_teacher_name("ana.b-c_1") == "ana.b-c_1"
