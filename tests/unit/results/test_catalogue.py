from aicourse_build.results.catalogue import Catalogue, Element
from aicourse_build.results.facts import Kind


def test_the_default_course_pairs_its_tests_and_knows_every_element(catalogue: Catalogue) -> None:
    assert catalogue.pre is not None and catalogue.pre.id == "kunskapstest-fore"
    assert catalogue.post is not None and catalogue.post.id == "kunskapstest-efter"
    assert [q.id for q in catalogue.pre.questions] == [q.id for q in catalogue.post.questions]
    assert [p for p, _t in catalogue.pages][:2] == ["valkommen", "testa-kunskapen-fore"]
    assert "ai-huset" in dict(catalogue.pages)  # kept by vgr only
    assert set(catalogue.dimensions) == {"yrkesgrupp", "forvaltning"}  # the second: vgr's
    assert catalogue.dimensions["forvaltning"].options["narhalsan"] == "Närhälsan"
    assert catalogue.dimensions["yrkesgrupp"].options["lakare"] == "Läkare"
    assert catalogue.surveys["kursenkat"].scale[0] == "Instämmer inte alls"


def test_questions_carry_their_right_answer_in_canonical_form(catalogue: Catalogue) -> None:
    assert catalogue.question("kunskapstest-fore", "patient-data").answer == "a,b,d"  # type: ignore[union-attr]
    concepts = catalogue.question("kunskapstest-efter", "concepts")
    assert concepts is not None and concepts.answer == "bias.d,data.c,hallucination.a,multimodal.b"
    assert catalogue.question("kunskapstest-fore", "language-model").answer == "false"  # type: ignore[union-attr]


def test_every_id_a_source_may_use(catalogue: Catalogue) -> None:
    ids = catalogue.ids
    assert ids["kunskapstest-fore__model"] == Element(Kind.ANSWER, "model", "kunskapstest-fore")
    assert ids["kursenkat__enkat-relevans"] == Element(Kind.SURVEY, "enkat-relevans", "kursenkat")
    base = "https://www.vgregion.se/xapi/aicourse/introduktionsutbildning"
    assert ids[f"{base}/quizzes/kunskapstest-efter/model"].element == "model"
    assert ids[f"{base}/groups/yrkesgrupp"].kind is Kind.GROUP
    assert ids[base].kind is Kind.COMPLETION
    assert any(iri.endswith("extensions/attempt") for iri in catalogue.attempt_iris)
