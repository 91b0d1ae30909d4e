"""`circle report`'s pieces: --since as typed, sparklines, and CSV a spreadsheet cannot run."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from circle.commands.report_csv import csv_text, safe_cell
from circle.domain.reports.since import SinceError, parse_since
from circle.domain.reports.sparkline import sparkline

TODAY = date(2026, 12, 7)  # a Monday


@pytest.mark.parametrize(("text", "day"), [
    ("2026-09-01", date(2026, 9, 1)),
    ("today", TODAY),
    ("yesterday", date(2026, 12, 6)),
    ("10d", date(2026, 11, 27)),
    ("3w", date(2026, 11, 16)),
    ("3 weeks ago", date(2026, 11, 16)),
    ("2m", date(2026, 10, 7)),
    ("last month", date(2026, 11, 7)),
    ("friday", date(2026, 12, 4)),
    ("last monday", date(2026, 11, 30)),
])
def test_since_reads_the_due_date_forms_looking_back(text: str, day: date) -> None:
    assert parse_since(text, TODAY) == day


@pytest.mark.parametrize("text", ["", "soon", "2026-02-30", "99999999m", "next"])
def test_since_that_does_not_read_says_what_is_accepted(text: str) -> None:
    with pytest.raises(SinceError, match="a date like 2026-09-01"):
        parse_since(text, TODAY)


def test_sparkline_scales_and_leaves_gaps() -> None:
    assert sparkline([0, 0.5, 1, None], low=0, high=1) == "▁▅█ "
    assert sparkline([3, 3]) == "▄▄"
    assert sparkline([]) == ""
    assert len(sparkline([float(i) for i in range(200)], width=40)) == 40
    assert sparkline([float(i) for i in range(200)], width=40)[0] == "▁"


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "=HYPERLINK(\"x\")"])
def test_a_cell_that_would_be_a_formula_is_made_text(text: str) -> None:
    assert str(safe_cell(text)).startswith("'")


def test_a_control_character_in_a_cell_is_spelled_out() -> None:
    assert safe_cell("\tx\x1b[2J") == "\\x09x\\x1b[2J"


def test_numbers_stay_numbers_and_text_is_quoted_as_rfc_4180_says() -> None:
    assert safe_cell(-3.5) == -3.5 and safe_cell(None) == ""
    out = csv_text(("a", "b"), [('say "hi", then', -1)])
    assert out == 'a,b\r\n"say ""hi"", then",-1\r\n'
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["a", "b"], ['say "hi", then', "-1"]]
