"""CSV import of training records: row-level errors, all-or-nothing.

Columns (header row, comma or semicolon): employee (username or email), course (title or id), completed_at
(YYYY-MM-DD or DD.MM.YYYY), and optionally passed (ja/nein, true/false, 1/0), score (0–100), session (id), notes.
Row numbers are file lines: the header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from training import services
from training.models import Course, TrainingSession

REQUIRED_COLUMNS = ("employee", "course", "completed_at")
OPTIONAL_COLUMNS = ("passed", "score", "session", "notes")
MAX_ROWS = 5000
TRUE_VALUES = {"1", "true", "ja", "yes", "j", "y", "x"}
FALSE_VALUES = {"0", "false", "nein", "no", "n"}


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"created": self.created, "errors": [e.__dict__ for e in self.errors]}


def _parse_date(value: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, not a point in time
        except ValueError:
            continue
    raise ValueError(value)


def _read(file: IO[bytes]) -> tuple[list[str], list[dict[str, str]]]:
    raw = file.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else str(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    return header, [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _parse_row(
    number: int, row: dict[str, str], errors: list[RowError]
) -> services.RecordInput | None:
    def fail(column: str, message: str) -> None:
        errors.append(RowError(number, column, message))

    before = len(errors)
    employee = None
    if not row.get("employee"):
        fail("employee", _("Bitte geben Sie die Person an."))
    else:
        employee = User.objects.filter(Q(username=row["employee"]) | Q(email__iexact=row["employee"])).first()
        if employee is None:
            fail("employee", _("Unbekannte Person: %(value)s") % {"value": row["employee"]})
    course = None
    value = row.get("course", "")
    lookup = Q(title=value) | Q(pk=int(value)) if value.isdigit() else Q(title=value)
    course = Course.objects.filter(lookup).first() if value else None
    if course is None:
        fail("course", _("Unbekannte Schulung: %(value)s") % {"value": value})
    completed_at = None
    try:
        completed_at = _parse_date(row.get("completed_at", ""))
    except ValueError:
        fail("completed_at", _("Ungültiges Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)."))
    passed = True
    if row.get("passed"):
        flag = row["passed"].lower()
        if flag not in TRUE_VALUES | FALSE_VALUES:
            fail("passed", _("Bitte „ja“ oder „nein“ angeben."))
        passed = flag in TRUE_VALUES
    score = None
    if row.get("score"):
        if not row["score"].isdigit() or int(row["score"]) > 100:
            fail("score", _("Das Ergebnis muss eine ganze Zahl zwischen 0 und 100 sein."))
        else:
            score = int(row["score"])
    session = None
    if row.get("session"):
        session = TrainingSession.objects.filter(pk=row["session"]).first() if row["session"].isdigit() else None
        if session is None:
            fail("session", _("Unbekannter Termin: %(value)s") % {"value": row["session"]})
    if len(errors) > before or employee is None or course is None or completed_at is None:
        return None
    data = services.RecordInput(
        employee=employee,
        course=course,
        completed_at=completed_at,
        passed=passed,
        score=score,
        session=session,
        notes=row.get("notes", ""),
    )
    for column, message in services.record_validate(data).items():
        fail(column, message)
    return None if len(errors) > before else data


def records_import_csv(*, actor: User, file: IO[bytes]) -> ImportResult:
    result = ImportResult()
    try:
        header, rows = _read(file)
    except (UnicodeDecodeError, csv.Error):
        result.errors.append(RowError(1, "file", _("Die Datei ist keine lesbare CSV-Datei (UTF-8).")))
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        result.errors.append(RowError(1, "file", _("Es fehlen Spalten: %(cols)s") % {"cols": ", ".join(missing)}))
        return result
    if not rows:
        result.errors.append(RowError(1, "file", _("Die Datei enthält keine Datensätze.")))
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append(RowError(1, "file", _("Höchstens %(n)s Zeilen je Datei.") % {"n": MAX_ROWS}))
        return result
    inputs: list[services.RecordInput] = []
    seen: dict[tuple[int, int], int] = {}
    for number, row in enumerate(rows, start=2):
        data = _parse_row(number, row, result.errors)
        if data is None:
            continue
        if data.session is not None:
            key = (data.employee.pk, data.session.pk)
            if key in seen:
                result.errors.append(
                    RowError(number, "session", _("Doppelt: dieselbe Person und derselbe Termin wie in Zeile %(row)s.")
                             % {"row": seen[key]})
                )
                continue
            seen[key] = number
        inputs.append(data)
    if result.errors:
        return result
    try:
        result.created = len(services.records_create_many(actor=actor, rows=inputs))
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            result.errors.extend(RowError(0, column, message) for message in messages)
    return result
