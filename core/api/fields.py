"""Relation fields of the API (DESIGN.md, "Conventions"): the id on read; the id or, where the model has one,
the slug on write. A NUL byte, a number too large for an id, or a value of another type is a 400, never a 500."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers

MAX_ID_DIGITS = 18  # bigint ids; a longer number cannot exist (and would overflow the database's integer)


def has_slug(model: Any) -> bool:
    return any(field.name == "slug" for field in model._meta.get_fields())


class IdOrSlugRelatedField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {
        "required": _("Dieses Feld ist erforderlich."),
        "does_not_exist": _("„{value}“ gibt es nicht."),
        "incorrect_type": _("Erwartet wird die ID (Zahl) oder das Kürzel, nicht {data_type}."),
    }

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        value = str(data).strip()
        queryset = self.get_queryset()
        assert queryset is not None  # noqa: S101 (writable relation fields always have one)
        if not value or "\x00" in value or len(value) > 200:
            self.fail("does_not_exist", value=value[:80].replace("\x00", ""))
        if value.isdigit():
            found = queryset.filter(pk=int(value)).first() if len(value) <= MAX_ID_DIGITS else None
        elif has_slug(queryset.model):
            found = queryset.filter(slug=value).first()
        else:
            self.fail("incorrect_type", data_type="Text")
        if found is None:
            self.fail("does_not_exist", value=value[:80])
        return found


class IdOrSlugFieldExtension(OpenApiSerializerFieldExtension):
    target_class = IdOrSlugRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        queryset = self.target.get_queryset() if not self.target.read_only else None
        if direction == "request" and queryset is not None and has_slug(queryset.model):
            return {"oneOf": [build_basic_type(OpenApiTypes.INT), build_basic_type(OpenApiTypes.STR)]}
        return build_basic_type(OpenApiTypes.INT)
