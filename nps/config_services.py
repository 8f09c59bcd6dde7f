"""Writes with rules for the NPS configuration: surveys, trigger rules and waves (campaigns).

Only CX admins configure (accounts.roles.ADMINS), whether through the API or a page. Configuration never takes
answers with it: a survey that invitations, answers or waves use is refused with a Conflict (409) that says what
uses it — deactivate it instead (`active: false`); a wave may be changed or deleted only while it is a draft
without invitations. The database holds the same line (PROTECT on every path from configuration to answers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.errors import Conflict, delete_or_conflict, in_use
from nps.choices import CampaignStatus, SurveyKind
from nps.models import Campaign, Invitation, Response, Survey, TriggerRule
from touchpoints.models import Touchpoint

SURVEY_FIELDS = frozenset(
    {
        "name", "kind", "question_de", "question_en", "follow_up_de", "follow_up_en", "extra_questions",
        "touchpoint", "reminder_after_days", "max_reminders", "link_valid_days", "edit_window_days",
        "detractor_threshold", "counts_for_quarantine", "ignores_quarantine", "promoter_prompt_de",
        "promoter_prompt_en", "promoter_link", "active",
    }
)  # fmt: skip
TRIGGER_RULE_FIELDS = frozenset({"touchpoint", "survey", "delay_hours", "sampling_rate", "active"})
CAMPAIGN_FIELDS = frozenset(
    {"name", "survey", "segment", "touchpoint", "interactions_from", "interactions_to", "scheduled_at"}
)


def require_admin(actor: User) -> None:
    """Configuration is the CX admins' (the same rule for the API's permission class and the pages' guard)."""
    if not roles.has_role(actor, roles.ADMINS):
        raise PermissionDenied(_("Nur die CX-Administration darf die NPS-Befragungen konfigurieren."))


def _apply(instance: models.Model, changes: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({field: _("Dieses Feld kann nicht geändert werden.") for field in sorted(unknown)})
    for field, value in changes.items():
        setattr(instance, field, value)


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()


def _plural(model: type[models.Model]) -> str:
    return str(capfirst(model._meta.verbose_name_plural))


def _uses(counts: Mapping[type[models.Model], int]) -> dict[str, int]:
    """{"Antworten": 12, "Einladungen": 40}: what still uses a row, counted in SQL, only what is there."""
    return {_plural(model): count for model, count in counts.items() if count}


# --- Surveys ---------------------------------------------------------------------------------------------------


def validate_extra_questions(value: Any) -> list[dict[str, str]]:
    """Extra questions are rated 0–10 like the main question; each needs a unique key and German/English labels."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ValidationError({"extra_questions": _("Bitte geben Sie eine Liste von Fragen an.")})
    seen: set[str] = set()
    cleaned = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("key", "label_de")
        ):
            raise ValidationError(
                {"extra_questions": _("Jede Zusatzfrage braucht einen Schlüssel (key) und eine deutsche Bezeichnung.")}
            )
        key = item["key"].strip()
        if not key.isidentifier() or key in seen or len(key) > 40:
            raise ValidationError(
                {"extra_questions": _("Der Schlüssel „%(key)s“ ist ungültig oder doppelt.") % {"key": key}}
            )
        seen.add(key)
        cleaned.append(
            {"key": key, "label_de": item["label_de"][:200], "label_en": str(item.get("label_en") or "")[:200]}
        )
    return cleaned


def _clean_survey(survey: Survey) -> None:
    survey.extra_questions = validate_extra_questions(survey.extra_questions)
    _save(survey)


@transaction.atomic
def survey_create(*, actor: User, data: Mapping[str, Any]) -> Survey:
    """A new survey from the fields in SURVEY_FIELDS (name is required; the rest have the model's defaults)."""
    require_admin(actor)
    survey = Survey(kind=SurveyKind.RELATIONSHIP)
    _apply(survey, data, SURVEY_FIELDS)
    _clean_survey(survey)
    return survey


@transaction.atomic
def survey_update(*, actor: User, survey: Survey, changes: dict[str, Any]) -> Survey:
    require_admin(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    _apply(survey, changes, SURVEY_FIELDS)
    _clean_survey(survey)
    return survey


def survey_usage(survey: Survey) -> dict[str, int]:
    return _uses(
        {
            Response: Response.objects.filter(survey=survey).count(),
            Invitation: Invitation.objects.filter(survey=survey).count(),
            Campaign: Campaign.objects.filter(survey=survey).count(),
        }
    )


@transaction.atomic
def survey_delete(*, actor: User, survey: Survey) -> None:
    """Delete a survey nobody used yet (its trigger rules go with it); otherwise Conflict: deactivate it instead."""
    require_admin(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    used_by = survey_usage(survey)
    if used_by:
        raise in_use(survey, used_by)
    delete_or_conflict(survey)


# --- Trigger rules ---------------------------------------------------------------------------------------------


@transaction.atomic
def trigger_rule_create(
    *,
    actor: User,
    touchpoint: Touchpoint,
    survey: Survey,
    delay_hours: int = 24,
    sampling_rate: float = 1.0,
    active: bool = True,
) -> TriggerRule:
    require_admin(actor)
    rule = TriggerRule(
        touchpoint=touchpoint, survey=survey, delay_hours=delay_hours, sampling_rate=sampling_rate, active=active
    )
    _save(rule)
    return rule


@transaction.atomic
def trigger_rule_update(*, actor: User, rule: TriggerRule, changes: dict[str, Any]) -> TriggerRule:
    require_admin(actor)
    rule = TriggerRule.objects.select_for_update().get(pk=rule.pk)
    _apply(rule, changes, TRIGGER_RULE_FIELDS)
    _save(rule)
    return rule


def trigger_rule_delete(*, actor: User, rule: TriggerRule) -> None:
    """A rule only decides future invitations; the invitations it created stay (they point at the interaction)."""
    require_admin(actor)
    delete_or_conflict(rule)


# --- Waves -----------------------------------------------------------------------------------------------------


def _check_period(campaign: Campaign) -> None:
    start, end = campaign.interactions_from, campaign.interactions_to
    if start and end and start > end:
        raise ValidationError({"interactions_to": _("Das Ende liegt vor dem Anfang.")})


def _status_label(campaign: Campaign) -> str:
    return str(CampaignStatus(campaign.status).label)


@transaction.atomic
def campaign_create(
    *,
    actor: User,
    name: str,
    survey: Survey,
    segment: str = "",
    touchpoint: Touchpoint | None = None,
    interactions_from: dt.date | None = None,
    interactions_to: dt.date | None = None,
    scheduled_at: dt.datetime | None = None,
) -> Campaign:
    """A draft wave; it sends nothing until campaign_launch."""
    require_admin(actor)
    campaign = Campaign(
        name=name,
        survey=survey,
        segment=segment,
        touchpoint=touchpoint,
        interactions_from=interactions_from,
        interactions_to=interactions_to,
        scheduled_at=scheduled_at,
        created_by=actor if actor.pk else None,
    )
    _check_period(campaign)
    _save(campaign)
    return campaign


@transaction.atomic
def campaign_update(*, actor: User, campaign: Campaign, changes: dict[str, Any]) -> Campaign:
    """Change a draft wave; a launched one is what was sent and stays as it is (Conflict)."""
    require_admin(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise Conflict(
            _(
                "Die Befragungswelle „%(name)s“ ist nicht mehr im Entwurf (Status: %(status)s): Sie beschreibt, was "
                "versendet wurde, und kann nicht mehr geändert werden. Legen Sie eine neue Welle an."
            )
            % {"name": campaign.name, "status": _status_label(campaign)},
            extra={"status": campaign.status},
        )
    _apply(campaign, changes, CAMPAIGN_FIELDS)
    _check_period(campaign)
    _save(campaign)
    return campaign


@transaction.atomic
def campaign_delete(*, actor: User, campaign: Campaign) -> None:
    """Delete a draft wave without invitations; a launched wave keeps its invitations and answers (Conflict)."""
    require_admin(actor)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    used_by = _uses(
        {
            Invitation: Invitation.objects.filter(campaign=campaign).count(),
            Response: Response.objects.filter(invitation__campaign=campaign).count(),
        }
    )
    uses = ", ".join(f"{count} {name}" for name, count in used_by.items())
    if campaign.status != CampaignStatus.DRAFT:
        message = _(
            "Die Befragungswelle „%(name)s“ wurde bereits gestartet (Status: %(status)s) und kann nicht gelöscht "
            "werden: ihre Einladungen und Antworten bleiben erhalten."
        ) % {"name": campaign.name, "status": _status_label(campaign)}
        if uses:
            message = f"{message} ({uses})"
        raise Conflict(message, used_by=used_by, extra={"status": campaign.status})
    if used_by:
        raise Conflict(
            _("Die Befragungswelle „%(name)s“ hat bereits Einladungen (%(uses)s) und kann nicht gelöscht werden.")
            % {"name": campaign.name, "uses": uses},
            used_by=used_by,
            extra={"status": campaign.status},
        )
    delete_or_conflict(campaign)
