"""The NPS API: configuration (surveys, trigger rules, waves) through nps.config_services, answers read-only."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from accounts import roles
from accounts.models import User
from accounts.scoping import scope_to_department
from core.api.permissions import RolePermission
from core.exports import XLSX_CONTENT_TYPE
from nps import config_services, selectors, services
from nps.api import serializers
from nps.choices import NPS_KINDS
from nps.exports import responses_export
from nps.filters import (
    CampaignFilterSet,
    InvitationFilterSet,
    ResponseFilterSet,
    SurveyFilterSet,
    TriggerRuleFilterSet,
)
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule

# Surveys and trigger rules: every CX role reads, CX admins configure; trainers have no access.
ConfigPermission = RolePermission.of(read=roles.CX_STAFF, write=roles.ADMINS)
# Waves and invitations hold personal data: the CCEO and admins read, CX admins configure and launch.
WavePermission = RolePermission.of(read=roles.OVERSEERS, write=roles.ADMINS)
# Answers: every CX role reads (managers and agents their department's, scoped in the queryset); nobody writes.
AnswerPermission = RolePermission.of(read=roles.CX_STAFF, write=frozenset())

CONFLICT = OpenApiResponse(serializers.ConflictSerializer, description="Still in use, or no longer a draft.")


def _actor(request: Request) -> User:
    return cast(User, request.user)


@extend_schema_view(destroy=extend_schema(responses={204: None, 409: CONFLICT}))
class SurveyViewSet(viewsets.ModelViewSet):
    """Deleting a survey that invitations, answers or waves use is a 409: deactivate it (`active: false`)."""

    queryset = Survey.objects.select_related("touchpoint")
    serializer_class = serializers.SurveySerializer
    permission_classes = [ConfigPermission]
    filterset_class = SurveyFilterSet

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = config_services.survey_create(actor=_actor(self.request), data=serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = config_services.survey_update(
            actor=_actor(self.request), survey=serializer.instance, changes=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: Survey) -> None:
        config_services.survey_delete(actor=_actor(self.request), survey=instance)


class TriggerRuleViewSet(viewsets.ModelViewSet):
    queryset = TriggerRule.objects.select_related("touchpoint")
    serializer_class = serializers.TriggerRuleSerializer
    permission_classes = [ConfigPermission]
    filterset_class = TriggerRuleFilterSet

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = config_services.trigger_rule_create(
            actor=_actor(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = config_services.trigger_rule_update(
            actor=_actor(self.request), rule=serializer.instance, changes=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: TriggerRule) -> None:
        config_services.trigger_rule_delete(actor=_actor(self.request), rule=instance)


@extend_schema_view(
    update=extend_schema(responses={200: serializers.CampaignSerializer, 409: CONFLICT}),
    partial_update=extend_schema(responses={200: serializers.CampaignSerializer, 409: CONFLICT}),
    destroy=extend_schema(responses={204: None, 409: CONFLICT}),
)
class CampaignViewSet(viewsets.ModelViewSet):
    """A wave can be changed and deleted only while it is a draft without invitations (409 otherwise)."""

    queryset = Campaign.objects.select_related("touchpoint")
    serializer_class = serializers.CampaignSerializer
    permission_classes = [WavePermission]
    action_roles = {"launch": roles.ADMINS}
    filterset_class = CampaignFilterSet

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = config_services.campaign_create(actor=_actor(self.request), **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = config_services.campaign_update(
            actor=_actor(self.request), campaign=serializer.instance, changes=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: Campaign) -> None:
        config_services.campaign_delete(actor=_actor(self.request), campaign=instance)

    @extend_schema(request=None, responses=serializers.LaunchResultSerializer)
    @action(detail=True, methods=["post"])
    def launch(self, request: Request, pk: str | None = None) -> ApiResponse:
        result = services.campaign_launch(actor=_actor(request), campaign=self.get_object())
        return ApiResponse(result.as_dict())

    @extend_schema(responses=serializers.CampaignProgressSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request: Request, pk: str | None = None) -> ApiResponse:
        campaign = self.get_object()
        return ApiResponse({"status": campaign.status, **selectors.campaign_progress(campaign.pk)})


class InvitationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Invitation.objects.select_related("touchpoint")
    serializer_class = serializers.InvitationSerializer
    permission_classes = [WavePermission]
    filterset_class = InvitationFilterSet


class CSVRenderer(renderers.BaseRenderer):
    """Only selects the format (`?format=csv`): the list answers with the finished download itself."""

    media_type = "text/csv"
    format = "csv"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return b""


class XLSXRenderer(CSVRenderer):
    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"


class ResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ResponseSerializer
    permission_classes = [AnswerPermission]
    filterset_class = ResponseFilterSet
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer, XLSXRenderer]

    def get_queryset(self) -> QuerySet[Response]:
        return selectors.responses_visible_to(self.request.user).select_related("survey", "touchpoint", "department")

    def get_renderers(self) -> list[Any]:
        # Downloads are of the list; one answer is JSON (a ?format=csv on it is a 404 from DRF's negotiation).
        if self.action != "list":
            return [renderers.JSONRenderer(), renderers.BrowsableAPIRenderer()]
        return super().get_renderers()

    @extend_schema(
        parameters=[OpenApiParameter("format", enum=["json", "csv", "xlsx"], required=False)],
        responses={
            (200, "application/json"): serializers.ResponseSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV download (`?format=csv`)"),
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="XLSX (`?format=xlsx`)"),
        },
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> ApiResponse:
        fmt = getattr(request.accepted_renderer, "format", "json")
        if fmt in ("csv", "xlsx"):
            return responses_export(self.filter_queryset(self.get_queryset()), fmt)  # type: ignore[return-value]
        return super().list(request, *args, **kwargs)


SUMMARY_PARAMETERS = [
    OpenApiParameter("survey", OpenApiTypes.INT, many=True),
    OpenApiParameter("campaign", OpenApiTypes.INT, many=True),
    OpenApiParameter("touchpoint", OpenApiTypes.INT, many=True),
    OpenApiParameter("touchpoint_slug", OpenApiTypes.STR, many=True),
    OpenApiParameter("department", OpenApiTypes.INT, many=True),
    OpenApiParameter("department_slug", OpenApiTypes.STR, many=True),
    OpenApiParameter("segment", OpenApiTypes.STR),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="local date, inclusive"),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="local date, inclusive"),
]


class SummaryView(APIView):
    """NPS with its 95% interval; the filters are those of `nps/responses/` (an unknown id or slug is a 400)."""

    permission_classes = [AnswerPermission]

    @extend_schema(parameters=SUMMARY_PARAMETERS, responses=serializers.SummarySerializer)
    def get(self, request: Request) -> ApiResponse:
        user = request.user
        params = request.query_params.copy()
        params.pop("status", None)
        responses = ResponseFilterSet(params, queryset=selectors.responses_visible_to(user))
        invitations = InvitationFilterSet(
            params, queryset=scope_to_department(Invitation.objects.all(), user, field="touchpoint__department")
        )
        if not responses.is_valid():
            raise ValidationError(responses.errors)
        if not invitations.is_valid():
            raise ValidationError(invitations.errors)
        data = selectors.summary(
            selectors.nps_responses(responses.qs), invitations.qs.filter(survey__kind__in=NPS_KINDS)
        )
        return ApiResponse(serializers.SummarySerializer(data).data)
