from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from rest_framework import serializers

from accounts import services
from accounts.choices import Role
from accounts.models import Department, User


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "slug", "parent"]


class UserSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices)
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "role", "department", "is_active", "password"]

    def to_representation(self, instance: User) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["role"] = instance.effective_role
        return data

    def validate_password(self, value: str) -> str:
        validate_password(value)
        return value

    def create(self, validated_data: dict[str, Any]) -> User:
        return services.user_create(
            username=validated_data.pop("username"),
            password=validated_data.pop("password", None),
            role=validated_data.pop("role"),
            **validated_data,
        )

    def update(self, instance: User, validated_data: dict[str, Any]) -> User:
        role = validated_data.pop("role", None)
        password = validated_data.pop("password", None)
        for field, value in validated_data.items():
            setattr(instance, field, value)
        if password:
            instance.set_password(password)
        instance.save()
        if role is not None:
            services.user_set_role(user=instance, role=role)
        return instance
