"""The complaints API: cases (with their workflow, notes, history and attachments), the stats, and the
configuration. Views check the shape of a request and call the services; the rules are there."""

from __future__ import annotations

from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import roles
from accounts.models import User
from complaints import note_services, resolution_services, services
from complaints.api import serializers as s
from complaints.attachments import ALLOWED_TYPES
from complaints.configuration import configuration_delete
from complaints.filters import CaseFilterSet
from complaints.models import BusinessCalendar, Case, Category, RootCause, SlaPolicy
from complaints.selectors import case_list, visible_cases
from complaints.stats import complaint_stats, stats_filter
from core.api.permissions import ReadStaffWriteAdmin, RolePermission

CasePermission = RolePermission.of(read=roles.CX_STAFF, write=roles.CASE_WORKERS)
ATTACHMENT_TYPES = sorted(set(ALLOWED_TYPES.values()))
STATS_PARAMETERS = [
    OpenApiParameter("date_from", OpenApiTypes.DATE, description=gettext_lazy("Eingang ab (Ortszeit, einschließlich)")),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description=gettext_lazy("Eingang bis (Ortszeit, einschließlich)")),
    *(
        OpenApiParameter(name, kind, many=True, explode=True)
        for name, kind in (
            ("department", OpenApiTypes.INT),
            ("department_slug", OpenApiTypes.STR),
            ("touchpoint", OpenApiTypes.INT),
            ("touchpoint_slug", OpenApiTypes.STR),
            ("category", OpenApiTypes.INT),
        )
    ),
]


def _user(request: Request) -> User:
    """The signed-in staff user (the permission classes have already refused anonymous requests)."""
    return cast(User, request.user)


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Complaint cases; managers and agents see their department's cases only."""

    serializer_class = s.CaseSerializer
    permission_classes = [CasePermission]
    action_roles = {"bulk_assign": roles.LEADS}
    filterset_class = CaseFilterSet
    lookup_value_regex = r"[0-9]+"
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Case]:
        if self.action == "list":
            return visible_cases(_user(self.request)).select_related("department", "touchpoint")
        return case_list(_user(self.request))

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return s.CaseListSerializer if self.action == "list" else s.CaseSerializer

    def _case(self) -> Case:
        return cast(Case, self.get_object())

    def _answer(self, case_id: int, code: int = status.HTTP_200_OK) -> Response:
        case = case_list(_user(self.request)).filter(pk=case_id).first() or Case.objects.get(pk=case_id)
        return Response(s.CaseSerializer(case).data, status=code)

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
        return self._answer(case.pk, status.HTTP_201_CREATED)

    @extend_schema(request=s.CaseUpdateSerializer, responses={200: s.CaseSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self._case()
        data = s.CaseUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version", None)
        services.case_update(case_id=case.pk, actor=_user(request), changes=changes, expected_version=version)
        return self._answer(case.pk)

    @extend_schema(request=s.TransitionSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_transition(
            case_id=case.pk,
            actor=_user(request),
            to=data.validated_data["to"],
            note=data.validated_data["note"],
            expected_version=data.validated_data.get("version"),
        )
        return self._answer(case.pk)

    @extend_schema(methods=["GET"], responses={200: s.CaseEventSerializer(many=True)})
    @extend_schema(methods=["POST"], request=s.NoteSerializer, responses={201: s.CaseEventSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def notes(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        if request.method == "GET":
            entries = case.events.filter(kind__in=["note", "reply"]).select_related("actor", "case")
            return Response(s.CaseEventSerializer(entries, many=True).data)
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = note_services.case_add_note(
            case_id=case.pk,
            actor=_user(request),
            text=data.validated_data["text"],
            public=data.validated_data["public"],
            expected_version=data.validated_data.get("version"),
        )
        return Response(s.CaseEventSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ResolutionSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def resolution(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.ResolutionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        resolution_services.case_record_resolution(
            case_id=case.pk,
            actor=_user(request),
            outcome=v["outcome"],
            apology_given=v["apology_given"],
            remedy_granted=v["remedy_granted"],
            remedy_cost=v["remedy_cost"],
            root_cause=v.get("root_cause"),
            corrective_action=v["corrective_action"],
            expected_version=v.get("version"),
        )
        return self._answer(case.pk)

    @extend_schema(request=s.AcceptanceSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def acceptance(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.AcceptanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        resolution_services.case_record_acceptance(
            case_id=case.pk,
            actor=_user(request),
            accepted=data.validated_data["accepted"],
            comment=data.validated_data["comment"],
        )
        return self._answer(case.pk)

    @extend_schema(request=s.MergeSerializer, responses={200: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        data = s.MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = visible_cases(_user(request)).filter(pk=data.validated_data["into"]).first()
        if target is None:
            raise ValidationError({"into": [_("Diesen Fall gibt es nicht.")]})
        target = resolution_services.case_merge(case_id=case.pk, into_id=target.pk, actor=_user(request))
        return self._answer(target.pk)

    @extend_schema(responses={200: s.CaseEventSerializer(many=True)})
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        return Response(s.CaseEventSerializer(resolution_services.history_of(case), many=True).data)

    @extend_schema(methods=["GET"], responses={200: s.CaseAttachmentSerializer(many=True)})
    @extend_schema(methods=["POST"], request=s.AttachmentUploadSerializer, responses={201: s.CaseAttachmentSerializer})
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser, FormParser],
        pagination_class=None,
        filterset_class=None,
    )
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        case = self._case()
        if request.method == "GET":
            return Response(s.CaseAttachmentSerializer(case.attachments.all(), many=True).data)
        data = s.AttachmentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = resolution_services.attachment_add(
            case_id=case.pk, actor=_user(request), upload=data.validated_data["file"]
        )
        return Response(s.CaseAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="complaints_attachment_download",
        responses={(200, media_type): OpenApiTypes.BINARY for media_type in ATTACHMENT_TYPES},
    )
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>[0-9]+)", filterset_class=None)
    def attachment(self, request: Request, pk: str | None = None, attachment_id: str | None = None) -> FileResponse:
        case = self._case()
        attachment = get_object_or_404(case.attachments, pk=attachment_id)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )

    @extend_schema(request=s.BulkAssignSerializer, responses={200: s.BulkAssignResultSerializer})
    @action(detail=False, methods=["post"], url_path="bulk-assign", filterset_class=None)
    def bulk_assign(self, request: Request) -> Response:
        data = s.BulkAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = services.case_bulk_assign(
            actor=_user(request), case_ids=data.validated_data["cases"], assignee=data.validated_data["assignee"]
        )
        return Response({"assigned": count})

    @extend_schema(parameters=STATS_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def stats(self, request: Request) -> Response:
        return Response(complaint_stats(_user(request), stats_filter(request.query_params)))


class ConfigurationViewSet(viewsets.ModelViewSet):
    """Every staff role reads the configuration; CX admins change it. What is in use is not deleted (409)."""

    permission_classes = [ReadStaffWriteAdmin]

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        self._save(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self._save(serializer)

    def _save(self, serializer: serializers.BaseSerializer) -> None:
        try:
            with transaction.atomic():
                serializer.save()
        except IntegrityError:  # a concurrent request created the same entry between the check and the insert
            raise ValidationError({"non_field_errors": [_("Diesen Eintrag gibt es schon.")]}) from None

    def perform_destroy(self, instance: Any) -> None:
        configuration_delete(instance=instance)


class CategoryViewSet(ConfigurationViewSet):
    queryset = Category.objects.select_related("parent")
    serializer_class = s.CategorySerializer


class RootCauseViewSet(ConfigurationViewSet):
    queryset = RootCause.objects.all()
    serializer_class = s.RootCauseSerializer


class SlaPolicyViewSet(ConfigurationViewSet):
    queryset = SlaPolicy.objects.select_related("category", "calendar")
    serializer_class = s.SlaPolicySerializer


class BusinessCalendarViewSet(ConfigurationViewSet):
    queryset = BusinessCalendar.objects.all()
    serializer_class = s.BusinessCalendarSerializer
