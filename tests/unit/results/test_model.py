from aicourse_build.results.model import NOT_STATED, OVERALL, Figure


def test_a_figure_is_shown_until_disclosure_control_says_otherwise() -> None:
    figure = Figure(12.0, 12)
    assert not figure.suppressed and figure.kind == "count" and figure.reason == ""
    assert OVERALL == "" and NOT_STATED == "-"
