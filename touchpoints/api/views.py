from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.permissions import AdminsOnly, ReadStaffWriteAdmin
from touchpoints import selectors, services
from touchpoints.api.serializers import (
    JourneySerializer,
    JourneyStageSerializer,
    StageReorderSerializer,
    TouchpointSerializer,
)
from touchpoints.filters import JourneyStageFilterSet, TouchpointFilterSet
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint


class JourneyStageViewSet(viewsets.ModelViewSet):
    """Phases of the customer journey, in their order. Every staff role reads; CX admins write."""

    queryset = JourneyStage.objects.order_by("order", "name")
    serializer_class = JourneyStageSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_class = JourneyStageFilterSet

    def perform_destroy(self, instance: JourneyStage) -> None:
        services.stage_delete(stage=instance)

    @extend_schema(request=StageReorderSerializer, responses=JourneyStageSerializer(many=True))
    @action(detail=False, methods=["post"], permission_classes=[AdminsOnly])
    def reorder(self, request: Request) -> Response:
        """Set the order of all stages: {"stages": [id, id, …]} naming every stage once."""
        payload = StageReorderSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        stages = services.stage_reorder(stage_ids=payload.validated_data["stages"])
        return Response(JourneyStageSerializer(stages, many=True).data, status=status.HTTP_200_OK)


class TouchpointViewSet(viewsets.ModelViewSet):
    serializer_class = TouchpointSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_class = TouchpointFilterSet

    def get_queryset(self) -> QuerySet[Touchpoint]:
        return selectors.touchpoint_list()

    def perform_destroy(self, instance: Touchpoint) -> None:
        services.touchpoint_delete(touchpoint=instance)


class JourneyViewSet(viewsets.ModelViewSet):
    """Journeys with their ordered steps; writing `steps` replaces all steps of the journey."""

    serializer_class = JourneySerializer
    permission_classes = [ReadStaffWriteAdmin]

    def get_queryset(self) -> QuerySet[Journey]:
        steps = JourneyStep.objects.select_related("touchpoint").order_by("order", "pk")
        return Journey.objects.prefetch_related(Prefetch("steps", queryset=steps)).order_by("name", "pk")
