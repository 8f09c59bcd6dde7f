"""Read and check a customer CSV file without touching the database.

Accepts UTF-8 (with or without BOM) and Windows-1252 (Excel's "CSV (Trennzeichen-getrennt)"), `,`, `;` or tab
as delimiter, German or English headers. Row numbers are the file's line numbers as a spreadsheet shows them
(header = row 1). Consent columns are deliberately not imported: a consent needs a source and evidence per person,
so it is recorded through the consent API or double opt-in, never inferred from a spreadsheet cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

REQUIRED_COLUMNS = ("external_ref", "email")
COLUMN_NAMES = {"external_ref": "Kundennummer / external_ref", "email": "E-Mail / email"}
HEADER_ALIASES: dict[str, str] = {
    "externalref": "external_ref",
    "kundennummer": "external_ref",
    "kundennr": "external_ref",
    "customernumber": "external_ref",
    "email": "email",
    "emailadresse": "email",
    "mail": "email",
    "firstname": "first_name",
    "vorname": "first_name",
    "lastname": "last_name",
    "nachname": "last_name",
    "language": "language",
    "sprache": "language",
    "segment": "segment",
    "kundensegment": "segment",
}
MAX_LENGTHS = {"external_ref": 64, "email": 254, "first_name": 100, "last_name": 100, "segment": 60}
LANGUAGES = ("de", "en")
ERASED_PREFIX = "erased-"
MAX_REPORTED_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class ParsedFile:
    columns: list[str] = field(default_factory=list)  # the customer fields present in the file
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def decode(content: bytes) -> str:
    """UTF-8 (BOM stripped) first, then Windows-1252; raises ValidationError for anything else."""
    if b"\x00" in content[:4096]:
        raise ValidationError(_("Die Datei ist keine CSV-Textdatei (UTF-8 oder Windows-1252)."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Die Kodierung der Datei wird nicht erkannt (erwartet UTF-8 oder Windows-1252).")
        ) from None


def _normalise_header(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.strip().lower().replace("ß", "ss"))


def _delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def count_rows(content: bytes) -> int:
    """A fast upper bound on data rows (non-blank lines after the header) used to decide on a background run."""
    return max(sum(1 for line in content.splitlines() if line.strip()) - 1, 0)


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    first_line, _newline, rest = text.partition("\n")
    offset = 0
    hint = first_line.strip().lower()
    if len(hint) == 5 and hint.startswith("sep="):  # Excel's "sep=;" line names the delimiter
        delimiter, text, offset = first_line.strip()[4], rest, 1
    else:
        delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for record in reader:
        yield reader.line_num + offset, record


Progress = Callable[[int], None]
PROGRESS_EVERY = 1000


def parse(content: bytes, *, progress: Progress | None = None) -> ParsedFile:
    """Decode, map headers and check every row; `errors` lists every problem found (at most 1000).

    `progress(rows_checked)` is called every 1000 rows, for the progress bar of background imports.
    """
    result = ParsedFile()
    try:
        text = decode(content)
    except ValidationError as exc:
        result.errors.append(RowError(0, "file", exc.messages[0]))
        return result
    try:
        records = _records(text)
        header_row = next(records, None)
        if header_row is None or not any(cell.strip() for cell in header_row[1]):
            result.errors.append(RowError(1, "file", _("Die Datei ist leer.")))
            return result
        positions = _map_header(header_row[1], result)
        if result.errors:
            return result
        result.columns = list(positions)
        _check_rows(records, positions, result, progress)
    except csv.Error as exc:
        result.errors.append(RowError(0, "file", _("Die CSV-Datei ist fehlerhaft: %(error)s") % {"error": exc}))
    if not result.errors and not result.rows:
        result.errors.append(RowError(2, "file", _("Die Datei enthält keine Datenzeilen.")))
    return result


def _map_header(header: list[str], result: ParsedFile) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        target = HEADER_ALIASES.get(_normalise_header(name))
        if target is None:
            continue  # unknown extra columns are ignored
        if target in positions:
            result.errors.append(
                RowError(1, target, _("Die Spalte „%(name)s“ kommt doppelt vor.") % {"name": name.strip()})
            )
        positions[target] = index
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            result.errors.append(
                RowError(1, column, _("Die Pflichtspalte „%(column)s“ fehlt.") % {"column": COLUMN_NAMES[column]})
            )
    return positions


def _check_rows(
    records: Iterator[tuple[int, list[str]]],
    positions: dict[str, int],
    result: ParsedFile,
    progress: Progress | None,
) -> None:
    seen: dict[str, int] = {}
    errors = result.errors
    for count, (line, record) in enumerate(records, start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        if not any(cell.strip() for cell in record):
            continue  # blank line
        row = {column: (record[index].strip() if index < len(record) else "") for column, index in positions.items()}
        before = len(errors)
        ref = row["external_ref"]
        if not ref:
            errors.append(RowError(line, "external_ref", _("Die Kundennummer fehlt.")))
        elif ref.lower().startswith(ERASED_PREFIX):
            errors.append(
                RowError(line, "external_ref", _("Kundennummern mit „erased-“ sind gelöschten Daten vorbehalten."))
            )
        elif ref in seen:
            errors.append(
                RowError(
                    line,
                    "external_ref",
                    _("Die Kundennummer „%(ref)s“ steht bereits in Zeile %(row)d.") % {"ref": ref, "row": seen[ref]},
                )
            )
        else:
            seen[ref] = line
        email = row["email"]
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(RowError(line, "email", _("Ungültige E-Mail-Adresse: „%(email)s“.") % {"email": email}))
        if "language" in row:
            row["language"] = row["language"].lower()
            if row["language"] and row["language"] not in LANGUAGES:
                errors.append(RowError(line, "language", _("Die Sprache muss „de“ oder „en“ sein.")))
        for column, limit in MAX_LENGTHS.items():
            if len(row.get(column, "")) > limit:
                errors.append(RowError(line, column, _("Höchstens %(limit)d Zeichen.") % {"limit": limit}))
        if len(errors) >= MAX_REPORTED_ERRORS:
            del errors[MAX_REPORTED_ERRORS:]
            errors.append(RowError(line, "file", _("Zu viele Fehler; die Prüfung wurde hier abgebrochen.")))
            return
        if len(errors) == before:
            result.rows.append(row)
