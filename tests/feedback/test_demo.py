"""The demo seed: realistic volume, topics, actions, and idempotence."""

from __future__ import annotations

import io

import pytest

from accounts.demo import seed_base
from feedback import demo
from feedback.models import Feedback, ImprovementAction

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_feedback_and_actions_once() -> None:
    out = io.StringIO()
    seed_base(out)
    demo.seed(out)
    assert 190 <= Feedback.objects.count() <= 210
    topics = set(Feedback.objects.values_list("topics__name", flat=True))
    assert {"Wartezeit", "Freundlichkeit", "Lieferung", "Preis", "Sauberkeit", "Beratung", "Produktqualität",
            "Retoure"} <= topics
    assert Feedback.objects.filter(language="en").exists()
    assert set(ImprovementAction.objects.values_list("status", flat=True)) == {"idea", "planned", "in_progress", "done"}
    done = ImprovementAction.objects.get(status="done")
    assert done.feedback.exists() and done.done_at is not None
    demo.seed(out)
    assert 190 <= Feedback.objects.count() <= 210
    assert ImprovementAction.objects.count() == 4
