from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from training import access, imports, outcomes, selectors, services
from training.api import serializers as s
from training.filters import GapFilter, RecordFilter, RequirementFilter, SessionFilter, gap_filter_values
from training.models import Competence, Course, Requirement, TrainingRecord, TrainingSession


class ReadStaffWriteTrainer(BasePermission):
    """Every signed-in role reads the catalogue; trainers and CX admins change it."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or access.can_manage(request.user)


class CompetenceViewSet(viewsets.ModelViewSet):
    queryset = Competence.objects.all()
    serializer_class = s.CompetenceSerializer
    permission_classes = [ReadStaffWriteTrainer]
    filterset_fields = ["category"]


class CourseViewSet(viewsets.ModelViewSet):
    queryset = Course.objects.prefetch_related("course_competences")
    serializer_class = s.CourseSerializer
    permission_classes = [ReadStaffWriteTrainer]
    filterset_fields = ["format", "active"]


class RequirementViewSet(viewsets.ModelViewSet):
    queryset = Requirement.objects.select_related("competence")
    serializer_class = s.RequirementSerializer
    permission_classes = [ReadStaffWriteTrainer]
    filterset_class = RequirementFilter


class SessionViewSet(viewsets.ModelViewSet):
    queryset = TrainingSession.objects.select_related("course").prefetch_related("enrolments")
    serializer_class = s.SessionSerializer
    permission_classes = [ReadStaffWriteTrainer]
    filterset_class = SessionFilter

    @extend_schema(request=s.EnrolSerializer, responses=s.EnrolmentSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated], serializer_class=s.EnrolSerializer)
    def enrol(self, request: Request, pk: str | None = None) -> Response:
        """Enrol yourself, or (trainers, admins, the department's managers) another employee."""
        session = self.get_object()
        serializer = s.EnrolSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        employee: Any = serializer.validated_data.get("employee") or request.user
        if employee.pk != request.user.pk and not (
            access.can_manage(request.user) or access.can_see_individual(request.user, employee)
        ):
            raise PermissionDenied
        enrolment = services.session_enrol(session=session, employee=employee)
        return Response(s.EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)


class RecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Training records: individual data, visible to the employee, the department's managers, trainers, admins."""

    serializer_class = s.RecordSerializer
    permission_classes = [ReadStaffWriteTrainer]
    filterset_class = RecordFilter

    def get_queryset(self) -> QuerySet[TrainingRecord]:
        return access.visible_records(self.request.user, TrainingRecord.objects.select_related("course"))

    @extend_schema(request={"multipart/form-data": s.RecordImportSerializer}, responses=OpenApiTypes.OBJECT)
    @action(detail=False, methods=["post"], url_path="import", serializer_class=s.RecordImportSerializer)
    def import_csv(self, request: Request) -> Response:
        serializer = s.RecordImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = imports.records_import_csv(
            file=serializer.validated_data["file"], created_by=cast(User, request.user)
        )
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


def gap_payload(overview: selectors.GapOverview, *, individuals: bool, with_outcomes: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"date": overview.today.isoformat()}
    if individuals:
        date_to = overview.today
        date_from = date_to - dt.timedelta(days=90)
        employees = []
        for row in overview.employee_rows():
            employee, gaps = row["employee"], row["gaps"]
            entry = {
                "employee": employee.pk,
                "username": employee.get_username(),
                "name": employee.get_full_name(),
                "department": employee.department_id,
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
                entry["outcomes"] = outcomes.employee_outcomes(employee.pk, date_from, date_to)
            employees.append(entry)
        data["employees"] = employees
    data["departments"] = [
        {
            "department": row["department"].pk,
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
            "slug": row["touchpoint"].slug,
            "name": row["touchpoint"].name,
            "is_key": row["touchpoint"].is_key,
            "staff": row["coverage"].staff,
            "meeting": row["coverage"].meeting,
            "coverage": _share(row["coverage"].share),
        }
        for row in overview.touchpoint_rows()
    ]
    return data


class GapsView(APIView):
    """Required vs achieved levels per employee, missing and expiring trainings, coverage per department and
    touchpoint. The CCEO gets the team level only (no `employees`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        if not access.can_view_team(request.user):
            raise PermissionDenied
        filterset = GapFilter(request.GET, queryset=User.objects.all(), request=request)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        overview = selectors.gap_overview(**gap_filter_values(filterset, request.user))
        individuals = access.sees_individuals(request.user)
        with_outcomes = individuals and access.outcomes_linking_enabled()
        return Response(gap_payload(overview, individuals=individuals, with_outcomes=with_outcomes))


def _period(request: Request) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    date_to = parse_date(request.GET.get("date_to") or "") or today
    date_from = parse_date(request.GET.get("date_from") or "") or date_to - dt.timedelta(days=90)
    if date_from > date_to:
        raise serializers.ValidationError({"date_from": _("Das Startdatum liegt nach dem Enddatum.")})
    return date_from, date_to


class ComparisonView(APIView):
    """Team level: each department's coverage next to its customer figures (groups under the minimum suppressed)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        if not access.can_view_team(request.user):
            raise PermissionDenied
        date_from, date_to = _period(request)
        rows = selectors.team_comparison(
            date_from=date_from, date_to=date_to, department_id=access.team_departments_filter(request.user)
        )
        return Response(
            {
                "date_from": date_from.isoformat(),
                "date_to": date_to.isoformat(),
                "min_group_size": selectors.min_group_size(),
                "outcomes": outcomes.team_outcome_names(),
                "departments": [
                    {
                        "department": row.department.pk,
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

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        if not access.outcomes_linking_enabled():
            raise PermissionDenied(
                _("Ohne Betriebsvereinbarung (§ 87 Abs. 1 Nr. 6 BetrVG) ist diese Auswertung abgeschaltet.")
            )
        employee = get_object_or_404(access.visible_employees(request.user), pk=pk)
        date_from, date_to = _period(request)
        overview = selectors.gap_overview(employee_id=employee.pk)
        payload = gap_payload(overview, individuals=True, with_outcomes=True)
        return Response(
            {
                "employee": employee.pk,
                "date_from": date_from.isoformat(),
                "date_to": date_to.isoformat(),
                "gaps": payload["employees"][0] if payload["employees"] else None,
                "outcomes": outcomes.employee_outcomes(employee.pk, date_from, date_to),
            }
        )
