"""Lines between circle's markers that circle did not write: reported, and never silently replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.cli import main
from circle.domain.server.foreign_lines import ForeignLine, foreign_lines, split_key_line
from circle.domain.server.ssh_keys import parse_public_key
from circle.domain.server.teachers import BEGIN, END, Teacher
from circle.store.teachers import load_teachers

from .keys import key_file, key_text
from .teacher_env import CIRCLE, add, env, key_of  # noqa: F401  (env is a fixture)

INTRUDER = f'command="{CIRCLE} shell it-admin" {key_text(9, comment="root@box")}'


def fingerprint(seed: int) -> str:
    return parse_public_key(key_text(seed), "k").fingerprint()


def insert_before_end(path: Path, line: str) -> None:
    lines = path.read_text().splitlines()
    lines.insert(lines.index(END), line)
    path.write_text("\n".join(lines) + "\n")


def teachers_json(env: dict[str, Path]) -> Path:
    return env["home"] / "teachers.json"


def with_admin(env: dict[str, Path]) -> None:
    env["keys"].parent.mkdir(mode=0o700)
    env["keys"].write_text(f"# the admin's own key\n{key_text(8, comment='me@desk')}\n")
    assert add(env, "ana", 1) == 0
    assert add(env, "adm", 2, "--admin") == 0


def test_teachers_list_and_check_report_a_hand_added_line(env, capsys) -> None:
    with_admin(env)
    insert_before_end(env["keys"], INTRUDER)  # line 6: after the two lines above, the begin marker, adm and ana
    capsys.readouterr()
    assert main(["teachers", "list"]) == 0
    out = capsys.readouterr().out
    expected = (f"not written by circle: {env['keys']} line 6: key {fingerprint(9)} ('root@box'), which no teacher "
                "has; sshd lets it in with that line's own options")  # fmt: skip
    assert expected in out.splitlines()
    assert "--force replaces them" in out
    assert key_of(9).split()[1] not in out  # never the key itself
    assert main(["--actor", "adm", "check"]) == 1
    assert expected in capsys.readouterr().out.splitlines()
    assert main(["--actor", "adm", "check", "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [p["problem"] for p in problems] == [expected.split(f"{env['keys']} ", 1)[1]]


def test_a_teachers_line_with_restrict_taken_off_is_reported(env, capsys) -> None:
    with_admin(env)
    text = env["keys"].read_text()
    env["keys"].write_text(text.replace(f'restrict,pty,command="{CIRCLE} --home', f'pty,command="{CIRCLE} --home', 1))
    capsys.readouterr()
    assert main(["teachers", "list", "--json"]) == 0  # the list on stdout, the report on stderr
    captured = capsys.readouterr()
    assert [row["name"] for row in json.loads(captured.out)] == ["adm", "ana"]
    assert f"line 4: adm's key {fingerprint(2)} on a line that is not the one circle wrote" in captured.err
    assert "sshd honours the line as it stands" in captured.err
    assert main(["--actor", "adm", "check"]) == 1


def test_a_clean_block_is_not_reported(env, capsys) -> None:
    with_admin(env)
    capsys.readouterr()
    assert main(["teachers", "list"]) == 0
    assert "not written by circle" not in capsys.readouterr().out
    assert main(["--actor", "adm", "check"]) == 0


@pytest.mark.parametrize("change", [["add", "ben", "--key", "K3"], ["add", "ana", "--key", "K3"], ["remove", "ana"]])
def test_a_change_refuses_to_write_over_them_and_force_writes_the_registry(env, capsys, change: list[str]) -> None:
    with_admin(env)
    insert_before_end(env["keys"], INTRUDER)
    change = [str(key_file(env["dir"], "k3", 3)) if word == "K3" else word for word in change]
    before = env["keys"].read_bytes(), teachers_json(env).read_bytes()
    capsys.readouterr()
    assert main(["teachers", *change]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 6: key" in err and "--force replaces them" in err
    assert (env["keys"].read_bytes(), teachers_json(env).read_bytes()) == before
    assert main(["teachers", *change, "--force"]) == 0
    teachers = load_teachers(env["home"])
    home = str(env["home"].resolve())
    block = [f'restrict,pty,command="{CIRCLE} --home {home} shell {t.name}" {key}' for t in teachers for key in t.keys]
    outside = ["# the admin's own key", key_text(8, comment="me@desk")]
    assert env["keys"].read_text().splitlines() == [*outside, BEGIN, *block, END]
    capsys.readouterr()
    assert main(["teachers", "list"]) == 0
    assert "not written by circle" not in capsys.readouterr().out


def test_lines_written_by_an_earlier_install_of_circle_are_still_circles(env, monkeypatch, capsys) -> None:
    # Each teacher's forced command is kept in the registry: a later change run from another
    # path to circle does not take the earlier lines for someone else's.
    assert add(env, "ana", 1) == 0
    monkeypatch.setattr("circle.commands.teachers.circle_executable", lambda: "/usr/local/bin/circle")
    assert add(env, "ben", 2) == 0
    text = env["keys"].read_text()
    assert f'"{CIRCLE} --home' in text and '"/usr/local/bin/circle --home' in text
    capsys.readouterr()
    assert main(["teachers", "list"]) == 0
    assert "not written by circle" not in capsys.readouterr().out


@pytest.mark.parametrize("recorded", [None, f'{CIRCLE} shell ana" ,command="/bin/sh'])
def test_a_registry_without_a_usable_forced_command_is_compared_with_this_circles(env, capsys, recorded) -> None:
    assert add(env, "ana", 1) == 0
    data = json.loads(teachers_json(env).read_text())
    for row in data["teachers"].values():
        row["command"] = recorded  # none: a registry written before commands were kept
    teachers_json(env).write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["teachers", "list"]) == 0
    assert "not written by circle" not in capsys.readouterr().out
    assert add(env, "ben", 2) == 0
    assert all(t.command.startswith(f"{CIRCLE} --home ") for t in load_teachers(env["home"]))
    assert "/bin/sh" not in env["keys"].read_text()


def test_foreign_lines_are_counted_as_in_the_file() -> None:
    ana = Teacher("ana", keys=(key_of(1),), command="circle shell ana")
    circle_line = f'restrict,pty,command="circle shell ana" {key_of(1)}'
    text = "\n".join(["# mine", BEGIN, "", circle_line, circle_line, "# a note", "no key here", END, ""])
    found = foreign_lines(text, "ak", [ana], lambda name: "unused")
    assert found == [
        ForeignLine(5, fingerprint(1), "", "ana"),  # circle writes each line once
        ForeignLine(6, is_comment=True),
        ForeignLine(7),
    ]
    assert found[1].describe() == "line 6: a comment circle did not write (sshd ignores it)"
    assert "sshd may still honour it" in found[2].describe()
    # A vertical tab is not a line break to sshd: the line is read whole, and reported whole.
    assert [f.number for f in foreign_lines(f"{BEGIN}\n{circle_line}\x0bx\n{END}\n", "ak", [ana], str)] == [2]


def test_a_key_line_is_read_as_sshd_reads_it() -> None:
    key = key_text(4, comment="eve@x \x1b[2J")
    assert split_key_line(f'command="a b ssh-ed25519 AAAA",from="10.0.0.1" {key}') == (
        'command="a b ssh-ed25519 AAAA",from="10.0.0.1"', "ssh-ed25519", key.split()[1], "eve@x \x1b[2J")
    assert split_key_line(f'command="echo \\"x y\\"" {key}')[1:3] == ("ssh-ed25519", key.split()[1])
    assert split_key_line("# ssh-ed25519 AAAA") is None and split_key_line("ssh-dss AAAA") is None
    found = foreign_lines(f"{BEGIN}\nrestrict {key}\n{END}\n", "ak", [], str)
    assert found[0].comment == "eve@x ?[2J"  # a comment cannot drive the terminal


def test_a_key_file_that_cannot_be_checked_is_reported_by_check(env, capsys) -> None:
    with_admin(env)
    env["keys"].write_text(env["keys"].read_text() + f"{END}\n")  # a second end marker
    capsys.readouterr()
    assert main(["--actor", "adm", "check"]) == 1
    out = capsys.readouterr().out
    assert "cannot check for lines circle did not write" in out and "marker lines" in out
    assert "--force" not in out


def test_a_change_half_way_between_its_two_files_is_not_reported(env) -> None:
    import threading

    from circle.commands.teachers import registry_for
    from circle.store.locked_db import locked
    from circle.store.teachers import AuthorizedKeys

    with_admin(env)
    registry = registry_for(env["home"], env["keys"])
    ben = Teacher("ben", keys=(key_of(3),))
    found: list[ForeignLine] = []
    with locked(teachers_json(env)):  # a change under way: authorized_keys written, teachers.json not yet
        AuthorizedKeys(env["keys"]).write([*load_teachers(env["home"]), ben], registry.command_for)
        reader = threading.Thread(target=lambda: found.extend(registry.foreign_lines()))
        reader.start()
        reader.join(timeout=0.5)  # a reader that did not wait for the change would be done by now
        data = json.loads(teachers_json(env).read_text())
        data["teachers"]["3"] = ben.with_command(registry.command_for).to_dict()
        teachers_json(env).write_text(json.dumps(data))
    reader.join(timeout=60)
    assert not reader.is_alive() and found == []


def test_another_users_home_is_left_to_the_rest_of_check(tmp_path: Path) -> None:
    from circle.commands.teachers import foreign_line_report

    from store.unprivileged import unprivileged_runner

    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "teachers.json").write_text('{"teachers": {}}')
    mine = tmp_path / "mine"
    mine.mkdir()
    with unprivileged_runner(mine) as run:

        def piece() -> None:
            assert foreign_line_report(home, str(mine / "authorized_keys")) == []

        run(piece)
