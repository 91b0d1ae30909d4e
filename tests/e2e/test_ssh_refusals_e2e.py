"""Refusals over a real sshd tell nothing: a circle a teacher is not in answers as one that is
not there, with no server path; an admin's roster naming themselves imports nothing.

The school of test_ssh_e2e: Maths (ana, ben), Science (cy); adm an admin in neither.
"""

from __future__ import annotations

import json

import pytest

from test_ssh_e2e import SECRETS, School, school  # noqa: F401 - the school server, its own sshd

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("request_", ["export --circle {}", "import - --circle {}", "goals --circle {} --plain"])
def test_a_circle_a_teacher_is_not_in_answers_as_one_that_is_not_there(school: School, request_: str) -> None:  # noqa: F811
    roster = "name\nDee\n"
    missing = school.ssh("cy", request_.format("Nowhere"), stdin=roster)
    assert missing.returncode != 0 and "Nowhere" in missing.stderr
    for asked in ("Maths", "maths"):  # its name, and its folder name
        answer = school.ssh("cy", request_.format(asked), stdin=roster)
        assert (answer.returncode, answer.stderr) == (missing.returncode, missing.stderr.replace("Nowhere", asked))
        assert str(school.home) not in answer.stderr and "Year 7" not in answer.stderr


def test_an_admins_roster_naming_themselves_imports_nothing(school: School) -> None:  # noqa: F811
    imported = school.ssh("adm", "import - --circle Maths", stdin="name,role,username\nAdm,mentor,adm\n")
    assert imported.returncode == 3, imported.stderr
    assert "adm may not add themselves to 'Maths'" in imported.stderr
    listed = {c["name"]: c for c in json.loads(school.ssh("adm", "circles --json").stdout)}
    assert listed["Maths"]["members"] == 2
    for request in ("goals --member ana --plain", "export --circle Maths"):
        result = school.ssh("adm", request)
        assert result.returncode != 0 and not any(secret in result.stdout + result.stderr for secret in SECRETS)
