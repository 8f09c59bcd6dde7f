from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import roles
from accounts.models import User
from core.api.permissions import RolePermission
from core.dates import Period
from training import access, imports, outcomes, selectors, services
from training.api import serializers as s
from training.filters import (
    OUTCOME_WINDOW_DAYS,
    CompetenceFilter,
    CourseFilter,
    GapFilter,
    PeriodFilter,
    RecordFilter,
    RequirementFilter,
    SessionFilter,
    gap_period,
    gap_scope,
)
from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession

# Every signed-in role reads the catalogue; trainers and CX admins change it.
ReadEveryoneWriteTrainers = RolePermission.of(read=roles.EVERYONE, write=roles.TRAINING_MANAGERS)
TeamViewers = RolePermission.of(read=roles.TRAINING_TEAM_VIEWERS, write=frozenset())


PERIOD_PARAMETERS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="local date, inclusive (default: 90 days back)"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="local date, inclusive (default: today)"),
]
GAP_PARAMETERS = [
    *[OpenApiParameter(name, OpenApiTypes.INT, many=True) for name in ("department", "touchpoint", "employee")],
    *[OpenApiParameter(name, OpenApiTypes.STR, many=True) for name in ("department_slug", "touchpoint_slug")],
    *PERIOD_PARAMETERS,
]


def _actor(request: Request) -> User:
    return cast(User, request.user)


class CompetenceViewSet(viewsets.ModelViewSet):
    queryset = Competence.objects.all()
    serializer_class = s.CompetenceSerializer
    permission_classes = [ReadEveryoneWriteTrainers]
    filterset_class = CompetenceFilter

    def perform_destroy(self, instance: Competence) -> None:
        services.competence_delete(actor=_actor(self.request), competence=instance)


class CourseViewSet(viewsets.ModelViewSet):
    queryset = Course.objects.prefetch_related("course_competences")
    serializer_class = s.CourseSerializer
    permission_classes = [ReadEveryoneWriteTrainers]
    filterset_class = CourseFilter

    def perform_destroy(self, instance: Course) -> None:
        services.course_delete(actor=_actor(self.request), course=instance)


class RequirementViewSet(viewsets.ModelViewSet):
    queryset = Requirement.objects.select_related("competence", "department", "touchpoint")
    serializer_class = s.RequirementSerializer
    permission_classes = [ReadEveryoneWriteTrainers]
    filterset_class = RequirementFilter

    def perform_destroy(self, instance: Requirement) -> None:
        services.requirement_delete(actor=_actor(self.request), requirement=instance)


class SessionViewSet(viewsets.ModelViewSet):
    queryset = TrainingSession.objects.select_related("course").prefetch_related("enrolments")
    serializer_class = s.SessionSerializer
    permission_classes = [ReadEveryoneWriteTrainers]
    action_roles = {"enrol": roles.EVERYONE}
    filterset_class = SessionFilter

    def perform_destroy(self, instance: TrainingSession) -> None:
        services.session_delete(actor=_actor(self.request), session=instance)

    @extend_schema(request=s.EnrolSerializer, responses=s.EnrolmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=s.EnrolSerializer)
    def enrol(self, request: Request, pk: str | None = None) -> Response:
        """Enrol yourself, or (trainers, admins, the department's managers) another employee."""
        session = self.get_object()
        serializer = s.EnrolSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employee: User = serializer.validated_data.get("employee") or _actor(request)
        enrolment = services.session_enrol(actor=_actor(request), session=session, employee=employee)
        return Response(s.EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)


class RecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Training records: individual data, visible to the employee, the department's managers, trainers, admins."""

    serializer_class = s.RecordSerializer
    permission_classes = [ReadEveryoneWriteTrainers]
    filterset_class = RecordFilter

    def get_queryset(self) -> QuerySet[TrainingRecord]:
        return access.visible_records(self.request.user, TrainingRecord.objects.select_related("course"))

    @extend_schema(request={"multipart/form-data": s.RecordImportSerializer}, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"], url_path="import", serializer_class=s.RecordImportSerializer)
    def import_csv(self, request: Request) -> Response:
        serializer = s.RecordImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = imports.records_import_csv(actor=_actor(request), file=serializer.validated_data["file"])
        code = status.HTTP_400_BAD_REQUEST if result.errors else status.HTTP_201_CREATED
        return Response(result.as_dict(), status=code)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def certificate(self, request: Request, pk: str | None = None) -> FileResponse:
        record = self.get_object()
        if not record.certificate:
            raise Http404
        return FileResponse(record.certificate.open("rb"), as_attachment=True, filename=f"zertifikat-{record.pk}.pdf")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def gap_payload(
    overview: selectors.GapOverview, *, individuals: bool, with_outcomes: bool, period: Period | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"date": overview.today.isoformat()}
    window = period or Period(overview.today - dt.timedelta(days=OUTCOME_WINDOW_DAYS), overview.today)
    if individuals:
        employees = []
        for row in overview.employee_rows():
            employee, gaps = row["employee"], row["gaps"]
            entry = {
                "employee": employee.pk,
                "username": employee.get_username(),
                "name": employee.get_full_name(),
                "department": employee.department_id,
                "department_slug": employee.department.slug if employee.department else None,
                "meets_all": gaps.meets_all,
                "required": [
                    {
                        "competence": item["competence"].pk,
                        "competence_name": item["competence"].name,
                        "required": item["gap"].required,
                        "achieved": item["gap"].achieved,
                        "status": item["gap"].status,
                        "expires_at": _iso(item["gap"].expires_at),
                    }
                    for item in row["items"]
                ],
                "missing": [gap.competence_id for gap in gaps.missing],
                "expiring": [
                    {"competence": gap.competence_id, "expires_at": _iso(gap.expires_at)} for gap in gaps.expiring
                ],
            }
            if with_outcomes:
                entry["outcomes"] = outcomes.employee_outcomes(employee.pk, window.date_from, window.date_to)
            employees.append(entry)
        data["employees"] = employees
    data["departments"] = [
        {
            "department": row["department"].pk,
            "department_slug": row["department"].slug,
            "name": row["department"].name,
            "staff": row["coverage"].staff,
            "meeting": row["coverage"].meeting,
            "coverage": _share(row["coverage"].share),
        }
        for row in overview.department_rows()
    ]
    data["touchpoints"] = [
        {
            "touchpoint": row["touchpoint"].pk,
            "touchpoint_slug": row["touchpoint"].slug,
            "name": row["touchpoint"].name,
            "is_key": row["touchpoint"].is_key,
            "staff": row["coverage"].staff,
            "meeting": row["coverage"].meeting,
            "coverage": _share(row["coverage"].share),
        }
        for row in overview.touchpoint_rows()
    ]
    return data


def _valid_gap_filter(request: Request) -> GapFilter:
    filterset = GapFilter(request.GET, queryset=User.objects.all(), request=request)
    if not filterset.is_valid():
        raise serializers.ValidationError(filterset.errors)
    return filterset


class GapsView(APIView):
    """Required vs achieved levels per employee, missing and expiring trainings, coverage per department and
    touchpoint. The CCEO gets the team level only (no `employees`). Filters: department(_slug), touchpoint(_slug),
    employee (repeatable ids), date_from/date_to (the window of the customer outcomes, default the last 90 days)."""

    permission_classes = [TeamViewers]

    @extend_schema(parameters=GAP_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        filterset = _valid_gap_filter(request)
        overview = selectors.gap_overview(scope=gap_scope(filterset, request.user))
        individuals = access.sees_individuals(request.user)
        with_outcomes = individuals and access.outcomes_linking_enabled()
        payload = gap_payload(
            overview, individuals=individuals, with_outcomes=with_outcomes, period=gap_period(filterset)
        )
        return Response(payload)


class ComparisonView(APIView):
    """Team level: each department's coverage next to its customer figures (groups under the minimum suppressed).
    Same filters as the gap report; `employee` is refused here (team level only)."""

    permission_classes = [TeamViewers]

    @extend_schema(parameters=GAP_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        filterset = _valid_gap_filter(request)
        if filterset.form.cleaned_data.get("employee"):
            raise serializers.ValidationError(
                {"employee": [_("Der Vergleich zeigt nur Abteilungen, keine einzelnen Personen.")]}
            )
        period = gap_period(filterset)
        rows = selectors.team_comparison(
            date_from=period.date_from, date_to=period.date_to, scope=gap_scope(filterset, request.user)
        )
        return Response(
            {
                "date_from": period.date_from.isoformat(),
                "date_to": period.date_to.isoformat(),
                "min_group_size": selectors.min_group_size(),
                "outcomes": outcomes.team_outcome_names(),
                "departments": [
                    {
                        "department": row.department.pk,
                        "department_slug": row.department.slug,
                        "name": row.department.name,
                        "suppressed": row.suppressed,
                        "staff": None if row.suppressed else row.staff,
                        "coverage": _share(row.coverage),
                        "outcomes": row.outcomes,
                    }
                    for row in rows
                ],
            }
        )


class EmployeeOutcomesView(APIView):
    """Individual training next to customer outcomes: only with a works-council agreement (§ 87 (1) Nr. 6 BetrVG)."""

    permission_classes = [RolePermission.of(read=roles.EVERYONE, write=frozenset())]

    @extend_schema(parameters=PERIOD_PARAMETERS, responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        if not access.outcomes_linking_enabled():
            raise PermissionDenied(
                _("Ohne Betriebsvereinbarung (§ 87 Abs. 1 Nr. 6 BetrVG) ist diese Auswertung abgeschaltet.")
            )
        employee = get_object_or_404(access.visible_employees(request.user), pk=pk)
        period_filter = PeriodFilter(request.GET, queryset=User.objects.none(), request=request)
        if not period_filter.is_valid():
            raise serializers.ValidationError(period_filter.errors)
        period = gap_period(period_filter)
        overview = selectors.gap_overview(employee_id=employee.pk)
        payload = gap_payload(overview, individuals=True, with_outcomes=True, period=period)
        return Response(
            {
                "employee": employee.pk,
                "date_from": period.date_from.isoformat(),
                "date_to": period.date_to.isoformat(),
                "gaps": payload["employees"][0] if payload["employees"] else None,
                "outcomes": outcomes.employee_outcomes(employee.pk, period.date_from, period.date_to),
            }
        )
