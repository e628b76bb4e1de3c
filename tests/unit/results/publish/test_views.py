from aicourse_build.results.model import OVERALL
from aicourse_build.results.publish import views
from aicourse_build.results.publish.data import Published, Value


def test_each_dimension_gets_a_table_with_everyone_first(document: Published) -> None:
    [professions] = views.knowledge(document)
    assert professions.title == "Yrkesgrupp"
    assert [g.group for g in professions.rows][:2] == [OVERALL, "lakare"]
    assert 'aria-labelledby="kunskap-yrkesgrupp-t"' in professions.chart


def test_without_a_self_report_everyone_is_the_only_row(document: Published) -> None:
    only = document.model_copy(
        update={"dimensions": [], "groups": [g for g in document.groups if g.group == OVERALL]}
    )
    [table] = views.knowledge(only)
    assert [g.label for g in table.rows] == ["Alla deltagare"]


def test_words_for_a_figure() -> None:
    hidden = Value(value=None, n=None, kind="count", suppressed=True, reason="fewer than 5")
    missing = Value(value=None, n=0, kind="mean", suppressed=False, reason=None)
    shown = Value(value=0.5, n=20, kind="mean", suppressed=False, reason=None)
    assert views.said(hidden, "count") == "dolt"
    assert views.said(missing, "mean") == "saknas" and views.said(None, "mean") == "saknas"
    assert views.said(shown, "share") == "50\xa0%"


def test_survey_chart_summary_and_hidden_rows(document: Published) -> None:
    chart = views.survey_chart(1, document.surveys[0])
    assert "Alla deltagare: Instämmer inte alls 3 %" in chart
    assert "Barnmorskor: dolt – för få svar att visa fördelningen." in chart


def test_a_share_of_everyone_only_when_everyone_is_shown(document: Published) -> None:
    page = document.reach[-1].learners
    share = views.reach_share(document, page)
    assert share is not None and share.value == 50 / 71
    hidden = document.learners.model_copy(update={"value": None, "suppressed": True})
    assert views.reach_share(document.model_copy(update={"learners": hidden}), page) is None
