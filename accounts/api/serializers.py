from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts import services
from accounts.choices import Role
from accounts.models import Department, User
from core.api.serializers import ModelSerializer


class DepartmentSerializer(ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "slug", "parent"]


class UserSerializer(ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices)
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}, trim_whitespace=False
    )

    class Meta:
        model = User
        fields = [
            "id", "username", "email", "first_name", "last_name", "language", "role", "department", "is_active",
            "password",
        ]  # fmt: skip

    def to_representation(self, instance: User) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["role"] = instance.effective_role
        return data

    def validate_username(self, value: str) -> str:
        if self.instance is not None and value != self.instance.username:
            raise serializers.ValidationError(_("Der Benutzername kann nicht geändert werden."))
        return value

    def create(self, validated_data: dict[str, Any]) -> User:
        return services.user_create(
            username=validated_data.pop("username"),
            password=validated_data.pop("password", None),
            role=validated_data.pop("role"),
            **validated_data,
        )

    def update(self, instance: User, validated_data: dict[str, Any]) -> User:
        validated_data.pop("username", None)
        actor = cast(User, self.context["request"].user)
        return services.user_update(actor=actor, user=instance, changes=validated_data)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False, write_only=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # django-axes counts failures on the Django request it is given, and the AxesMiddleware answers a
        # lockout only when it finds the flag on that same object: hand it the HttpRequest, not DRF's wrapper.
        request = self.context["request"]
        user = authenticate(
            request=getattr(request, "_request", request), username=attrs["username"], password=attrs["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Benutzername oder Passwort ist falsch.")]}, code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)
