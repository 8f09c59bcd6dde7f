"""Improvement action writes: create, edit, workflow, links, and the "you said, we did" notices."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import roles
from accounts.models import Department, User
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


def _check_actor(actor: User, department_id: int | None) -> None:
    """Leads change improvement actions; a manager only those of the own department (CX admins: every one)."""
    if not roles.has_role(actor, roles.LEADS):
        raise PermissionDenied
    if not can_see_department(actor, department_id):
        raise ValidationError(
            {"department": _("Sie dürfen nur Maßnahmen Ihrer eigenen Abteilung anlegen oder ändern.")}
        )


def _check_owner(owner: User | None, department: Department) -> None:
    """The owner works in the action's department (and can see it), or is a CX admin or the CCEO."""
    if owner is None:
        return
    role = roles.role_of(owner)
    if role in roles.OVERSEERS or (role in roles.CX_STAFF and owner.department_id == department.pk):
        return
    raise ValidationError(
        {
            "owner": _(
                "Verantwortlich kann nur eine aktive Person der Abteilung „%(department)s“ sein, die CX-Administration "
                "oder der CCEO."
            )
            % {"department": department.name}
        }
    )


def _check_feedback(actor: User, feedback: Feedback) -> None:
    if not can_see_department(actor, feedback.department_id):
        # Same message as an unknown number: never leak that another department's feedback exists.
        raise ValidationError({"feedback": _("Kein Feedback mit dieser Nummer gefunden.")})


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Bitte geben Sie einen Titel an.")})
    if len(title) > 200:
        raise ValidationError({"title": _("Höchstens %(limit)d Zeichen.") % {"limit": 200}})
    return title


def action_create(
    *,
    actor: User,
    title: str,
    department: Department,
    description: str = "",
    touchpoints: Iterable[Touchpoint] = (),
    owner: User | None = None,
    due_date: dt.date | None = None,
    expected_effect: str = "",
    feedback: Iterable[Feedback] = (),
) -> ImprovementAction:
    title = _clean_title(title)
    _check_actor(actor, department.pk)
    _check_owner(owner, department)
    chosen = list(touchpoints)
    items = list(feedback)
    for item in items:
        _check_feedback(actor, item)
    with transaction.atomic():
        action = ImprovementAction.objects.create(
            title=title,
            description=description or "",
            department=department,
            owner=owner,
            due_date=due_date,
            expected_effect=expected_effect or "",
            created_by=actor,
        )
        action.touchpoints.set(chosen)
        for item in items:
            _link_feedback(action, item)
    return action


EDITABLE_FIELDS = frozenset(
    {"title", "description", "department", "owner", "due_date", "expected_effect", "touchpoints", "feedback"}
)


def action_update(*, actor: User, action: ImprovementAction, changes: dict[str, Any]) -> ImprovementAction:
    """Change an action's fields; `feedback` (when given) replaces the linked feedback."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    fields = dict(changes)
    _check_actor(actor, action.department_id)
    if "title" in fields:
        fields["title"] = _clean_title(fields["title"])
    department: Department = fields.get("department") or action.department
    if "department" in fields:
        _check_actor(actor, department.pk)
    if "owner" in fields or "department" in fields:
        _check_owner(fields.get("owner", action.owner), department)
    touchpoints = fields.pop("touchpoints", None)
    feedback = fields.pop("feedback", None)
    if feedback is not None:
        feedback = list(feedback)
        for item in feedback:
            _check_feedback(actor, item)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(action, name, value)
        action.save()
        if touchpoints is not None:
            action.touchpoints.set(list(touchpoints))
        if feedback is not None:
            action.feedback.remove(*action.feedback.exclude(pk__in=[item.pk for item in feedback]))
            for item in feedback:
                _link_feedback(action, item)
    return action


def action_delete(*, actor: User, action: ImprovementAction) -> None:
    """Remove an action with its links and notices; the linked feedback stays (as it was, apart from its status)."""
    _check_actor(actor, action.department_id)
    action.delete()


def action_transition(*, actor: User, action: ImprovementAction, to: str) -> ImprovementAction:
    """Move along idea → planned → in_progress → done; on done, close the feedback and inform its authors."""
    _check_actor(actor, action.department_id)
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


def _link_feedback(action: ImprovementAction, feedback: Feedback) -> None:
    with transaction.atomic():
        action.feedback.add(feedback)
        Feedback.objects.filter(pk=feedback.pk, status__in=[FeedbackStatus.NEW, FeedbackStatus.REVIEWED]).update(
            status=FeedbackStatus.ACTIONED, updated_at=timezone.now()
        )
        action.touchpoints.add(feedback.touchpoint_id)


def action_link_feedback(*, actor: User, action: ImprovementAction, feedback: Feedback) -> None:
    _check_actor(actor, action.department_id)
    _check_feedback(actor, feedback)
    _link_feedback(action, feedback)


def action_unlink_feedback(*, actor: User, action: ImprovementAction, feedback: Feedback) -> None:
    _check_actor(actor, action.department_id)
    action.feedback.remove(feedback)


def _resolve_target(label: str, object_id: int, actor: User) -> Any:
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
    if department_id is not None and not can_see_department(actor, department_id):
        # Same message as not found: never leak that another department's record exists.
        raise ValidationError({"object_id": _("Kein Datensatz mit dieser Nummer gefunden.")})
    return target


def action_link_object(*, actor: User, action: ImprovementAction, label: str, object_id: int) -> ActionLink:
    """Link a complaint case ("complaints.case") or NPS response ("nps.response") by its id."""
    _check_actor(actor, action.department_id)
    target = _resolve_target(label, object_id, actor)
    content_type = ContentType.objects.get_for_model(type(target))
    link, _created = ActionLink.objects.get_or_create(
        action=action, content_type=content_type, object_id=target.pk
    )
    return link


def action_unlink_object(*, actor: User, action: ImprovementAction, link_id: int) -> None:
    _check_actor(actor, action.department_id)
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
