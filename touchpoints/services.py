"""Writes with rules for journey stages, touchpoints and journeys (HackSoft style: `<entity>_<action>`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import Department
from core.errors import delete_or_conflict
from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint

TOUCHPOINT_FIELDS = frozenset(
    {"name", "slug", "stage", "channel", "kind", "department", "is_key", "importance", "description", "active"}
)
STAGE_FIELDS = frozenset({"name", "slug", "order"})
JOURNEY_FIELDS = frozenset({"name", "persona", "description"})


@dataclass(frozen=True)
class StepInput:
    """One step of a journey as a client sends it; `order` only sorts, stored orders are renumbered 1..n."""

    touchpoint_id: int
    expectation: str = ""
    order: int | None = None


def _apply(instance: Any, data: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({field: _("Dieses Feld kann nicht geändert werden.") for field in sorted(unknown)})
    for field, value in data.items():
        setattr(instance, field, value)


# --- Journey stages -----------------------------------------------------------------------------------------


MAX_STAGE_ORDER = 32767  # a small integer in the database


@transaction.atomic
def stage_create(*, name: str, slug: str, order: int | None = None) -> JourneyStage:
    if order is None:
        order = (JourneyStage.objects.aggregate(m=Max("order"))["m"] or 0) + 1
        if order > MAX_STAGE_ORDER:
            message = _("Die höchste Position ist vergeben. Bitte geben Sie eine Position an oder ordnen Sie neu.")
            raise ValidationError({"order": [message]})
    stage = JourneyStage(name=name, slug=slug, order=order)
    stage.full_clean()
    stage.save()
    return stage


@transaction.atomic
def stage_update(*, stage: JourneyStage, changes: Mapping[str, Any]) -> JourneyStage:
    _apply(stage, changes, STAGE_FIELDS)
    stage.full_clean()
    stage.save()
    return stage


def stage_delete(*, stage: JourneyStage) -> None:
    """Refused with a Conflict (409) naming what uses it while touchpoints belong to the stage."""
    delete_or_conflict(stage)


@transaction.atomic
def stage_reorder(*, stage_ids: Sequence[int]) -> list[JourneyStage]:
    """Give the stages the orders 1..n in the sequence of `stage_ids`, which must name every stage once."""
    stages = {s.pk: s for s in JourneyStage.objects.select_for_update()}
    if len(set(stage_ids)) != len(stage_ids) or set(stage_ids) != set(stages):
        raise ValidationError({"stages": _("Die neue Reihenfolge muss jede Phase genau einmal enthalten.")})
    ordered = [stages[pk] for pk in stage_ids]
    for position, stage in enumerate(ordered, start=1):
        stage.order = position
    JourneyStage.objects.bulk_update(ordered, ["order"])
    return ordered


def stage_move(*, stage: JourneyStage, offset: int) -> list[JourneyStage]:
    """Move one stage up (offset -1) or down (+1); at either end nothing changes."""
    ids = list(JourneyStage.objects.order_by("order", "name", "pk").values_list("pk", flat=True))
    index = ids.index(stage.pk)
    target = index + offset
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    return stage_reorder(stage_ids=ids)


# --- Touchpoints --------------------------------------------------------------------------------------------


@transaction.atomic
def touchpoint_create(
    *,
    name: str,
    slug: str,
    stage: JourneyStage,
    channel: str,
    department: Department,
    kind: str = "direct",
    is_key: bool = False,
    importance: int = 3,
    description: str = "",
    active: bool = True,
) -> Touchpoint:
    touchpoint = Touchpoint(
        name=name,
        slug=slug,
        stage=stage,
        channel=channel,
        kind=kind,
        department=department,
        is_key=is_key,
        importance=importance,
        description=description,
        active=active,
    )
    touchpoint.full_clean()
    touchpoint.save()
    return touchpoint


@transaction.atomic
def touchpoint_update(*, touchpoint: Touchpoint, changes: Mapping[str, Any]) -> Touchpoint:
    _apply(touchpoint, changes, TOUCHPOINT_FIELDS)
    touchpoint.full_clean()
    touchpoint.save()
    return touchpoint


def touchpoint_delete(*, touchpoint: Touchpoint) -> None:
    """Touchpoints that journeys or recorded data refer to stay: a Conflict (409) says what uses them; deactivate
    them instead."""
    delete_or_conflict(touchpoint)


# --- Journeys -----------------------------------------------------------------------------------------------


@transaction.atomic
def journey_create(
    *, name: str, persona: str = "", description: str = "", steps: Sequence[StepInput] | None = None
) -> Journey:
    journey = Journey(name=name, persona=persona, description=description)
    journey.full_clean()
    journey.save()
    if steps:
        journey_steps_set(journey=journey, steps=steps)
    return journey


@transaction.atomic
def journey_update(
    *, journey: Journey, changes: Mapping[str, Any], steps: Sequence[StepInput] | None = None
) -> Journey:
    """Change the journey's fields; when `steps` is given (also empty) it replaces all steps."""
    _apply(journey, changes, JOURNEY_FIELDS)
    journey.full_clean()
    journey.save()
    if steps is not None:
        journey_steps_set(journey=journey, steps=steps)
    return journey


@transaction.atomic
def journey_delete(*, journey: Journey) -> None:
    journey.delete()


def _validate_steps(steps: Sequence[StepInput]) -> list[StepInput]:
    orders = [s.order for s in steps if s.order is not None]
    if len(orders) != len(set(orders)):
        raise ValidationError({"steps": _("Jede Position darf in einer Kundenreise nur einmal vorkommen.")})
    wanted = {s.touchpoint_id for s in steps}
    existing = set(Touchpoint.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(wanted - existing)
    if missing:
        raise ValidationError(
            {"steps": _("Unbekannte Kontaktpunkte: %(ids)s.") % {"ids": ", ".join(str(pk) for pk in missing)}}
        )
    for step in steps:
        if len(step.expectation) > JourneyStep._meta.get_field("expectation").max_length:  # type: ignore[operator]
            raise ValidationError({"steps": _("Eine Erwartung ist zu lang (höchstens 255 Zeichen).")})
    # Steps with an explicit order sort by it; steps without keep their place in the list.
    indexed = list(enumerate(steps))
    indexed.sort(key=lambda item: (item[1].order if item[1].order is not None else item[0], item[0]))
    return [step for _index, step in indexed]


@transaction.atomic
def journey_steps_set(*, journey: Journey, steps: Sequence[StepInput]) -> list[JourneyStep]:
    """Replace the journey's steps with `steps` in the given order; stored orders become 1..n."""
    ordered = _validate_steps(steps)
    Journey.objects.select_for_update().filter(pk=journey.pk).first()
    journey.steps.all().delete()
    created = JourneyStep.objects.bulk_create(
        JourneyStep(journey=journey, touchpoint_id=s.touchpoint_id, expectation=s.expectation, order=position)
        for position, s in enumerate(ordered, start=1)
    )
    return created


def _locked_steps(journey: Journey) -> list[JourneyStep]:
    Journey.objects.select_for_update().filter(pk=journey.pk).first()
    return list(journey.steps.select_for_update().order_by("order", "pk"))


def _step_index(steps: list[JourneyStep], step_id: int) -> int:
    for index, step in enumerate(steps):
        if step.pk == step_id:
            return index
    raise ValidationError({"step": _("Dieser Schritt gehört nicht zu der Kundenreise.")})


def _renumber(steps: list[JourneyStep]) -> None:
    """Store orders 1..n; rows are saved one by one in ascending order so (journey, order) stays unique."""
    parking = max((s.order for s in steps), default=0) + 1
    # Park every step that must move above all current orders first, then put it in place.
    moving = [(position, step) for position, step in enumerate(steps, start=1) if step.order != position]
    for offset, (_position, step) in enumerate(moving):
        step.order = parking + offset
        step.save(update_fields=["order"])
    for position, step in moving:
        step.order = position
        step.save(update_fields=["order"])


# The editor's small operations change rows in place, so step ids stay stable between clicks.


@transaction.atomic
def journey_step_add(*, journey: Journey, touchpoint: Touchpoint, expectation: str = "") -> JourneyStep:
    steps = _locked_steps(journey)
    step = JourneyStep(journey=journey, touchpoint=touchpoint, expectation=expectation, order=len(steps) + 1)
    _renumber(steps)
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def journey_step_remove(*, journey: Journey, step_id: int) -> None:
    steps = _locked_steps(journey)
    removed = steps.pop(_step_index(steps, step_id))
    removed.delete()
    _renumber(steps)


@transaction.atomic
def journey_step_move(*, journey: Journey, step_id: int, offset: int) -> list[JourneyStep]:
    """Move a step up (offset -1) or down (+1); at either end nothing changes."""
    steps = _locked_steps(journey)
    index = _step_index(steps, step_id)
    target = index + offset
    if 0 <= target < len(steps):
        steps[index], steps[target] = steps[target], steps[index]
    _renumber(steps)
    return steps


@transaction.atomic
def journey_step_update(*, journey: Journey, step_id: int, expectation: str) -> JourneyStep:
    steps = _locked_steps(journey)
    step = steps[_step_index(steps, step_id)]
    step.expectation = expectation
    step.full_clean()
    step.save(update_fields=["expectation"])
    return step
