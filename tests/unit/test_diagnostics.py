from aicourse_build.diagnostics import (
    Diagnostic,
    Report,
    Severity,
    Span,
    format_github,
    format_text,
)


def test_same_problem_in_two_profiles_is_one_line() -> None:
    report = Report()
    span = Span("a.md", 3, 4)
    for profile in ("vgr", "public"):
        report.add(
            Diagnostic("AIC041", Severity.ERROR, "unknown variable 'x'", span, profile=profile)
        )
    [merged] = report.sorted()
    assert format_text(merged) == (
        "a.md:3:4: error[AIC041]: unknown variable 'x' (profile public,vgr)"
    )


def test_sorted_by_path_then_position() -> None:
    report = Report()
    for path, line in [("b.md", 1), ("a.md", 9), ("a.md", 2)]:
        report.add(Diagnostic("AIC001", Severity.ERROR, "m", Span(path, line, 1)))
    assert [(d.span.path, d.span.line) for d in report.sorted()] == [
        ("a.md", 2),
        ("a.md", 9),
        ("b.md", 1),
    ]


def test_github_annotation_escapes() -> None:
    d = Diagnostic("AIC001", Severity.WARNING, "a: b\nc", Span("x,y.md", 1, 2), hint="h")
    assert (
        format_github(d) == "::warning file=x%2Cy.md,line=1,col=2,title=AIC001::a: b%0Ac%0Ahint: h"
    )
