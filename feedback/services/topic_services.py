"""Topic writes: every change re-tags the automatically tagged feedback in the background (staff corrections stay).

A topic that tags feedback is not deleted (its tags would vanish from the statistics): it is deactivated instead.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from core.errors import in_use
from feedback.models import Feedback, Topic

EDITABLE_FIELDS = frozenset({"name", "keywords", "active"})


def _retag_after_commit() -> None:
    from feedback.tasks import retag_topics

    transaction.on_commit(retag_topics.delay)


def _check_admin(actor: User) -> None:
    if not roles.has_role(actor, roles.ADMINS):
        raise PermissionDenied


def _save(topic: Topic) -> Topic:
    topic.name = (topic.name or "").strip()
    if Topic.objects.filter(name__iexact=topic.name).exclude(pk=topic.pk).exists():
        raise ValidationError({"name": _("Ein Thema mit diesem Namen gibt es bereits.")})
    topic.full_clean()
    with transaction.atomic():
        topic.save()
        _retag_after_commit()
    return topic


def topic_create(*, actor: User, name: str, keywords: str = "", active: bool = True) -> Topic:
    _check_admin(actor)
    return _save(Topic(name=name, keywords=keywords, active=active))


def topic_update(*, actor: User, topic: Topic, changes: dict[str, Any]) -> Topic:
    _check_admin(actor)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}")
    for name, value in changes.items():
        setattr(topic, name, value)
    return _save(topic)


def topic_delete(*, actor: User, topic: Topic) -> None:
    """Delete an unused topic; one that tags feedback answers 409 (deactivate it instead)."""
    _check_admin(actor)
    used = Feedback.objects.filter(topics=topic).count()
    if used:
        raise in_use(topic, {str(Feedback._meta.verbose_name_plural): used})
    with transaction.atomic():
        topic.delete()
        _retag_after_commit()
