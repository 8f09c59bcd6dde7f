from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.errors import Conflict
from tests.factories import JourneyStageFactory, TouchpointFactory
from touchpoints import services
from touchpoints.models import JourneyStage, Touchpoint

pytestmark = pytest.mark.django_db


def orders(journey):
    return list(journey.steps.order_by("order").values_list("touchpoint__slug", "order"))


def test_touchpoint_create_validates_slug_and_importance(stages, department):
    with pytest.raises(ValidationError) as exc:
        services.touchpoint_create(
            name="X", slug="nicht gültig", stage=stages[0], channel="web", department=department, importance=9
        )
    assert {"slug", "importance"} <= set(exc.value.message_dict)
    assert not Touchpoint.objects.exists()


def test_touchpoint_update_rejects_unknown_fields(touchpoint):
    with pytest.raises(ValidationError) as exc:
        services.touchpoint_update(touchpoint=touchpoint, changes={"id": 5})
    assert "id" in exc.value.message_dict


def test_steps_set_sorts_by_given_order_and_renumbers(journey, stages, department):
    a, b = (TouchpointFactory(slug=s, stage=stages[1], department=department) for s in ("a", "b"))
    services.journey_steps_set(
        journey=journey,
        steps=[services.StepInput(touchpoint_id=b.pk, order=20), services.StepInput(touchpoint_id=a.pk, order=10)],
    )
    assert orders(journey) == [("a", 1), ("b", 2)]


def test_steps_set_rejects_unknown_touchpoints_without_changing_anything(journey):
    before = orders(journey)
    with pytest.raises(ValidationError) as exc:
        services.journey_steps_set(journey=journey, steps=[services.StepInput(touchpoint_id=999_999)])
    assert "999999" in exc.value.message_dict["steps"][0]
    assert orders(journey) == before


def test_step_move_up_down_and_at_the_edges(journey):
    first, _second, third = journey.steps.order_by("order")
    services.journey_step_move(journey=journey, step_id=third.pk, offset=-1)
    assert [s for s, _ in orders(journey)] == ["prospekt", "hotline", "kasse"]
    services.journey_step_move(journey=journey, step_id=first.pk, offset=-1)  # already first: unchanged
    assert [s for s, _ in orders(journey)] == ["prospekt", "hotline", "kasse"]
    services.journey_step_move(journey=journey, step_id=first.pk, offset=1)  # step ids stay stable
    assert orders(journey) == [("hotline", 1), ("prospekt", 2), ("kasse", 3)]
    services.journey_step_move(journey=journey, step_id=third.pk, offset=1)  # already last: unchanged
    assert orders(journey)[-1] == ("kasse", 3)


def test_step_add_remove_and_update_keep_expectations(journey, touchpoint):
    services.journey_step_add(journey=journey, touchpoint=touchpoint, expectation="freundlich")
    assert orders(journey)[-1] == ("filiale-hamburg", 4)
    kasse = journey.steps.get(touchpoint__slug="kasse")
    services.journey_step_remove(journey=journey, step_id=kasse.pk)
    assert orders(journey) == [("prospekt", 1), ("hotline", 2), ("filiale-hamburg", 3)]
    assert journey.steps.get(touchpoint__slug="hotline").expectation == "Erwartung Hotline"
    hotline = journey.steps.get(touchpoint__slug="hotline")
    services.journey_step_update(journey=journey, step_id=hotline.pk, expectation="kurze Wartezeit")
    assert journey.steps.get(touchpoint__slug="hotline").expectation == "kurze Wartezeit"


def test_step_of_another_journey_is_rejected(journey):
    other = services.journey_create(name="Andere")
    step = journey.steps.first()
    with pytest.raises(ValidationError):
        services.journey_step_remove(journey=other, step_id=step.pk)
    assert journey.steps.count() == 3


def test_stage_create_appends_and_move_swaps_neighbours(stages):
    new = services.stage_create(name="Rückgewinnung", slug="rueckgewinnung")
    assert new.order == 7
    services.stage_move(stage=new, offset=-1)
    slugs = list(JourneyStage.objects.order_by("order").values_list("slug", flat=True))
    assert slugs[-2:] == ["rueckgewinnung", "loyalitaet"]
    assert list(JourneyStage.objects.order_by("order").values_list("order", flat=True)) == list(range(1, 8))


def test_stage_reorder_needs_every_stage_once(stages):
    with pytest.raises(ValidationError):
        services.stage_reorder(stage_ids=[s.pk for s in stages] + [stages[0].pk])


def test_stage_delete_of_empty_stage_works_and_of_used_stage_is_refused(touchpoint):
    empty = JourneyStageFactory(slug="leer")
    services.stage_delete(stage=empty)
    assert not JourneyStage.objects.filter(slug="leer").exists()
    with pytest.raises(Conflict) as refused:
        services.stage_delete(stage=touchpoint.stage)
    assert refused.value.used_by == {"Kontaktpunkte": 1}
    assert JourneyStage.objects.filter(pk=touchpoint.stage_id).exists()
