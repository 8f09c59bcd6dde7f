"""CSV / XLSX export of answers (pandas)."""

from __future__ import annotations

import io

import pandas as pd
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from nps.models import Response

COLUMNS = {
    "id": "id",
    "survey__name": "survey",
    "survey__kind": "survey_kind",
    "score": "score",
    "category": "category",
    "comment": "comment",
    "needs_follow_up": "needs_follow_up",
    "touchpoint__name": "touchpoint",
    "department__name": "department",
    "segment": "segment",
    "customer_id": "customer_id",
    "submitted_at": "submitted_at",
}


def responses_frame(queryset: QuerySet[Response]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(queryset.values_list(*COLUMNS)), columns=list(COLUMNS.values()))
    if not frame.empty:
        berlin = timezone.get_default_timezone()
        frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True).dt.tz_convert(berlin)
        frame["submitted_at"] = frame["submitted_at"].dt.strftime("%Y-%m-%d %H:%M")
    return frame


def export_response(queryset: QuerySet[Response], fmt: str) -> HttpResponse:
    frame = responses_frame(queryset.order_by("submitted_at", "pk"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, sheet_name="responses")
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="nps-responses-{stamp}.xlsx"'
        return response
    response = HttpResponse(frame.to_csv(index=False), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nps-responses-{stamp}.csv"'
    return response
