"""`circle report` on a school server: the programme's view holds no typed text for an admin,
a teacher gets only their own circles, and one circle's year is for its members."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from circle.cli import main

from .report_home import ReportHome

FORMS = ([], ["--plain"], ["--json"], ["--csv"], ["--since", "2026-09-10"], ["--since", "2026-09-10", "--csv"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ReportHome:
    folder = tmp_path_factory.mktemp("report-school")
    school = ReportHome(folder / "home", circles=3, members=4, sessions=2)
    school.register(folder / "authorized_keys", {"adm": True, "t0": False, "t1": False})
    return school


def report(capfd: pytest.CaptureFixture[str], home: Path, actor: str, *words: str) -> tuple[int, str, str]:
    code = main(["--home", str(home), "--actor", actor, "report", *words])
    out, err = capfd.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", FORMS, ids=lambda f: " ".join(f) or "default")
def test_the_programme_shows_an_admin_no_typed_text(built: ReportHome, capfd, form) -> None:
    code, out, err = report(capfd, built.home, "adm", *form)
    assert code == 0, err
    assert len(built.typed) > 60
    leaked = [text for text in built.typed if text in out or text in err]
    assert leaked == []
    for slug in built.slugs:  # every circle is there, told apart by its slug
        assert slug in out


def test_the_programmes_figures_for_an_admin(built: ReportHome, capfd) -> None:
    code, out, _ = report(capfd, built.home, "adm", "--json")
    assert code == 0
    view = json.loads(out)
    assert view["covers"] == "every circle"
    first = view["circles"][0]
    assert first["sessions"] == 2
    assert first["attendance_rate"] == pytest.approx(7 / 8)  # 3 of 4, then 4 of 4
    assert first["goals"] == {"active": 3, "achieved": 0, "reworked": 1, "dropped": 1}
    assert first["voice_balance"] is not None and 0 < first["voice_balance"] < 1


def test_the_programme_csv_is_the_coordinators_term_report(built: ReportHome, capfd) -> None:
    code, out, _ = report(capfd, built.home, "adm", "--csv")
    assert code == 0
    assert out.endswith("\r\n") and out.count("\r\n") == 1 + len(built.slugs)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["circle"] for r in rows] == built.slugs
    assert rows[0]["sessions"] == "2" and rows[0]["goals_dropped"] == "1"


def test_an_admin_cannot_read_one_circles_year(built: ReportHome, capfd) -> None:
    code, out, err = report(capfd, built.home, "adm", built.slugs[0])
    assert code == 3
    assert "refused" in err and out == ""
    assert not [text for text in built.typed if text in err]


def test_a_teacher_gets_only_their_own_circles(built: ReportHome, capfd) -> None:
    code, out, _ = report(capfd, built.home, "t0", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["circle"] for r in rows] == [built.slugs[0]]
    code, out, _ = report(capfd, built.home, "t0")
    assert "your circles only" in out
    assert built.slugs[1] not in out and built.slugs[2] not in out


def test_a_teacher_reads_their_circles_year_and_no_other(built: ReportHome, capfd) -> None:
    code, out, _ = report(capfd, built.home, "t0", built.slugs[0])
    assert code == 0
    assert "Zqvmember00Xkw" in out  # their circle's members, by name
    code, out, err = report(capfd, built.home, "t0", built.slugs[1])
    assert code == 3
    assert f"there is no circle named {built.slugs[1]!r} that you can open" in err


def test_figures_about_fewer_than_three_people_are_not_shown(tmp_path: Path, capfd) -> None:
    small = ReportHome(tmp_path / "home", circles=1, members=2, sessions=1)
    small.register(tmp_path / "keys", {"adm": True})
    code, out, _ = report(capfd, small.home, "adm", "--json")
    row = json.loads(out)["circles"][0]
    assert (row["attendance_rate"], row["voice_balance"], row["goals"]) == (None, None, None)
    assert set(row["withheld"]) == {"attendance_rate", "voice_balance", "goals"}
    code, out, _ = report(capfd, small.home, "adm", "--plain")
    assert "—" in out and "fewer than three" in out
    code, out, _ = report(capfd, small.home, "adm", "--csv")
    cells = list(csv.DictReader(io.StringIO(out, newline="")))[0]
    assert cells["attendance_rate"] == "" and cells["voice_balance"] == "" and cells["goals_active"] == ""
