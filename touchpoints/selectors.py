"""Reads for the touchpoint pages and the journey map."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from touchpoints.health import Health, health_for
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint


@dataclass(frozen=True)
class Card:
    touchpoint: Touchpoint
    health: Health | None = None


@dataclass
class StageColumn:
    stage: JourneyStage
    cards: list[Card] = field(default_factory=list)


def touchpoint_list() -> QuerySet[Touchpoint]:
    return Touchpoint.objects.select_related("stage", "department")


def journey_list() -> QuerySet[Journey]:
    steps = JourneyStep.objects.select_related("touchpoint__stage").order_by("order", "pk")
    return Journey.objects.prefetch_related(Prefetch("steps", queryset=steps))


def journey_map_columns(*, include_inactive: bool = False) -> list[StageColumn]:
    """Stages in their order, each with its touchpoints as cards (key touchpoints first, then by name)."""
    touchpoints = Touchpoint.objects.select_related("department", "stage").order_by("-is_key", "name")
    if not include_inactive:
        touchpoints = touchpoints.filter(active=True)
    columns = {stage.pk: StageColumn(stage=stage) for stage in JourneyStage.objects.order_by("order", "name")}
    shown = list(touchpoints)
    health = health_for(shown)
    for tp in shown:
        columns[tp.stage_id].cards.append(Card(touchpoint=tp, health=health.get(tp.pk)))
    return list(columns.values())


def touchpoint_journey_steps(*, touchpoint: Touchpoint) -> QuerySet[JourneyStep]:
    """The steps in journeys where this touchpoint occurs, with the journey, in journey then step order."""
    return touchpoint.journey_steps.select_related("journey").order_by("journey__name", "order")
