from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.permissions import ReadStaffWriteAdmin
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
from feedback.selectors import (
    ACTION_WRITE_ROLES,
    FEEDBACK_READ_ROLES,
    FEEDBACK_WRITE_ROLES,
    actions_for_user,
    feedback_for_user,
)


def _role(request: Request) -> str | None:
    user = request.user
    return str(user.effective_role) if user and user.is_authenticated else None


class FeedbackPermission(BasePermission):
    write_roles = FEEDBACK_WRITE_ROLES

    def has_permission(self, request: Request, view: Any) -> bool:
        role = _role(request)
        if role not in FEEDBACK_READ_ROLES:
            return False
        return request.method in SAFE_METHODS or role in self.write_roles


class ActionPermission(FeedbackPermission):
    write_roles = ACTION_WRITE_ROLES


class FeedbackViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Feedback from every channel; managers and agents see their department's touchpoints only."""

    serializer_class = FeedbackSerializer
    permission_classes = [FeedbackPermission]
    filterset_class = FeedbackFilter

    def get_queryset(self) -> QuerySet[Feedback]:
        return feedback_for_user(self.request.user)


class TopicViewSet(viewsets.ModelViewSet):
    serializer_class = TopicSerializer
    permission_classes = [ReadStaffWriteAdmin]
    queryset = Topic.objects.all()


class ImprovementActionViewSet(viewsets.ModelViewSet):
    serializer_class = ImprovementActionSerializer
    permission_classes = [ActionPermission]
    filterset_class = ImprovementActionFilter

    def get_queryset(self) -> QuerySet[ImprovementAction]:
        return actions_for_user(self.request.user).prefetch_related("touchpoints", "feedback")

    @extend_schema(request=ActionTransitionSerializer, responses=ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        serializer = ActionTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_transition(action=improvement, to=serializer.validated_data["to"], user=request.user)
        fresh = self.get_queryset().get(pk=improvement.pk)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(request=ActionLinkSerializer, responses=ImprovementActionSerializer)
    @action(detail=True, methods=["post"])
    def links(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        serializer = ActionLinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_link_object(
            action=improvement,
            label=serializer.validated_data["type"],
            object_id=serializer.validated_data["object_id"],
            user=request.user,
        )
        return Response(self.get_serializer(improvement).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["get"])
    def impact(self, request: Request, pk: str | None = None) -> Response:
        improvement = self.get_object()
        if improvement.done_at is None:
            return Response({"done": False, "rows": []})
        result = before_after(list(improvement.touchpoints.values_list("id", flat=True)), improvement.done_at)
        return Response(
            {
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
        )
