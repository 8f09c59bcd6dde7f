from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.throttling import ScopedRateThrottle

from accounts.api.serializers import DepartmentSerializer, UserSerializer
from accounts.models import Department, User
from accounts.scoping import scope_to_department
from core.api.permissions import ReadStaffWriteAdmin


class TokenView(ObtainAuthToken):
    """POST username + password → {"token": "..."}; throttled, and locked out by django-axes."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth_token"


class DepartmentViewSet(viewsets.ModelViewSet):
    queryset = Department.objects.all()
    serializer_class = DepartmentSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_fields = ["slug"]


class UserViewSet(viewsets.ModelViewSet):
    serializer_class = UserSerializer
    permission_classes = [ReadStaffWriteAdmin]
    filterset_fields = ["role", "department", "is_active"]

    def get_queryset(self) -> QuerySet[User]:
        users = User.objects.select_related("department").order_by("username")
        return scope_to_department(users, self.request.user)
