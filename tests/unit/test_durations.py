from circle.domain.durations import clock_text, duration_text


def test_a_running_clock_cuts_down_to_whole_seconds() -> None:
    assert clock_text(0) == "0:00"
    assert clock_text(59.9) == "0:59"
    assert clock_text(61) == "1:01"
    assert clock_text(3600 + 62) == "1:01:02"


def test_a_duration_rounds_to_the_nearest_second() -> None:
    assert duration_text(1.6) == "0:02"
    assert duration_text(1.4) == "0:01"
    assert duration_text(3599.6) == "1:00:00"
