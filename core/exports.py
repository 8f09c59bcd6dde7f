"""The platform's one export helper: every CSV and XLSX download goes through `export_response`.

- Columns are declared once (`Column`: key, translated header, type); values are formatted by type, choice values
  by their translated label, booleans as ja/nein (yes/no).
- German (the user's language is German): CSV with `;`, decimal comma, dates as 31.12.2026 — what German Excel
  opens without an import dialog. English: `,` and dots, ISO dates. Both CSV flavours start with a UTF-8 BOM.
- XLSX: typed cells (numbers are numbers, dates are dates), bold frozen header, column widths from the content.
- Formula injection guard (OWASP "CSV injection"): text starting with = + - @, a tab or a carriage return is
  prefixed with an apostrophe in CSV, and written as a plain string cell (never a formula) in XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

TEXT, INT, DECIMAL, DATE, DATETIME, BOOL = "text", "int", "decimal", "date", "datetime", "bool"


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    kind: str = TEXT
    choices: Mapping[Any, StrOrPromise] | None = None
    decimals: int = 1
    get: Callable[[Any], Any] | None = None  # value from a row object instead of row[key]

    def value(self, row: Any) -> Any:
        if self.get is not None:
            return self.get(row)
        if isinstance(row, Mapping):
            return row.get(self.key)
        return getattr(row, self.key, None)


def guard_formula(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _german() -> bool:
    return (get_language() or "de")[:2] != "en"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _typed(column: Column, value: Any) -> Any:
    """The cell value in its Python type (None for empty)."""
    if value is None or value == "":
        return None
    if column.choices is not None:
        return str(column.choices.get(value, value))
    if column.kind == BOOL:
        return _("ja") if value else _("nein")
    if column.kind == INT:
        return int(value)
    if column.kind == DECIMAL:
        return round(float(value), column.decimals) if not isinstance(value, Decimal) else round(value, column.decimals)
    if column.kind == DATETIME and isinstance(value, dt.datetime):
        return _local(value).replace(tzinfo=None, microsecond=0)
    if column.kind == DATE and isinstance(value, dt.datetime):
        return _local(value).date()
    return value


def _csv_text(column: Column, value: Any, german: bool) -> str:
    typed = _typed(column, value)
    if typed is None:
        return ""
    if isinstance(typed, dt.datetime):
        return typed.strftime("%d.%m.%Y %H:%M" if german else "%Y-%m-%d %H:%M")
    if isinstance(typed, dt.date):
        return typed.strftime("%d.%m.%Y" if german else "%Y-%m-%d")
    if isinstance(typed, float | Decimal):
        text = f"{typed:.{column.decimals}f}"
        return text.replace(".", ",") if german else text
    if isinstance(typed, int):
        return str(typed)
    return guard_formula(str(typed))


def csv_bytes(rows: Iterable[Any], columns: Sequence[Column]) -> bytes:
    german = _german()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([str(c.label) for c in columns])
    for row in rows:
        writer.writerow([_csv_text(c, c.value(row), german) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[Any], columns: Sequence[Column], *, sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    german = _german()
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = re.sub(r"[\[\]:*?/\\]", "-", sheet)[:31] or "Export"
    worksheet.append([str(c.label) for c in columns])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(c.label)) for c in columns]
    formats = {
        DATE: "DD.MM.YYYY" if german else "YYYY-MM-DD",
        DATETIME: "DD.MM.YYYY HH:MM" if german else "YYYY-MM-DD HH:MM",
        INT: "0",
    }
    for row_number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns):
            value = _typed(column, column.value(row))
            if isinstance(value, str):
                value = _ILLEGAL_XML.sub("", value)
            cell = worksheet.cell(row=row_number, column=index + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif column.kind in formats:
                cell.number_format = formats[column.kind]
            elif column.kind == DECIMAL:
                cell.number_format = "0." + "0" * column.decimals if column.decimals else "0"
            if row_number <= 500:
                widths[index] = max(widths[index], min(len(str(value if value is not None else "")), 60))
    for index, width in enumerate(widths):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = max(8, width + 2)
    worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(
    rows: Iterable[Any], columns: Sequence[Column], *, fmt: str, filename: str, sheet: str | None = None
) -> HttpResponse:
    """A download of `rows` (dicts or objects) as CSV or XLSX; `filename` without extension, a stamp is added."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(rows, columns, sheet=sheet or filename), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_bytes(rows, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response
