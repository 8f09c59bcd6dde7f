"""Writes with rules: invitations (reusable by other apps), waves, transactional triggers, answers, opt-out."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from customers.models import Customer, Interaction
from nps import rules
from nps.answer_events import response_payload, responses_dispatch_events  # noqa: F401
from nps.answers import (  # noqa: F401 - the answer services are part of this module's interface
    AnswerTarget,
    InvitationUnavailable,
    RecordedAnswer,
    SubmitResult,
    TokenAnswer,
    answer_target,
    invitation_answerable,
    response_record,
    response_record_by_token,
    response_submit,
)
from nps.choices import CampaignStatus, InvitationStatus, SkipReason
from nps.config_services import require_admin
from nps.models import Campaign, Invitation, Survey, TriggerRule

logger = logging.getLogger(__name__)


# --- Invitations -----------------------------------------------------------------------------------------------


def _touchpoint_id(survey: Survey, interaction: Interaction | None, campaign: Campaign | None) -> int | None:
    if interaction is not None:
        return interaction.touchpoint_id
    if campaign is not None and campaign.touchpoint_id:
        return campaign.touchpoint_id
    return survey.touchpoint_id


def dispatch_soon() -> None:
    """Ask a worker to send due invitations now; the periodic job catches up if the broker is unreachable."""
    from nps import tasks

    def kick() -> None:
        try:
            if tasks.invitations_dispatch.app.conf.task_always_eager:
                tasks.invitations_dispatch.apply_async(kwargs={"max_batches": settings.NPS_EAGER_MAX_BATCHES})
                return
            for _i in range(max(1, settings.NPS_DISPATCH_FANOUT)):
                tasks.invitations_dispatch.apply_async(retry=False)
        except Exception:
            logger.warning("nps: could not enqueue dispatch; the periodic job will send later", exc_info=True)

    transaction.on_commit(kick)


def invitation_create(
    *,
    survey: Survey,
    customer: Customer,
    scheduled_for: dt.datetime | None = None,
    interaction: Interaction | None = None,
    campaign: Campaign | None = None,
    context: dict[str, Any] | None = None,
) -> Invitation:
    """Queue one invitation, or record it as `skipped` with the reason when a rule forbids the mail.

    At most one invitation per interaction: a second call for the same interaction returns the first.
    """
    now = timezone.now()
    reasons = rules.skip_reasons(survey=survey, customers=[customer], now=now)
    reason = reasons.get(customer.pk, "")
    invitation = Invitation(
        survey=survey,
        customer=customer,
        campaign=campaign,
        interaction=interaction,
        touchpoint_id=_touchpoint_id(survey, interaction, campaign),
        context=context or {},
        scheduled_for=scheduled_for or now,
        status=InvitationStatus.SKIPPED if reason else InvitationStatus.QUEUED,
        skip_reason=reason,
    )
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        existing = Invitation.objects.filter(interaction=interaction).first() if interaction else None
        if existing is None and campaign is not None:
            existing = Invitation.objects.filter(campaign=campaign, customer=customer).first()
        if existing is None:
            raise
        return existing
    if not reason and invitation.scheduled_for <= now:
        dispatch_soon()
    return invitation


# --- Waves -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LaunchResult:
    invited: int
    skipped_no_consent: int
    skipped_quarantine: int
    skipped_suppressed: int

    def as_dict(self) -> dict[str, int]:
        return {
            "invited": self.invited,
            "skipped_no_consent": self.skipped_no_consent,
            "skipped_quarantine": self.skipped_quarantine,
            "skipped_suppressed": self.skipped_suppressed,
        }


def campaign_audience(campaign: Campaign) -> QuerySet[Customer]:
    customers = Customer.objects.filter(erased_at__isnull=True).exclude(email="")
    if campaign.segment:
        customers = customers.filter(segment=campaign.segment)
    if campaign.touchpoint_id or campaign.interactions_from or campaign.interactions_to:
        interactions = Interaction.objects.filter(customer=OuterRef("pk"))
        if campaign.touchpoint_id:
            interactions = interactions.filter(touchpoint_id=campaign.touchpoint_id)
        if campaign.interactions_from:
            interactions = interactions.filter(occurred_at__date__gte=campaign.interactions_from)
        if campaign.interactions_to:
            interactions = interactions.filter(occurred_at__date__lte=campaign.interactions_to)
        customers = customers.filter(Exists(interactions))
    return customers.order_by("pk")


def campaign_launch(*, actor: User, campaign: Campaign) -> LaunchResult:
    """Record one invitation per audience member (skipped ones with their reason) and start sending."""
    require_admin(actor)
    now = timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("survey").get(pk=campaign.pk)
        if campaign.status not in (CampaignStatus.DRAFT,):
            raise ValidationError({"status": _("Diese Befragungswelle wurde bereits gestartet.")})
        survey = campaign.survey
        if not survey.active:
            raise ValidationError({"survey": _("Die Befragung ist nicht aktiv.")})
        customers = list(campaign_audience(campaign).only("pk", "email", "erased_at"))
        reasons = rules.skip_reasons(survey=survey, customers=customers, now=now)
        scheduled_for = max(now, campaign.scheduled_at or now)
        touchpoint_id = _touchpoint_id(survey, None, campaign)
        rows = [
            Invitation(
                survey=survey,
                campaign=campaign,
                customer_id=c.pk,
                touchpoint_id=touchpoint_id,
                scheduled_for=scheduled_for,
                status=InvitationStatus.SKIPPED if reasons.get(c.pk) else InvitationStatus.QUEUED,
                skip_reason=reasons.get(c.pk, ""),
            )
            for c in customers
        ]
        Invitation.objects.bulk_create(rows, batch_size=1000)
        counted = list(reasons.values())
        result = LaunchResult(
            invited=len(customers) - len(counted),
            skipped_no_consent=counted.count(SkipReason.NO_CONSENT),
            skipped_quarantine=counted.count(SkipReason.QUARANTINE),
            skipped_suppressed=counted.count(SkipReason.SUPPRESSED),
        )
        campaign.status = CampaignStatus.SCHEDULED if scheduled_for > now else CampaignStatus.SENDING
        campaign.launched_at = now
        for field, value in result.as_dict().items():
            setattr(campaign, field, value)
        campaign.save()
        if campaign.status == CampaignStatus.SENDING:
            dispatch_soon()
    return result


def campaigns_refresh(*, now: dt.datetime | None = None) -> int:
    """Scheduled waves whose time has come start sending; sending waves with nothing left to send are done."""
    now = now or timezone.now()
    changed = Campaign.objects.filter(status=CampaignStatus.SCHEDULED, scheduled_at__lte=now).update(
        status=CampaignStatus.SENDING
    )
    pending = Invitation.objects.filter(
        campaign=OuterRef("pk"),
        sent_at__isnull=True,
        status__in=[InvitationStatus.QUEUED, InvitationStatus.SENDING],
    )
    changed += (
        Campaign.objects.filter(status=CampaignStatus.SENDING)
        .exclude(Exists(pending))
        .update(status=CampaignStatus.DONE, finished_at=now)
    )
    return changed


# --- Transactional triggers ------------------------------------------------------------------------------------


def _sampled(rule: TriggerRule, interaction_id: int) -> bool:
    """Deterministic sampling: the same interaction is always in or out for a rule (replays stay idempotent)."""
    if rule.sampling_rate >= 1:
        return True
    digest = hashlib.sha256(f"{rule.pk}:{interaction_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < rule.sampling_rate


def interaction_trigger(*, interaction: Interaction) -> Invitation | None:
    """Apply the touchpoint's active trigger rules; the first sampled rule creates the one invitation."""
    rules_qs = TriggerRule.objects.filter(
        touchpoint_id=interaction.touchpoint_id, active=True, survey__active=True
    ).select_related("survey")
    for rule in rules_qs.order_by("pk"):
        if not _sampled(rule, interaction.pk):
            continue
        return invitation_create(
            survey=rule.survey,
            customer=interaction.customer,
            interaction=interaction,
            scheduled_for=interaction.occurred_at + dt.timedelta(hours=rule.delay_hours),
        )
    return None


def on_interaction_created(event_type: str, payload: dict[str, Any]) -> None:
    interaction_id = payload.get("interaction_id")
    if not isinstance(interaction_id, int):
        return
    interaction = Interaction.objects.select_related("customer").filter(pk=interaction_id).first()
    if interaction is not None:
        interaction_trigger(interaction=interaction)


def invitation_opt_out(*, invitation: Invitation, ip: str | None = None) -> None:
    """Withdraw the customer's survey-email consent; pending mails for the customer are skipped."""
    from customers import services as customer_services

    with transaction.atomic():
        customer_services.consent_withdraw(
            customer=invitation.customer, purpose="survey_email", source="nps-opt-out", ip=ip
        )
        Invitation.objects.filter(
            customer=invitation.customer, status=InvitationStatus.QUEUED, sent_at__isnull=True
        ).update(status=InvitationStatus.SKIPPED, skip_reason=SkipReason.NO_CONSENT)
