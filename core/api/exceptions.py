"""API errors, one shape everywhere (DESIGN.md, "Conventions"):

- 400 `{"field": ["message", …], "non_field_errors": [...]}` — every value a list, also for errors raised as Django
  ValidationError by a service;
- 409 `{"detail": "...", "used_by": {...}}` for a Conflict (stale version, configuration in use) and for the
  database refusing a delete (ProtectedError);
- 401/403/404/429 as DRF answers them (`{"detail": "..."}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import Conflict, count_by_model, in_use


def as_lists(detail: Any) -> Any:
    """Every error value a list of messages (nested serializers keep their dict shape)."""
    if isinstance(detail, Mapping):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): (
                as_lists(value) if isinstance(value, Mapping | list) else [value]
            )
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return [as_lists(item) if isinstance(item, Mapping) else item for item in detail]
    return [detail]


def django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(as_lists(exc.message_dict))
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Conflict):
        return Response(exc.as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError | RestrictedError):
        protected = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        return Response(in_use(None, count_by_model(protected)).as_dict(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = django_validation_error(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = as_lists(response.data)
    return response
