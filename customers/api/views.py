"""Customer data pool API.

Who may do what (DESIGN.md roles):
- read customers, their consents and interactions: cceo, cx_admin, manager, agent (customers are shared by the
  company; interactions are scoped to the department owning the touchpoint); trainers get 403.
- create and update customers: cx_admin, manager, agent (frontline staff create customers when logging a
  complaint); delete: cx_admin only.
- request a double opt-in or withdraw a consent: cx_admin, manager, agent; record a documented consent: cx_admin.
- GDPR export: the roles that see every department (cx_admin, cceo); erase and CSV import: cx_admin.
- push interactions: cx_admin (integrations), manager and agent (own department's touchpoints only).
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts import roles
from accounts.models import User
from core.api.permissions import RolePermission
from core.ratelimit import client_ip
from customers import services
from customers.api.serializers import (
    ConsentCreateSerializer,
    ConsentSerializer,
    ConsentWithdrawSerializer,
    CustomerSerializer,
    ImportJobSerializer,
    ImportResultSerializer,
    ImportUploadSerializer,
    InteractionSerializer,
)
from customers.filters import CustomerFilter, InteractionFilter
from customers.import_services import ImportResult
from customers.models import Customer, ImportJob, Interaction
from customers.selectors import customer_export, customers_visible_to, interactions_visible_to


def _actor(request: Request) -> User:
    return cast(User, request.user)


def _client_ip(request: Request) -> str | None:
    address = client_ip(request)
    return None if address == "unknown" else address


class CustomerViewSet(viewsets.ModelViewSet):
    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    permission_classes = [RolePermission.of(read=roles.CX_STAFF, write=roles.CASE_WORKERS)]
    action_roles = {
        "destroy": roles.ADMINS,
        "export": roles.OVERSEERS,
        "erase": roles.ADMINS,
        "import_csv": roles.ADMINS,
    }

    def get_queryset(self) -> QuerySet[Customer]:
        return customers_visible_to(self.request.user).order_by("id")

    def perform_create(self, serializer: BaseSerializer[Customer]) -> None:
        serializer.instance = services.customer_create(**serializer.validated_data, actor=_actor(self.request))

    def perform_update(self, serializer: BaseSerializer[Customer]) -> None:
        customer = serializer.instance
        if customer is None:  # pragma: no cover - DRF sets the instance for updates
            raise ValidationError({"customer": _("Unbekannte Kundin / unbekannter Kunde.")})
        serializer.instance = services.customer_update(
            actor=_actor(self.request), customer=customer, changes=serializer.validated_data
        )

    def perform_destroy(self, instance: Customer) -> None:
        services.customer_delete(actor=_actor(self.request), customer=instance)

    @extend_schema(methods=["GET"], request=None, responses={200: ConsentSerializer(many=True)})
    @extend_schema(methods=["POST"], request=ConsentCreateSerializer, responses={201: ConsentSerializer})
    @action(detail=True, methods=["get", "post"], pagination_class=None)  # a sub-list of one customer: a plain array
    def consents(self, request: Request, pk: str | None = None) -> Response:
        customer = self.get_object()
        if request.method == "GET":
            return Response(ConsentSerializer(customer.consents.order_by("id"), many=True).data)
        serializer = ConsentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["double_opt_in"]:
            consent = services.consent_request_double_opt_in(
                customer=customer,
                purpose=data["purpose"],
                source=data["source"],
                text_version=data["text_version"],
                actor=_actor(request),
                ip=_client_ip(request),
            )
        else:
            consent = services.consent_record_documented(
                customer=customer,
                purpose=data["purpose"],
                source=data["source"],
                evidence=data["evidence"],
                text_version=data["text_version"],
                granted_at=data["granted_at"],
                actor=_actor(request),
            )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ConsentWithdrawSerializer, responses={200: ConsentSerializer})
    @action(detail=True, methods=["post"], url_path="consents/withdraw", url_name="consents-withdraw")
    def consents_withdraw(self, request: Request, pk: str | None = None) -> Response:
        customer = self.get_object()
        serializer = ConsentWithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        consent = services.consent_withdraw(
            customer=customer,
            purpose=data["purpose"],
            source=data["source"],
            actor=_actor(request),
            ip=_client_ip(request),
            suppress=data["suppress"],
        )
        if consent is None:
            raise ValidationError({"purpose": _("Für diesen Zweck liegt keine Einwilligung vor.")})
        return Response(ConsentSerializer(consent).data)

    @extend_schema(responses={200: OpenApiResponse(description="Every record of the person, by app")})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> Response:
        return Response(customer_export(self.get_object()))

    @extend_schema(request=None, responses={200: CustomerSerializer})
    @action(detail=True, methods=["post"])
    def erase(self, request: Request, pk: str | None = None) -> Response:
        customer = self.get_object()
        services.customer_erase(customer=customer, actor=_actor(request))
        customer.refresh_from_db()
        return Response(CustomerSerializer(customer).data)

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            200: ImportResultSerializer,
            202: ImportResultSerializer,
            # Either the row errors of an import that was refused as a whole, or a field error (no file, too large).
            400: OpenApiResponse(response=OpenApiTypes.OBJECT, description="Row errors or field errors"),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_csv(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        if file.size > settings.CUSTOMER_IMPORT_MAX_BYTES:
            raise ValidationError({"file": _("Die Datei ist zu groß.")})
        outcome = services.customer_import_start(content=file.read(), file_name=file.name, actor=_actor(request))
        if outcome.job is not None:
            body = {
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "errors": [],
                "job": outcome.job.pk,
                "status": outcome.job.status,
                "status_url": reverse("api:customers-import-job-detail", args=[outcome.job.pk]),
            }
            return Response(body, status=status.HTTP_202_ACCEPTED)
        result = outcome.result or ImportResult()
        code = status.HTTP_400_BAD_REQUEST if result.errors else status.HTTP_200_OK
        return Response(result.as_dict(), status=code)


class ImportJobViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ImportJobSerializer
    permission_classes = [RolePermission.of(read=roles.ADMINS)]
    queryset = ImportJob.objects.defer("content")


class InteractionViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter

    permission_classes = [RolePermission.of(read=roles.CX_STAFF, write=roles.CASE_WORKERS)]

    def get_queryset(self) -> QuerySet[Interaction]:
        return interactions_visible_to(self.request.user)

    @extend_schema(responses={200: InteractionSerializer, 201: InteractionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record an interaction; a repeated external_id answers 200 with the first record (idempotent)."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        interaction, created = services.interaction_create(
            customer=data["customer"],
            touchpoint=data["touchpoint"],
            occurred_at=data["occurred_at"],
            external_id=data["external_id"],
            channel=data.get("channel") or "",
            actor=_actor(request),
        )
        return Response(
            self.get_serializer(interaction).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )
