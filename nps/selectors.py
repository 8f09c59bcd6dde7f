"""Reads: scoped querysets and the statistics behind the summary API and the survey page (aggregated in SQL)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek

from accounts.scoping import scope_to_department
from nps import stats
from nps.choices import NPS_KINDS, Category
from nps.models import Invitation, Response


def responses_visible_to(user: Any) -> QuerySet[Response]:
    """Managers and agents see their department's answers (via the touchpoint's department); cceo/admins all."""
    return scope_to_department(Response.objects.all(), user, field="department")


def nps_responses(queryset: QuerySet[Response]) -> QuerySet[Response]:
    """Only relationship and transactional surveys count for the NPS."""
    return queryset.filter(survey__kind__in=NPS_KINDS)


def counts(queryset: QuerySet[Response]) -> stats.Counts:
    row = queryset.aggregate(
        promoters=Count("pk", filter=Q(category=Category.PROMOTER)),
        passives=Count("pk", filter=Q(category=Category.PASSIVE)),
        detractors=Count("pk", filter=Q(category=Category.DETRACTOR)),
    )
    return stats.Counts(row["promoters"], row["passives"], row["detractors"])


def response_rate(responses: QuerySet[Response], invitations: QuerySet[Invitation]) -> float | None:
    sent = invitations.filter(sent_at__isnull=False).count()
    if not sent:
        return None
    answered = invitations.filter(sent_at__isnull=False, response__isnull=False).count()
    return round(100.0 * answered / sent, 1)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def summary(responses: QuerySet[Response], invitations: QuerySet[Invitation]) -> dict[str, Any]:
    result = stats.summarise(counts(responses))
    return {
        "nps": _rounded(result.nps),
        "responses": result.n,
        "promoters": result.promoters,
        "passives": result.passives,
        "detractors": result.detractors,
        "ci_low": _rounded(result.ci_low),
        "ci_high": _rounded(result.ci_high),
        "response_rate": response_rate(responses, invitations),
        "small_sample": result.small_sample,
    }


def distribution(queryset: QuerySet[Response]) -> list[int]:
    by_score = dict(queryset.values_list("score").annotate(n=Count("pk")).values_list("score", "n"))
    return [int(by_score.get(score, 0)) for score in range(11)]


def trend(queryset: QuerySet[Response], *, period: str = "month") -> list[dict[str, Any]]:
    trunc = TruncWeek if period == "week" else TruncMonth
    rows = (
        queryset.annotate(period=trunc("submitted_at"))
        .values("period")
        .annotate(
            promoters=Count("pk", filter=Q(category=Category.PROMOTER)),
            passives=Count("pk", filter=Q(category=Category.PASSIVE)),
            detractors=Count("pk", filter=Q(category=Category.DETRACTOR)),
        )
        .order_by("period")
    )
    points = []
    for row in rows:
        result = stats.summarise(stats.Counts(row["promoters"], row["passives"], row["detractors"]))
        point = {key: _rounded(value) if isinstance(value, float) else value for key, value in asdict(result).items()}
        point["period"] = row["period"].date().isoformat()
        points.append(point)
    return points


def campaign_progress(campaign_id: int) -> dict[str, Any]:
    rows = dict(
        Invitation.objects.filter(campaign_id=campaign_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    sent_ever = Invitation.objects.filter(campaign_id=campaign_id, sent_at__isnull=False).count()
    # From the responses, not the status: the worker marks an invitation answered a few seconds after the answer.
    answered = Response.objects.filter(invitation__campaign_id=campaign_id).count()
    return {
        "queued": int(rows.get("queued", 0)) + int(rows.get("sending", 0)),
        "sent": sent_ever,
        "failed": int(rows.get("failed", 0)),
        "answered": answered,
        "skipped": int(rows.get("skipped", 0)),
        "expired": int(rows.get("expired", 0)),
        "response_rate": round(100.0 * answered / sent_ever, 1) if sent_ever else None,
    }
