from lxml import etree

from aicourse_build.package.lom import IEEE_LOM, IMS_MD, XML_LANG, lom
from aicourse_build.resolve import ResolvedCourse


def test_both_dialects_carry_the_same_metadata(resolved_intern: ResolvedCourse) -> None:
    for dialect in (IMS_MD, IEEE_LOM):
        parent = etree.Element("metadata")
        lom(parent, resolved_intern, dialect)
        ns = {"m": dialect.namespace}
        strings = parent.findall(f".//m:{dialect.string}", ns)
        texts = [s.text for s in strings]
        assert texts[:2] == ["Minikurs", "En liten kurs som testerna bygger vidare på."]
        assert "1.0.0" in texts and "Läkare" in texts
        lang = strings[0].get(dialect.lang_attribute)
        assert lang == "sv"
    assert IMS_MD.lang_attribute == XML_LANG


def test_the_metadata_is_in_the_packages_language(resolved_publik_en: ResolvedCourse) -> None:
    parent = etree.Element("metadata")
    lom(parent, resolved_publik_en, IEEE_LOM)
    strings = parent.findall(f".//{{{IEEE_LOM.namespace}}}string")
    texts = [s.text for s in strings]
    assert texts[:2] == ["Mini course", "A small course the tests build on."]
    assert "Physicians" in texts and "Läkare" not in texts
    assert {s.get("language") for s in strings} == {"en", "x-none"}
