"""Reads about feedback and improvement actions: scoped querysets, topic keywords, exports, summaries."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.scoping import scope_to_department
from feedback.choices import ActionStatus
from feedback.models import ActionLink, Feedback, ImprovementAction, Topic

# Roles that may read feedback and actions at all (scoped by department below); trainers get 403.
FEEDBACK_READ_ROLES = frozenset({"cceo", "cx_admin", "manager", "agent"})
# Roles that may record feedback and correct its analysis.
FEEDBACK_WRITE_ROLES = frozenset({"cx_admin", "manager", "agent"})
# Roles that may create and move improvement actions.
ACTION_WRITE_ROLES = frozenset({"cx_admin", "manager"})


def topic_keyword_map() -> dict[str, list[str]]:
    """Active topics and their keywords, in the shape the pure matcher expects."""
    return {topic.name: topic.keyword_list for topic in Topic.objects.filter(active=True).order_by("name")}


def feedback_for_user(user: Any) -> QuerySet[Feedback]:
    queryset = Feedback.objects.select_related("touchpoint", "customer", "department").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.order_by("name"))
    )
    return scope_to_department(queryset, user)


def actions_for_user(user: Any) -> QuerySet[ImprovementAction]:
    queryset = (
        ImprovementAction.objects.select_related("department", "owner")
        .annotate(feedback_count=Count("feedback", distinct=True))
        .order_by(F("due_date").asc(nulls_last=True), "-created_at", "-id")
    )
    return scope_to_department(queryset, user)


def action_board(queryset: QuerySet[ImprovementAction]) -> list[tuple[str, str, list[ImprovementAction]]]:
    """Columns of the board: (status, label, actions), in workflow order."""
    by_status: dict[str, list[ImprovementAction]] = {status: [] for status in ActionStatus.values}
    for action in queryset.prefetch_related("touchpoints"):
        by_status[action.status].append(action)
    return [(status, str(label), by_status[status]) for status, label in ActionStatus.choices]


def action_links(action: ImprovementAction) -> list[dict[str, Any]]:
    """Linked complaint cases and NPS responses, resolved now (deleted or erased targets show as gone)."""
    result = []
    for link in ActionLink.objects.filter(action=action).select_related("content_type"):
        model = link.content_type.model_class()
        target = model._default_manager.filter(pk=link.object_id).first() if model else None
        result.append(
            {
                "link": link,
                "label": f"{link.content_type.app_label}.{link.content_type.model}",
                "object_id": link.object_id,
                "target": target,
                "text": str(target) if target is not None else "",
            }
        )
    return result


def is_overdue(action: ImprovementAction) -> bool:
    return bool(action.due_date and action.status != ActionStatus.DONE and action.due_date < timezone.localdate())


EXPORT_COLUMNS = [
    "id", "created", "kind", "touchpoint", "department", "channel", "language", "sentiment", "sentiment_source",
    "topics", "status", "rating", "text",
]


def feedback_export_frame(queryset: QuerySet[Feedback]) -> pd.DataFrame:
    rows = [
        {
            "id": item.pk,
            "created": timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
            "kind": item.kind,
            "touchpoint": item.touchpoint.slug,
            "department": item.department.name,
            "channel": item.channel,
            "language": item.language,
            "sentiment": item.sentiment,
            "sentiment_source": item.sentiment_source,
            "topics": ", ".join(t.name for t in item.topics.all()),
            "status": item.status,
            "rating": item.rating,
            "text": item.text,
        }
        for item in queryset
    ]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def feedback_summary(queryset: QuerySet[Feedback]) -> dict[str, int]:
    return queryset.aggregate(
        total=Count("id"),
        positive=Count("id", filter=Q(sentiment="positive")),
        neutral=Count("id", filter=Q(sentiment="neutral")),
        negative=Count("id", filter=Q(sentiment="negative")),
    )
