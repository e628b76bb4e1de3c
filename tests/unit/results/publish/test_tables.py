import csv
import io

from aicourse_build.results.publish.data import Published, SurveyItem
from aicourse_build.results.publish.tables import WHY, csv_files, survey_csv


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs for UTF-8
    assert b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_four_tables(document: Published) -> None:
    files = csv_files(document)
    assert sorted(files) == ["groups.csv", "questions.csv", "reach.csv", "survey.csv"]
    groups = read(files["groups.csv"])
    assert [g["Grupp"] for g in groups][:2] == ["Alla deltagare", "Läkare"]
    everyone = groups[0]
    assert everyone["Före (% rätt)"] == "48,5" and everyone["Effektstorlek"] == "1,12"
    assert everyone[WHY] == ""
    nurses = next(g for g in groups if g["Grupp-id"] == "sjukskoterskor")
    assert nurses["Effektstorlek"] == "-0,25"


def test_a_hidden_figure_is_an_empty_cell_and_the_row_says_why(document: Published) -> None:
    groups = read(csv_files(document)["groups.csv"])
    assistants = next(g for g in groups if g["Grupp-id"] == "underskoterskor")
    assert assistants["Deltagare"] == "7" and assistants["Bättre"] == "5"
    assert assistants["Före (% rätt)"] == assistants["Lika"] == assistants["Sämre"] == ""
    assert assistants[WHY] == (
        "färre än 10 deltagare: Före (% rätt), Efter (% rätt), Normaliserad vinst, "
        "Effektstorlek; skyddar ett annat dolt värde: Lika; färre än 5 deltagare: Sämre"
    )
    midwives = next(g for g in groups if g["Grupp-id"] == "barnmorskor")
    assert midwives["Deltagare"] == "" and "0" not in midwives["Sämre"]


def test_questions_survey_and_reach(document: Published) -> None:
    files = csv_files(document)
    questions = read(files["questions.csv"])
    assert questions[0]["Fråga"] == "Vad är en AI-modell?"
    assert (questions[0]["Rätt före (%)"], questions[0]["Rätt efter (%)"]) == ("45,0", "86,0")
    assert questions[0]["Diskriminering före"] == ""
    assert questions[0][WHY] == (
        "ej beräknat (färre än 100 deltagare): Diskriminering före, Diskriminering efter"
    )
    assert questions[1]["Markering"] == "Redan känd"
    survey = read(files["survey.csv"])
    assert survey[0]["Instämmer helt (5)"] == "24" and survey[0]["Medelvärde"] == "3,98"
    not_stated = next(s for s in survey if s["Grupp-id"] == "-")
    assert not_stated["Instämmer inte alls (1)"] == "" and not_stated["Neutral (3)"] == "5"
    reach = read(files["reach.csv"])
    assert reach[-1] == {
        "Sida-id": "avslutning",
        "Sida": "Avslutning",
        "Nådde sidan": "50",
        "Andel av alla (%)": "70,4",
        WHY: "",
    }


def test_surveys_with_different_scales_number_their_steps(document: Published) -> None:
    three = SurveyItem(
        survey="snabb",
        item="nöjd",
        text="Nöjd?",
        scale=["Nej", "Kanske", "Ja"],
        groups=[document.surveys[1].groups[0].model_copy(update={"steps": []})],
    )
    rows = read(survey_csv(document.model_copy(update={"surveys": [*document.surveys, three]})))
    assert rows[0]["Steg 5"] == "24" and rows[-1]["Skala"] == "1 = Nej, 2 = Kanske, 3 = Ja"
    assert rows[-1]["Steg 1"] == ""
