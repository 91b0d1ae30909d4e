"""`circle report` over the real sshd: an admin gets the programme's CSV in one command, with
no typed text in it; a teacher gets only their own circles, and one circle's year only of theirs.

Maths: ana (mentor), ben and bo. Science: cy (mentor), dee and ed. adm: an admin in neither.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CIRCLE
from sshd_server import Sshd, require_openssh, teachers_over_ssh

pytestmark = pytest.mark.e2e

SECRETS = ("QZ-MEMBER", "QZ-GOAL", "QZ-MEASURE", "QZ-NORM", "QZ-PLACE", "QZ-NOTE", "QZ-DESCRIPTION")


@dataclass
class School:
    home: Path
    keys: dict[str, Path]
    sshd: Sshd

    def ssh(self, teacher: str, request: str) -> subprocess.CompletedProcess[str]:
        return self.sshd.ssh(self.keys[teacher], request)


def summary(members: list[str], day: str) -> dict:
    """A session's saved record: everyone came, the mentor spoke longest."""
    return {
        "plan": "community-60", "status": "ended", "started_at": f"{day}T15:00:00+00:00",
        "ended_at": f"{day}T16:00:00+00:00",
        "attendance": [{"member": m, "from_start": True, "joined_at": None, "left_at": None} for m in members],
        "airtime": {m: 120.0 * (2 if i == 0 else 1) for i, m in enumerate(members)},
        "phases": [{"index": 0, "kind": "opener", "title": "Opener", "planned_seconds": 3600.0,
                    "actual_seconds": 3480.0}],
    }  # fmt: skip


def fill(home: Path) -> None:
    """Two circles with sessions and goals, every typed text marked, made before teachers are added."""
    from circle.store.repository import Repository

    repo = Repository(home, "setup")
    rosters = {"Maths": ("ana", "ben", "bo"), "Science": ("cy", "dee", "ed")}
    for circle, usernames in rosters.items():
        slug = repo.create_circle(circle, f"{SECRETS[6]} {circle}", norms=[f"{SECRETS[3]} {circle}"])["slug"]
        repo.set_agreement(slug, {"place": f"{SECRETS[4]} {circle}"})
        ids = [repo.add_member(slug, f"{SECRETS[0]} {name}", role="mentor" if i == 0 else "mentee",
                               username=name).id for i, name in enumerate(usernames)]  # fmt: skip
        for member in ids:
            repo.add_goal(slug, {"member": member, "title": f"{SECRETS[1]} {member}", "measure": SECRETS[2],
                                 "status": "active", "progress": 0, "history": []})  # fmt: skip
        for day in ("2026-09-07", "2026-09-14"):
            session = repo.create_session(slug, {"plan": "community-60", "started": f"{day}T15:00:00+00:00"})
            repo.append_event(slug, session, {"type": "note", "data": {"note": SECRETS[5], "kind": "point"}})
            repo.update_session(slug, session, ended=f"{day}T16:00:00+00:00", summary=summary(ids, day))


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Iterator[School]:
    require_openssh()
    folder = tmp_path_factory.mktemp("report-school")
    home = folder / "home"
    fill(home)
    with teachers_over_ssh(CIRCLE, folder, home, ("ana", "cy", "adm"), admins=("adm",)) as (keys, sshd):
        yield School(home, keys, sshd)


def rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_an_admin_gets_the_programmes_csv_in_one_command(school: School) -> None:
    result = school.ssh("adm", "report --csv")
    table = rows(result)
    assert [row["circle"] for row in table] == ["maths", "science"]
    assert [row["sessions"] for row in table] == ["2", "2"]
    assert table[0]["attendance_rate"] == "1.0" and table[0]["goals_active"] == "3"
    assert float(table[0]["voice_balance"]) == pytest.approx(0.75)  # 240, 120, 120 seconds
    assert not [secret for secret in SECRETS if secret in result.stdout + result.stderr]
    plain = school.ssh("adm", "report --since 2026-09-10")
    assert plain.returncode == 0, plain.stderr
    assert "every circle" in plain.stdout
    assert not [secret for secret in SECRETS if secret in plain.stdout + plain.stderr]


def test_a_teacher_gets_only_their_own_circles(school: School) -> None:
    assert [row["circle"] for row in rows(school.ssh("ana", "report --csv"))] == ["maths"]
    assert [row["circle"] for row in rows(school.ssh("cy", "report --csv"))] == ["science"]
    mine = school.ssh("ana", "report maths")
    assert mine.returncode == 0, mine.stderr
    assert f"{SECRETS[0]} ben" in mine.stdout  # their own circle's year names its members
    other = school.ssh("ana", "report science --json")
    assert other.returncode != 0 and other.stdout == ""
    assert "there is no circle named 'science' that you can open" in other.stderr


def test_an_admin_cannot_read_a_circles_year(school: School) -> None:
    result = school.ssh("adm", "report maths --plain")
    assert result.returncode != 0 and result.stdout == ""
    assert "refused" in result.stderr
    assert not [secret for secret in SECRETS if secret in result.stderr]
