from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import roles
from accounts.models import User
from core.api.permissions import ReadStaffWriteAdmin, RolePermission
from feedback import services
from feedback.api.serializers import (
    ActionLinkSerializer,
    ActionTransitionSerializer,
    FeedbackSerializer,
    ImprovementActionSerializer,
    TopicSerializer,
)
from feedback.filters import FeedbackFilter, ImprovementActionFilter
from feedback.impact import before_after
from feedback.models import Feedback, ImprovementAction, Topic
from feedback.selectors import actions_for_user, feedback_for_user, links_prefetch


def _actor(request: Request) -> User:
    return cast(User, request.user)


class FeedbackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Feedback from every channel; managers and agents see their department's touchpoints only."""

    serializer_class = FeedbackSerializer
    permission_classes = [RolePermission.of(read=roles.CX_STAFF, write=roles.CASE_WORKERS)]
    filterset_class = FeedbackFilter

    def get_queryset(self) -> QuerySet[Feedback]:
        return feedback_for_user(self.request.user)


class TopicViewSet(viewsets.ModelViewSet):
    serializer_class = TopicSerializer
    permission_classes = [ReadStaffWriteAdmin]
    queryset = Topic.objects.all()

    def perform_destroy(self, instance: Topic) -> None:
        services.topic_delete(actor=_actor(self.request), topic=instance)


class ImprovementActionViewSet(viewsets.ModelViewSet):
    serializer_class = ImprovementActionSerializer
    permission_classes = [RolePermission.of(read=roles.CX_STAFF, write=roles.LEADS)]
    filterset_class = ImprovementActionFilter

    def get_queryset(self) -> QuerySet[ImprovementAction]:
        return actions_for_user(self.request.user).prefetch_related("touchpoints", "feedback", links_prefetch())

    def perform_destroy(self, instance: ImprovementAction) -> None:
        services.action_delete(actor=_actor(self.request), action=instance)

    def _fresh(self, improvement: ImprovementAction) -> ImprovementAction:
        return self.get_queryset().get(pk=improvement.pk)

    @extend_schema(request=ActionTransitionSerializer, responses=ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        serializer = ActionTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_transition(actor=_actor(request), action=improvement, to=serializer.validated_data["to"])
        return Response(self.get_serializer(self._fresh(improvement)).data)

    @extend_schema(request=ActionLinkSerializer, responses=ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def links(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        serializer = ActionLinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_link_object(
            actor=_actor(request),
            action=improvement,
            label=serializer.validated_data["type"],
            object_id=serializer.validated_data["object_id"],
        )
        return Response(self.get_serializer(self._fresh(improvement)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def impact(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        if improvement.done_at is None:
            return Response({"done": False, "rows": []})
        result = before_after([touchpoint.pk for touchpoint in improvement.touchpoints.all()], improvement.done_at)
        payload: dict[str, Any] = {
            "done": True,
            "before_from": result.before_from,
            "pivot": result.pivot,
            "after_to": result.after_to,
            "rows": [
                {"name": row.name, "label": row.label, "before": row.before, "after": row.after,
                 "change": row.change, "improved": row.improved}
                for row in result.rows
            ],
        }
        return Response(payload)
