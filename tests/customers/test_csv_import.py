"""CSV import: encodings, delimiters, header mapping, row errors, all-or-nothing, upsert, background jobs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from customers import csv_import
from customers.choices import ImportStatus
from customers.models import Customer, ImportJob
from customers.services import customer_import_file
from tests.factories import CustomerFactory

URL = "/api/v1/customers/import/"


def upload(api, content: bytes, name: str = "kunden.csv"):
    return api.post(URL, {"file": SimpleUploadedFile(name, content, content_type="text/csv")}, format="multipart")


def errors_by_field(body) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for error in body["errors"]:
        grouped.setdefault(error["field"], []).append(error)
    return grouped


@pytest.mark.django_db
def test_it_imports_german_excel_file_with_bom_and_semicolons(api_as, cx_admin):
    content = (
        "\ufeffKundennummer;E-Mail;Vorname;Nachname;Sprache;Segment\r\nK1;joerg@example.org;Jörg;Müller;de;privat\r\n"
    )
    response = upload(api_as(cx_admin), content.encode("utf-8"))
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "errors": []}
    customer = Customer.objects.get(external_ref="K1")
    assert (customer.first_name, customer.last_name, customer.email) == ("Jörg", "Müller", "joerg@example.org")


@pytest.mark.django_db
def test_it_imports_cp1252_with_umlauts(api_as, cx_admin):
    content = "Kundennummer;E-Mail;Vorname;Nachname\r\nK2;gruesse@example.org;Käthe;Groß\r\n".encode("cp1252")
    response = upload(api_as(cx_admin), content)
    assert response.status_code == 200, response.json()
    assert Customer.objects.get(external_ref="K2").last_name == "Groß"


@pytest.mark.django_db
def test_it_imports_english_headers_with_commas_and_ignores_unknown_columns(api_as, cx_admin):
    content = (
        b"external_ref,email,first_name,last_name,language,segment,favourite_colour\n"
        b"K3,a@example.org,Ann,Lee,EN,b2b,blue\n"
    )
    response = upload(api_as(cx_admin), content)
    assert response.status_code == 200
    customer = Customer.objects.get(external_ref="K3")
    assert (customer.language, customer.segment) == ("en", "b2b")


@pytest.mark.django_db
def test_it_reports_a_missing_required_column_and_writes_nothing(api_as, cx_admin):
    response = upload(api_as(cx_admin), b"Vorname;Nachname\nErika;Muster\n")
    assert response.status_code == 400
    fields = errors_by_field(response.json())
    assert fields["external_ref"][0]["row"] == 1
    assert "Kundennummer" in fields["external_ref"][0]["message"]
    assert "email" in fields
    assert Customer.objects.count() == 0


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_row_and_field_and_nothing_is_written(api_as, cx_admin):
    content = (
        b"Kundennummer;E-Mail;Sprache\n"
        b"K10;gut@example.org;de\n"
        b"K11;kein-at-zeichen;de\n"
        b";leer@example.org;de\n"
        b"K10;doppelt@example.org;de\n"
        b"K12;fr@example.org;fr\n"
        b"erased-7;x@example.org;de\n"
    )
    response = upload(api_as(cx_admin), content)
    assert response.status_code == 400
    body = response.json()
    assert body["created"] == 0 and body["updated"] == 0
    got = {(e["row"], e["field"]) for e in body["errors"]}
    assert got == {(3, "email"), (4, "external_ref"), (5, "external_ref"), (6, "language"), (7, "external_ref")}
    duplicate = next(e for e in body["errors"] if e["row"] == 5)
    assert "Zeile 2" in duplicate["message"]
    assert Customer.objects.count() == 0  # all-or-nothing: the good row K10 was not written either


@pytest.mark.django_db
def test_it_upserts_by_external_ref(api_as, cx_admin):
    CustomerFactory(external_ref="K20", email="alt@example.org", first_name="Alt", language="en", segment="privat")
    CustomerFactory(external_ref="K21", email="same@example.org", first_name="Same", last_name="Person", segment="")
    content = (
        b"Kundennummer;E-Mail;Vorname;Nachname;Sprache\n"
        b"K20;neu@example.org;Neu;Name;\n"
        b"K21;same@example.org;Same;Person;de\n"
        b"K22;frisch@example.org;Frisch;Kunde;en\n"
    )
    response = upload(api_as(cx_admin), content)
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 1, "unchanged": 1, "errors": []}
    updated = Customer.objects.get(external_ref="K20")
    assert (updated.email, updated.first_name) == ("neu@example.org", "Neu")
    assert updated.language == "en"  # an empty language cell keeps the known language
    assert updated.segment == "privat"  # a column absent from the file stays untouched
    assert Customer.objects.get(external_ref="K22").language == "en"


@pytest.mark.django_db
def test_it_rejects_undecodable_and_binary_files(api_as, cx_admin):
    api = api_as(cx_admin)
    binary = upload(api, b"PK\x03\x04\x00\x00binary excel", name="kunden.xlsx")
    assert binary.status_code == 400
    assert binary.json()["errors"][0]["field"] == "file"
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8
    garbage = upload(api, b"Kundennummer;E-Mail\nK1;\x81\x81@example.org\n")
    assert garbage.status_code == 400
    assert "Kodierung" in garbage.json()["errors"][0]["message"]
    assert Customer.objects.count() == 0


@pytest.mark.django_db
def test_it_rejects_empty_files_and_files_without_rows(api_as, cx_admin):
    api = api_as(cx_admin)
    assert upload(api, b"").status_code == 400
    header_only = upload(api, b"Kundennummer;E-Mail\n")
    assert header_only.status_code == 400
    assert header_only.json()["errors"][0]["field"] == "file"


@pytest.mark.django_db
def test_a_missing_file_field_is_a_400_with_a_field_message(api_as, cx_admin):
    response = api_as(cx_admin).post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.django_db
def test_it_handles_quoted_fields_with_delimiters_and_line_breaks():
    content = (
        b"Kundennummer,E-Mail,Nachname\n"
        b'K30,q@example.org,"M\xc3\xbcller, geb. Schmidt"\n'
        b'"K31",r@example.org,"Zwei\nZeilen"\n'
        b"K32,,Ohne Mail\n"
    )
    result = customer_import_file(content=content)
    assert result.errors == []
    assert Customer.objects.get(external_ref="K30").last_name == "Müller, geb. Schmidt"
    assert Customer.objects.get(external_ref="K32").email == ""


def test_parse_reports_row_numbers_as_in_a_spreadsheet():
    parsed = csv_import.parse(b"Kundennummer;E-Mail\n\nK1;bad\n")
    assert [(e.row, e.field) for e in parsed.errors] == [(3, "email")]


def test_parse_follows_excels_sep_line():
    parsed = csv_import.parse(
        b"sep=;\r\nKundennummer;E-Mail;Nachname\r\nK1;a@example.org;Meier, Anna\r\nK2;kaputt;B\r\n"
    )
    assert parsed.rows[0]["last_name"] == "Meier, Anna"
    assert [(e.row, e.field) for e in parsed.errors] == [(4, "email")]


def test_parse_rejects_a_header_mapped_twice():
    parsed = csv_import.parse(b"email;E-Mail;Kundennummer\na@example.org;b@example.org;K1\n")
    assert parsed.errors and parsed.errors[0].row == 1


@pytest.mark.django_db
@override_settings(CUSTOMER_IMPORT_BACKGROUND_ROWS=2)
def test_a_large_import_runs_as_a_background_job_with_a_progress_page(
    api_as, cx_admin, client, django_capture_on_commit_callbacks
):
    rows = "".join(f"B{i};b{i}@example.org;Vor{i};Nach{i}\n" for i in range(5))
    content = ("Kundennummer;E-Mail;Vorname;Nachname\n" + rows).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(api_as(cx_admin), content)
    assert response.status_code == 202
    body = response.json()
    job = ImportJob.objects.get(pk=body["job"])
    assert job.status == ImportStatus.DONE
    assert (job.total, job.created, job.errors) == (5, 5, [])
    assert bytes(job.content) == b""  # the uploaded personal data is not kept after the run
    assert Customer.objects.filter(external_ref__startswith="B").count() == 5

    status = api_as(cx_admin).get(body["status_url"])
    assert status.status_code == 200 and status.json()["created"] == 5

    client.force_login(cx_admin)
    page = client.get(f"/customers/import/{job.pk}/")
    assert page.status_code == 200
    assert "<progress" in page.content.decode()
    progress = client.get(f"/customers/import/{job.pk}/status/").json()
    assert progress["percent"] == 100 and progress["finished"] is True


@pytest.mark.django_db
@override_settings(CUSTOMER_IMPORT_BACKGROUND_ROWS=1)
def test_a_background_job_with_errors_fails_and_writes_nothing(api_as, cx_admin, django_capture_on_commit_callbacks):
    content = b"Kundennummer;E-Mail\nC1;c1@example.org\nC1;dup@example.org\nC2;kaputt\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(api_as(cx_admin), content)
    job = ImportJob.objects.get(pk=response.json()["job"])
    assert job.status == ImportStatus.FAILED
    assert {(e["row"], e["field"]) for e in job.errors} == {(3, "external_ref"), (4, "email")}
    assert Customer.objects.count() == 0


@pytest.mark.django_db
def test_running_a_job_twice_does_nothing_the_second_time(cx_admin):
    from customers.services import import_job_run

    job = ImportJob.objects.create(file_name="x.csv", content=b"Kundennummer;E-Mail\nD1;d@example.org\n", total=1)
    assert import_job_run(job_id=job.pk) is True
    assert import_job_run(job_id=job.pk) is False
    assert Customer.objects.filter(external_ref="D1").count() == 1


@pytest.mark.django_db
def test_the_import_page_shows_row_errors_and_imports_valid_files(client, cx_admin):
    client.force_login(cx_admin)
    bad = client.post("/customers/import/", {"file": SimpleUploadedFile("k.csv", b"Kundennummer;E-Mail\nK1;falsch\n")})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "Ungültige E-Mail-Adresse" in html and "Es wurde nichts gespeichert" in html
    good = client.post(
        "/customers/import/", {"file": SimpleUploadedFile("k.csv", b"Kundennummer;E-Mail\nK1;ok@example.org\n")}
    )
    assert good.status_code == 200
    assert "1 angelegt" in good.content.decode()
    assert Customer.objects.filter(external_ref="K1").exists()


@pytest.mark.django_db
def test_a_job_abandoned_by_a_dead_worker_is_claimed_again(settings):
    import datetime as dt

    from django.utils import timezone

    from customers.services import import_job_run

    long_ago = timezone.now() - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    job = ImportJob.objects.create(
        file_name="x.csv",
        content=b"Kundennummer;E-Mail\nE1;e@example.org\n",
        total=1,
        status="running",
        started_at=long_ago,
    )
    fresh = ImportJob.objects.create(
        file_name="y.csv",
        content=b"Kundennummer;E-Mail\nE2;e@example.org\n",
        total=1,
        status="running",
        started_at=timezone.now(),
    )
    assert import_job_run(job_id=job.pk) is True
    assert import_job_run(job_id=fresh.pk) is False  # another worker is still on it
    assert list(Customer.objects.values_list("external_ref", flat=True)) == ["E1"]


@pytest.mark.django_db
def test_a_finished_import_emits_one_singular_event_with_ids(django_capture_on_commit_callbacks):
    from core import events

    assert "customer_import.completed" in events.event_types()
    assert "customers.imported" not in events.event_types()
    seen: list[tuple[str, dict]] = []

    def handler(event_type: str, payload: dict) -> None:
        seen.append((event_type, payload))

    events.subscribe("customer_import.completed", handler)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            customer_import_file(content=b"Kundennummer;E-Mail\r\nK1;a@example.org\r\n")
    finally:
        events.unsubscribe("customer_import.completed", handler)
    assert seen == [("customer_import.completed", {"import_job_id": None, "created": 1, "updated": 0})]
