"""Reads about feedback and improvement actions: scoped querysets, topic keywords, linked records, summaries.

Who reads and writes (accounts.roles): feedback and actions are read by CX_STAFF (managers and agents: their
department's), feedback is recorded by CASE_WORKERS, improvement actions are planned by LEADS.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.scoping import scope_to_department
from feedback.choices import ActionStatus
from feedback.models import ActionLink, Feedback, ImprovementAction, Topic


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


def _link_targets(links: Iterable[ActionLink]) -> dict[int, Any]:
    """{link id: target or None}: one query per linked model, however many links (deleted targets are None)."""
    by_type: dict[int, list[ActionLink]] = defaultdict(list)
    for link in links:
        by_type[link.content_type_id].append(link)
    targets: dict[int, Any] = {}
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        found = model._default_manager.in_bulk([link.object_id for link in group]) if model else {}
        for link in group:
            targets[link.pk] = found.get(link.object_id)
    return targets


def action_link_rows(actions: Iterable[ImprovementAction]) -> dict[int, list[dict[str, Any]]]:
    """Linked complaint cases and NPS responses per action id, resolved now (deleted or erased targets as gone).

    Uses the actions' prefetched `links` when present (see `links_prefetch`), so a list costs a fixed number of
    queries.
    """
    actions = list(actions)
    links_by_action = {action.pk: list(action.links.all()) for action in actions}
    targets = _link_targets(link for links in links_by_action.values() for link in links)
    rows: dict[int, list[dict[str, Any]]] = {}
    for action_id, links in links_by_action.items():
        rows[action_id] = []
        for link in links:
            content_type = ContentType.objects.get_for_id(link.content_type_id)  # cached after the first call
            target = targets.get(link.pk)
            rows[action_id].append(
                {
                    "link": link,
                    "label": f"{content_type.app_label}.{content_type.model}",
                    "object_id": link.object_id,
                    "target": target,
                    "text": str(target) if target is not None else "",
                }
            )
    return rows


def action_links(action: ImprovementAction) -> list[dict[str, Any]]:
    return action_link_rows([action])[action.pk]


def links_prefetch() -> Prefetch[Any]:
    return Prefetch("links", queryset=ActionLink.objects.order_by("created_at", "id"))


def is_overdue(action: ImprovementAction) -> bool:
    return bool(action.due_date and action.status != ActionStatus.DONE and action.due_date < timezone.localdate())


def feedback_summary(queryset: QuerySet[Feedback]) -> dict[str, int]:
    return queryset.aggregate(
        total=Count("id"),
        positive=Count("id", filter=Q(sentiment="positive")),
        neutral=Count("id", filter=Q(sentiment="neutral")),
        negative=Count("id", filter=Q(sentiment="negative")),
    )
