from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts import services
from accounts.api.serializers import DepartmentSerializer, TokenRequestSerializer, TokenSerializer, UserSerializer
from accounts.filters import DepartmentFilter, UserFilter
from accounts.models import Department, User
from accounts.selectors import users_visible_to
from core.api.permissions import ReadStaffWriteAdmin


class TokenView(APIView):
    """POST username + password → {"token": "..."}; throttled, and locked out by django-axes."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth_token"

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenSerializer}, auth=[])
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class DepartmentViewSet(viewsets.ModelViewSet):
    queryset = Department.objects.select_related("parent").order_by("name")
    serializer_class = DepartmentSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_class = DepartmentFilter

    def perform_destroy(self, instance: Department) -> None:
        services.department_delete(actor=cast(User, self.request.user), department=instance)


class UserViewSet(viewsets.ModelViewSet):
    serializer_class = UserSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_class = UserFilter

    def get_queryset(self) -> QuerySet[User]:
        return users_visible_to(self.request.user)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Users are deactivated, never deleted: their cases and records keep pointing at them."""
        services.user_deactivate(actor=cast(User, request.user), user=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
