from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, renderers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from accounts.scoping import scope_to_department
from nps import selectors, services
from nps.api import serializers
from nps.api.permissions import CampaignPermission, ResponseReadPermission, SurveyPermission
from nps.exports import export_response
from nps.filters import InvitationFilterSet, ResponseFilterSet
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule


class SurveyViewSet(viewsets.ModelViewSet):
    queryset = Survey.objects.all()
    serializer_class = serializers.SurveySerializer
    permission_classes = [SurveyPermission]
    filterset_fields = ["kind", "active", "touchpoint"]


class TriggerRuleViewSet(viewsets.ModelViewSet):
    queryset = TriggerRule.objects.all()
    serializer_class = serializers.TriggerRuleSerializer
    permission_classes = [SurveyPermission]
    filterset_fields = ["touchpoint", "survey", "active"]


class CampaignViewSet(viewsets.ModelViewSet):
    queryset = Campaign.objects.all()
    serializer_class = serializers.CampaignSerializer
    permission_classes = [CampaignPermission]
    filterset_fields = ["survey", "status"]

    def perform_create(self, serializer: Any) -> None:
        serializer.save(created_by=self.request.user)

    @extend_schema(request=None, responses=serializers.LaunchResultSerializer)
    @action(detail=True, methods=["post"])
    def launch(self, request: Request, pk: str | None = None) -> ApiResponse:
        result = services.campaign_launch(campaign=self.get_object())
        return ApiResponse(result.as_dict())

    @action(detail=True, methods=["get"])
    def progress(self, request: Request, pk: str | None = None) -> ApiResponse:
        campaign = self.get_object()
        return ApiResponse({"status": campaign.status, **selectors.campaign_progress(campaign.pk)})


class InvitationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Invitation.objects.all()
    serializer_class = serializers.InvitationSerializer
    permission_classes = [CampaignPermission]
    filterset_class = InvitationFilterSet


class CSVRenderer(renderers.BaseRenderer):
    media_type = "text/csv"
    format = "csv"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return b""  # the list view answers with the export itself


class XLSXRenderer(CSVRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


class ResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ResponseSerializer
    permission_classes = [ResponseReadPermission]
    filterset_class = ResponseFilterSet
    renderer_classes = [renderers.JSONRenderer, renderers.BrowsableAPIRenderer, CSVRenderer, XLSXRenderer]

    def get_queryset(self) -> QuerySet[Response]:
        return selectors.responses_visible_to(self.request.user).select_related("survey")

    @extend_schema(parameters=[OpenApiParameter("format", enum=["json", "csv", "xlsx"], required=False)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> ApiResponse:
        fmt = getattr(request.accepted_renderer, "format", "json")
        if fmt in ("csv", "xlsx"):
            return export_response(self.filter_queryset(self.get_queryset()), fmt)  # type: ignore[return-value]
        return super().list(request, *args, **kwargs)


class SummaryView(APIView):
    permission_classes = [ResponseReadPermission]

    @extend_schema(
        parameters=[
            OpenApiParameter(name, required=False)
            for name in ("survey", "touchpoint", "department", "segment", "date_from", "date_to")
        ],
        responses=serializers.SummarySerializer,
    )
    def get(self, request: Request) -> ApiResponse:
        user = request.user
        responses = ResponseFilterSet(request.query_params, queryset=selectors.responses_visible_to(user))
        invitations = InvitationFilterSet(
            {k: v for k, v in request.query_params.items() if k != "status"},
            queryset=scope_to_department(Invitation.objects.all(), user, field="touchpoint__department"),
        )
        if not responses.is_valid():
            raise ValidationError(responses.errors)
        if not invitations.is_valid():
            raise ValidationError(invitations.errors)
        data = selectors.summary(
            selectors.nps_responses(responses.qs),
            invitations.qs.filter(survey__kind__in=("relationship", "transactional")),
        )
        return ApiResponse(serializers.SummarySerializer(data).data)
