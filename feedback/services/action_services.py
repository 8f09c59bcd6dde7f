"""Improvement action writes: create, edit, workflow, links, and the "you said, we did" notices."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department
from accounts.scoping import can_see_department
from core import events
from core.queue import enqueue
from customers.selectors import email_is_suppressed
from feedback.choices import ACTION_TRANSITIONS, ActionStatus, FeedbackStatus, NoticeStatus
from feedback.models import ActionLink, ActionNotice, Feedback, ImprovementAction
from touchpoints.models import Touchpoint

logger = logging.getLogger(__name__)

# What an action may link besides feedback: app_label.model → label. Resolved lazily, so no migration dependency.
LINKABLE_MODELS: dict[str, Any] = {
    "complaints.case": gettext_lazy("Beschwerde"),
    "nps.response": gettext_lazy("NPS-Kommentar"),
}


def _check_department(user: Any, department: Department) -> None:
    if user is not None and not can_see_department(user, department.pk):
        raise ValidationError({"department": _("Sie dürfen nur Maßnahmen Ihrer eigenen Abteilung anlegen.")})


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte geben Sie einen Titel an.")})
    if len(title) > 200:
        raise ValidationError({"title": _("Höchstens %(limit)d Zeichen.") % {"limit": 200}})
    return title


def action_create(
    *,
    title: str,
    department: Department,
    user: Any = None,
    description: str = "",
    touchpoints: Iterable[Touchpoint] = (),
    owner: Any = None,
    due_date: dt.date | None = None,
    expected_effect: str = "",
    feedback: Iterable[Feedback] = (),
) -> ImprovementAction:
    title = _clean_title(title)
    _check_department(user, department)
    with transaction.atomic():
        action = ImprovementAction.objects.create(
            title=title,
            description=description or "",
            department=department,
            owner=owner,
            due_date=due_date,
            expected_effect=expected_effect or "",
            created_by=user if getattr(user, "pk", None) else None,
        )
        action.touchpoints.set(list(touchpoints))
        for item in feedback:
            action_link_feedback(action=action, feedback=item)
    return action


def action_update(*, action: ImprovementAction, user: Any = None, **fields: Any) -> ImprovementAction:
    allowed = {"title", "description", "department", "owner", "due_date", "expected_effect", "touchpoints"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = _clean_title(fields["title"])
    if "department" in fields:
        _check_department(user, fields["department"])
    touchpoints = fields.pop("touchpoints", None)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(action, name, value)
        action.save()
        if touchpoints is not None:
            action.touchpoints.set(list(touchpoints))
    return action


def action_transition(*, action: ImprovementAction, to: str, user: Any = None) -> ImprovementAction:
    """Move along idea → planned → in_progress → done; on done, close the feedback and inform its authors."""
    if to not in ActionStatus.values:
        raise ValidationError({"to": _("Unbekannter Status.")})
    with transaction.atomic():
        action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
        if to not in ACTION_TRANSITIONS[action.status]:
            raise ValidationError(
                {
                    "to": _("Von „%(from)s“ geht es nicht direkt zu „%(to)s“.")
                    % {"from": action.get_status_display(), "to": ActionStatus(to).label}
                }
            )
        previous = action.status
        action.status = to
        action.done_at = timezone.now() if to == ActionStatus.DONE else None
        action.save(update_fields=["status", "done_at", "updated_at"])
        if to == ActionStatus.DONE:
            action.feedback.exclude(status=FeedbackStatus.CLOSED).update(
                status=FeedbackStatus.CLOSED, updated_at=timezone.now()
            )
            action_id = action.pk

            def after_commit() -> None:
                from feedback.tasks import notify_action_contacts

                enqueue(notify_action_contacts, action_id)

            transaction.on_commit(after_commit)
        events.emit(
            "improvement.status_changed",
            {"action_id": action.pk, "from": previous, "to": to, "department_id": action.department_id},
        )
    return action


def action_link_feedback(*, action: ImprovementAction, feedback: Feedback) -> None:
    with transaction.atomic():
        action.feedback.add(feedback)
        Feedback.objects.filter(pk=feedback.pk, status__in=[FeedbackStatus.NEW, FeedbackStatus.REVIEWED]).update(
            status=FeedbackStatus.ACTIONED, updated_at=timezone.now()
        )
        for touchpoint_id in [feedback.touchpoint_id]:
            action.touchpoints.add(touchpoint_id)


def action_unlink_feedback(*, action: ImprovementAction, feedback: Feedback) -> None:
    action.feedback.remove(feedback)


def _resolve_target(label: str, object_id: int, user: Any) -> Any:
    if label not in LINKABLE_MODELS:
        raise ValidationError({"target": _("Dieser Datensatztyp kann nicht verknüpft werden.")})
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise ValidationError({"target": _("Dieser Datensatztyp ist nicht verfügbar.")}) from None
    target = model._default_manager.filter(pk=object_id).first()
    if target is None:
        raise ValidationError({"object_id": _("Kein Datensatz mit dieser Nummer gefunden.")})
    department_id = getattr(target, "department_id", None)
    if user is not None and department_id is not None and not can_see_department(user, department_id):
        # Same message as not found: never leak that another department's record exists.
        raise ValidationError({"object_id": _("Kein Datensatz mit dieser Nummer gefunden.")})
    return target


def action_link_object(*, action: ImprovementAction, label: str, object_id: int, user: Any = None) -> ActionLink:
    """Link a complaint case ("complaints.case") or NPS response ("nps.response") by its id."""
    target = _resolve_target(label, object_id, user)
    content_type = ContentType.objects.get_for_model(type(target))
    link, _created = ActionLink.objects.get_or_create(
        action=action, content_type=content_type, object_id=target.pk
    )
    return link


def action_unlink_object(*, action: ImprovementAction, link_id: int) -> None:
    ActionLink.objects.filter(action=action, pk=link_id).delete()


def _contact_of(feedback: Feedback) -> tuple[str, str]:
    """(email, language) to inform, or ("", reason) when this feedback must not be contacted."""
    if not feedback.contact_consent:
        return "", "no_consent"
    customer = feedback.customer
    if customer is not None and customer.is_erased:
        return "", "erased"
    email = feedback.contact_email or (customer.email if customer else "")
    if not email:
        return "", "no_email"
    if email_is_suppressed(email):
        return "", "suppressed"
    language = feedback.language or (customer.language if customer else "de")
    return email, language


def action_notify_contacts(*, action_id: int) -> dict[str, int]:
    """Send "you said, we did" once per linked feedback (and once per address); safe to run twice."""
    from feedback.emails import send_you_said_we_did

    action = ImprovementAction.objects.filter(pk=action_id, status=ActionStatus.DONE).first()
    counts = {"sent": 0, "skipped": 0, "already": 0}
    if action is None:
        return counts
    informed: set[str] = set()
    for item in action.feedback.select_related("customer").order_by("created_at", "id"):
        try:
            with transaction.atomic():
                notice = ActionNotice.objects.create(action=action, feedback=item)
        except IntegrityError:
            existing = ActionNotice.objects.filter(action=action, feedback=item, status=NoticeStatus.SENT).first()
            if existing is not None and item.contact_email:
                informed.add(item.contact_email.lower())
            counts["already"] += 1
            continue
        email, language_or_reason = _contact_of(item)
        if not email or email.lower() in informed:
            reason = language_or_reason if not email else "duplicate_address"
            ActionNotice.objects.filter(pk=notice.pk).update(status=NoticeStatus.SKIPPED, reason=reason)
            counts["skipped"] += 1
            continue
        send_you_said_we_did(action=action, feedback=item, email=email, language=language_or_reason)
        ActionNotice.objects.filter(pk=notice.pk).update(
            status=NoticeStatus.SENT, language=language_or_reason, sent_at=timezone.now()
        )
        informed.add(email.lower())
        counts["sent"] += 1
    return counts
