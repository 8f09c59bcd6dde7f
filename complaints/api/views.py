from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from complaints import note_services, resolution_services, services
from complaints.api import serializers as s
from complaints.api.permissions import CasePermission
from complaints.filters import CaseFilterSet
from complaints.models import BusinessCalendar, Case, Category, RootCause, SlaPolicy
from complaints.selectors import LEAD_ROLES, case_list, visible_cases
from complaints.stats import StatsFilter, complaint_stats
from core.api.permissions import ReadStaffWriteAdmin


def _user(request: Request) -> Any:
    """The signed-in staff user (the permission classes have already refused anonymous requests)."""
    return request.user


def conflict(exc: services.CaseConflict) -> Response:
    return Response({"detail": str(exc), "version": exc.case.version}, status=status.HTTP_409_CONFLICT)


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise DRFValidationError({name: [_("Bitte geben Sie eine Zahl an.")]})
    return int(str(raw))


def _date_param(request: Request, name: str) -> dt.date | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    value = parse_date(raw) if len(raw) == 10 else None
    if value is None:
        raise DRFValidationError({name: [_("Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.")]})
    return value


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Complaint cases; managers and agents see their department's cases only."""

    serializer_class = s.CaseSerializer
    permission_classes = [CasePermission]
    filterset_class = CaseFilterSet
    lookup_value_regex = r"[0-9]+"
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Case]:
        if self.action == "list":
            return visible_cases(self.request.user)
        return case_list(self.request.user)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return s.CaseListSerializer if self.action == "list" else s.CaseSerializer

    def _case(self) -> Case:
        return self.get_object()

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.CaseSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.CaseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        contact = None
        if v.get("customer") is None and (
            v.get("customer_email") or v.get("customer_first_name") or v.get("customer_last_name")
        ):
            contact = services.ContactDetails(
                email=v.get("customer_email", ""),
                first_name=v.get("customer_first_name", ""),
                last_name=v.get("customer_last_name", ""),
                language=v.get("customer_language", "de"),
            )
        case = services.case_create(
            actor=_user(request),
            channel=v["channel"],
            description=v["description"],
            customer=v.get("customer"),
            contact=contact,
            touchpoint=v.get("touchpoint"),
            category=v.get("category"),
            severity=v["severity"],
            remedy_sought=v.get("remedy_sought", ""),
            department=v.get("department"),
            assignee=v.get("assignee"),
            resolved_at_first_contact=v.get("resolved_at_first_contact", False),
        )
        return Response(s.CaseSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CaseUpdateSerializer, responses={200: s.CaseSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self._case()
        data = s.CaseUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version", None)
        user: Any = request.user
        if not user.has_role(*LEAD_ROLES):
            if "department" in changes:
                raise PermissionDenied(_("Nur die Abteilungsleitung kann einen Fall an eine andere Abteilung geben."))
            if changes.get("assignee") not in (None, user) and "assignee" in changes:
                raise PermissionDenied(_("Sie können Fälle nur sich selbst zuweisen."))
        try:
            case = services.case_update(case_id=case.pk, actor=user, changes=changes, expected_version=version)
        except services.CaseConflict as exc:
            return conflict(exc)
        return Response(s.CaseSerializer(case).data)

    @extend_schema(request=s.TransitionSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            case = services.case_transition(
                case_id=case.pk,
                actor=_user(request),
                to=data.validated_data["to"],
                note=data.validated_data["note"],
                expected_version=data.validated_data.get("version"),
            )
        except services.CaseConflict as exc:
            return conflict(exc)
        return Response(s.CaseSerializer(case).data)

    @extend_schema(request=s.NoteSerializer, responses={201: s.CaseEventSerializer})
    @action(detail=True, methods=["get", "post"])
    def notes(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        if request.method == "GET":
            events = case.events.filter(kind__in=["note", "reply"]).select_related("actor", "case")
            return Response(s.CaseEventSerializer(events, many=True).data)
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = note_services.case_add_note(
                case_id=case.pk,
                actor=_user(request),
                text=data.validated_data["text"],
                public=data.validated_data["public"],
                expected_version=data.validated_data.get("version"),
            )
        except services.CaseConflict as exc:
            return conflict(exc)
        return Response(s.CaseEventSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ResolutionSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def resolution(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.ResolutionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        try:
            case = resolution_services.case_record_resolution(
                case_id=case.pk,
                actor=_user(request),
                expected_version=v.pop("version", None),
                **v,
            )
        except services.CaseConflict as exc:
            return conflict(exc)
        return Response(s.CaseSerializer(case).data)

    @extend_schema(request=s.AcceptanceSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def acceptance(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.AcceptanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = resolution_services.case_record_acceptance(
            case_id=case.pk,
            actor=_user(request),
            **data.validated_data,
        )
        return Response(s.CaseSerializer(case).data)

    @extend_schema(request=s.MergeSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = self.get_queryset().filter(pk=data.validated_data["into"]).first()
        if target is None:
            raise DRFValidationError({"into": [_("Diesen Fall gibt es nicht.")]})
        target = resolution_services.case_merge(case_id=case.pk, into_id=target.pk, actor=_user(request))
        return Response(s.CaseSerializer(target).data)

    @extend_schema(responses={200: s.CaseEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        return Response(s.CaseEventSerializer(resolution_services.history_of(case), many=True).data)

    @extend_schema(request=s.AttachmentUploadSerializer, responses={201: s.CaseAttachmentSerializer})
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        if request.method == "GET":
            return Response(s.CaseAttachmentSerializer(case.attachments.all(), many=True).data)
        data = s.AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = resolution_services.attachment_add(
            case_id=case.pk,
            actor=_user(request),
            upload=data.validated_data["file"],
        )
        return Response(s.CaseAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="complaints_attachment_download", responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>[0-9]+)")
    def attachment(self, request: Request, pk: str | None = None, attachment_id: str | None = None) -> FileResponse:
        case = self._case()
        attachment = get_object_or_404(case.attachments, pk=attachment_id)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )

    @extend_schema(request=s.BulkAssignSerializer, responses={200: dict})
    @action(detail=False, methods=["post"], url_path="bulk-assign")
    def bulk_assign(self, request: Request) -> Response:
        user: Any = request.user
        if not user.has_role(*LEAD_ROLES):
            raise PermissionDenied(_("Nur die Abteilungsleitung kann Fälle gesammelt zuweisen."))
        data = s.BulkAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = list(self.get_queryset().filter(pk__in=data.validated_data["cases"]).values_list("pk", flat=True))
        missing = sorted(set(data.validated_data["cases"]) - set(ids))
        if missing:
            raise DRFValidationError({"cases": [_("Unbekannte Fälle: %(ids)s") % {"ids": missing}]})
        count = services.case_bulk_assign(case_ids=ids, actor=user, assignee=data.validated_data["assignee"])
        return Response({"assigned": count})

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"])
    def stats(self, request: Request) -> Response:
        flt = StatsFilter(
            date_from=_date_param(request, "date_from"),
            date_to=_date_param(request, "date_to"),
            department_id=_int_param(request, "department"),
            touchpoint_id=_int_param(request, "touchpoint"),
            category_id=_int_param(request, "category"),
        )
        return Response(complaint_stats(request.user, flt))

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, services.CaseConflict):
            return conflict(exc)
        return super().handle_exception(exc)


class CategoryViewSet(viewsets.ModelViewSet):
    queryset = Category.objects.select_related("parent")
    serializer_class = s.CategorySerializer
    permission_classes = [ReadStaffWriteAdmin]


class RootCauseViewSet(viewsets.ModelViewSet):
    queryset = RootCause.objects.all()
    serializer_class = s.RootCauseSerializer
    permission_classes = [ReadStaffWriteAdmin]


class SlaPolicyViewSet(viewsets.ModelViewSet):
    queryset = SlaPolicy.objects.select_related("category", "calendar")
    serializer_class = s.SlaPolicySerializer
    permission_classes = [ReadStaffWriteAdmin]


class BusinessCalendarViewSet(viewsets.ModelViewSet):
    queryset = BusinessCalendar.objects.all()
    serializer_class = s.BusinessCalendarSerializer
    permission_classes = [ReadStaffWriteAdmin]
