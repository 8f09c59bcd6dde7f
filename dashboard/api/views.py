from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboard.api.permissions import CanSeeDashboard
from dashboard.api.serializers import SummarySerializer
from dashboard.forms import DEFAULT_PERIOD, DashboardFilterForm
from dashboard.report import cached_report


class SummaryView(APIView):
    """KPI tiles, time series, root causes and per-touchpoint figures of the CCEO dashboard."""

    permission_classes = [CanSeeDashboard]

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, enum=["7", "30", "90", "365", "custom"]),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
            OpenApiParameter("department", OpenApiTypes.INT),
            OpenApiParameter("department_slug", OpenApiTypes.STR),
            OpenApiParameter("segment", OpenApiTypes.STR),
            OpenApiParameter("journey", OpenApiTypes.INT),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        data = request.query_params.copy() or {"period": DEFAULT_PERIOD}
        form = DashboardFilterForm(data, user=request.user)
        if not form.is_valid():
            raise ValidationError({name: [str(m) for m in messages] for name, messages in form.errors.items()})
        return Response(SummarySerializer(cached_report(form.to_filter())).data)
